import Optimization
import Testing

@testable import Shell

/// Every command form, parsed into the value the interpreter receives.
struct CommandParsingTests {
  static let loss = Operand.quantity(QuantityRef(quantity: .loss))

  @Test(arguments: [
    ("load toy", DataSource.toy),
    ("LOAD TOY", .toy),
    ("load sparse", .sparse(count: nil, density: nil, seed: nil)),
    ("load sparse n=200", .sparse(count: 200, density: nil, seed: nil)),
    ("load sparse seed=7 density=0.05 n=1k", .sparse(count: 1000, density: 0.05, seed: 7)),
    ("load sparse n = 10", .sparse(count: 10, density: nil, seed: nil)),
    ("load data/points.csv", .csv(path: "data/points.csv", target: nil)),
    ("load points.CSV target=label", .csv(path: "points.CSV", target: "label")),
    ("load ../x target=\"the label\"", .csv(path: "../x", target: "the label")),
    ("load \"my data.txt\"", .csv(path: "my data.txt", target: nil)),
    ("load 'toy'", .csv(path: "toy", target: nil)),
    ("load C:\\data\\x.csv", .csv(path: "C:\\data\\x.csv", target: nil)),
    ("load ~/a=b/x.csv", .csv(path: "~/a=b/x.csv", target: nil)),
  ])
  func load(line: String, source: DataSource) throws {
    #expect(try Command.parseLine(line) == [.load(source)])
  }

  @Test(arguments: [
    ("use adam", OptimizerSpec(optimizer: .adam)),
    ("use ADAM", OptimizerSpec(optimizer: .adam)),
    ("use adam:keras", OptimizerSpec(optimizer: .adam, convention: .keras)),
    ("use nadam : optax", OptimizerSpec(optimizer: .nadam, convention: .optax)),
    (
      "use adam[beta2=0.99, eps=1e-7]",
      OptimizerSpec(
        optimizer: .adam,
        overrides: [
          SettingAssignment(setting: .beta2, value: .number(0.99)),
          SettingAssignment(setting: .epsilon, value: .number(1e-7)),
        ])
    ),
    (
      "use adam:pytorch[beta2=0.99]",
      OptimizerSpec(
        optimizer: .adam, convention: .pytorch,
        overrides: [SettingAssignment(setting: .beta2, value: .number(0.99))])
    ),
    (
      "use rmsprop [ lr = .5 , eps_placement = Inside ]",
      OptimizerSpec(
        optimizer: .rmsprop,
        overrides: [
          SettingAssignment(setting: .eta, value: .number(0.5)),
          SettingAssignment(setting: .epsPlacement, value: .word("inside")),
        ])
    ),
    ("use gd[]", OptimizerSpec(optimizer: .gd)),
  ])
  func use(line: String, spec: OptimizerSpec) throws {
    #expect(try Command.parseLine(line) == [.use(spec)])
  }

  @Test(arguments: [
    ("set eta 0.1", Setting.eta, SettingValue.number(0.1)),
    ("set eta=0.1", .eta, .number(0.1)),
    ("set eta = 0.1", .eta, .number(0.1)),
    ("set lr 1e-3", .eta, .number(0.001)),
    ("set learning_rate .5", .eta, .number(0.5)),
    ("set eps 1e-8", .epsilon, .number(1e-8)),
    ("set EPS 1E-8", .epsilon, .number(1e-8)),
    ("set v_init -2", .vInit, .number(-2)),
    ("set beta1 +0.9", .beta1, .number(0.9)),
    ("set eta inf", .eta, .word("inf")),
    ("set eta nan", .eta, .word("nan")),
    ("set eps_placement hat", .epsPlacement, .word("hat")),
    ("set bias_correction OFF", .biasCorrection, .word("off")),
    ("set bias_power epoch", .biasPower, .word("epoch")),
    ("set amsgrad_max corrected", .amsgradMax, .word("corrected")),
    ("set nag_form reformulated", .nagForm, .word("reformulated")),
    ("set nadam_form schedule", .nadamForm, .word("schedule")),
    ("set batch full", .batch, .word("full")),
    ("set batch 32", .batch, .number(32)),
    ("set shuffle on", .shuffle, .word("on")),
    ("set seed 42", .seed, .number(42)),
    ("set loss cross_entropy", .loss, .word("cross_entropy")),
    ("set loss \"squared\"", .loss, .word("squared")),
    ("set weight_decay 0.01", .weightDecay, .number(0.01)),
    ("set momentum_decay 4e-3", .momentumDecay, .number(0.004)),
    ("set lr_decay 0", .lrDecay, .number(0)),
  ])
  func set(line: String, setting: Setting, value: SettingValue) throws {
    #expect(
      try Command.parseLine(line) == [.set(SettingAssignment(setting: setting, value: value))])
  }

  @Test(
    arguments: [
      ("init w=-2 b=-2", [-2.0], -2.0),
      ("init b=3 w=1,2,-0.5", [1, 2, -0.5], 3),
      ("init w = 1 , 2", [1, 2], nil),
      ("init b=.5", nil, 0.5),
    ] as [(String, [Double]?, Double?)])
  func initialize(line: String, w: [Double]?, b: Double?) throws {
    #expect(try Command.parseLine(line) == [.initialize(w: w, b: b)])
  }

  @Test(arguments: [
    ("show", [ShowItem]()),
    ("show w b", [.quantity(QuantityRef(quantity: .w)), .quantity(QuantityRef(quantity: .b))]),
    (
      "show v_w[2] lr_b",
      [.quantity(QuantityRef(quantity: .vW, index: 2)), .quantity(QuantityRef(quantity: .lrB))]
    ),
    ("show V_W [ 12 ]", [.quantity(QuantityRef(quantity: .vW, index: 12))]),
    (
      "show settings state all data convention",
      [.group(.settings), .group(.state), .group(.all), .group(.data), .group(.convention)]
    ),
    (
      "show lr eps loss epoch t",
      [
        .quantity(QuantityRef(quantity: .eta)), .setting(.epsilon),
        .quantity(QuantityRef(quantity: .loss)),
        .quantity(QuantityRef(quantity: .epoch)), .quantity(QuantityRef(quantity: .t)),
      ]
    ),
    ("show timeline", [.group(.timeline)]),
  ])
  func show(line: String, items: [ShowItem]) throws {
    #expect(try Command.parseLine(line) == [.show(items)])
  }

  @Test(arguments: [
    ("step", Command.step(1)),
    ("step 10", .step(10)),
    ("s 10k", .step(10_000)),
    ("ste 1e6", .step(1_000_000)),
    ("step 2.5k", .step(2500)),
    ("step 3M", .step(3_000_000)),
    ("step 1000000000000", .step(1_000_000_000_000)),
    ("epoch", .epoch(1)),
    ("e 5", .epoch(5)),
    ("ep 1e2", .epoch(100)),
  ])
  func counts(line: String, command: Command) throws {
    #expect(try Command.parseLine(line) == [command])
  }

  @Test(arguments: [
    ("reset", Command.reset),
    ("quit", .quit),
    ("q", .quit),
    ("exit", .quit),
    ("exi", .quit),
    ("history", .history),
    ("hi", .history),
    ("help", .help(nil)),
    ("?", .help(nil)),
    ("help step", .help(.command("step"))),
    ("? s", .help(.command("step"))),
    ("help sh", .help(.command("show"))),
    ("help adam", .help(.optimizer(.adam))),
    ("help lr", .help(.setting(.eta))),
    ("help v_hat_w", .help(.name("v_hat_w"))),
    ("help keras", .help(.name("keras"))),
    ("help settings", .help(.name("settings"))),
    ("help do_rmsprop", .help(.name("do_rmsprop"))),
    ("help sparse", .help(.name("sparse"))),
    ("help conv", .help(.command("convention"))),
    ("help loss", .help(.setting(.loss))),
    ("help colours", .help(.screenSetting("colors"))),
    ("source lessons/adagrad.txt", .source("lessons/adagrad.txt")),
    ("so 'my lesson.txt'", .source("my lesson.txt")),
    ("save session.txt", .save("session.txt")),
    ("preset do_adagrad", .preset(.doAdagrad)),
    ("preset DO_ADAM_SGD", .preset(.doAdamSGD)),
    ("convention pytorch", .convention(.pytorch)),
    ("set colors ansi", .colours("ansi")),
    ("set colours OFF restart", .colours("off")),
    ("conv lecture", .convention(.lecture)),
  ])
  func simple(line: String, command: Command) throws {
    #expect(try Command.parseLine(line) == [command])
  }

  @Test func compare() throws {
    #expect(
      try Command.parseLine("compare adam rmsprop:keras adam[beta2=0.99] steps 500") == [
        .compare(
          [
            OptimizerSpec(optimizer: .adam),
            OptimizerSpec(optimizer: .rmsprop, convention: .keras),
            OptimizerSpec(
              optimizer: .adam,
              overrides: [SettingAssignment(setting: .beta2, value: .number(0.99))]
            ),
          ], steps: 500)
      ])
    #expect(
      try Command.parseLine("compare gd momentum") == [
        .compare(
          [OptimizerSpec(optimizer: .gd), OptimizerSpec(optimizer: .momentum)], steps: nil)
      ])
  }

  @Test(
    arguments: [
      ("run until loss < 1e-3", Condition.compare(loss, .less, .number(0.001)), nil),
      (
        "run until lr_b<0.01 max 10k",
        .compare(.quantity(QuantityRef(quantity: .lrB)), .less, .number(0.01)), 10_000
      ),
      (
        "run until v_w[2] > v_b",
        .compare(
          .quantity(QuantityRef(quantity: .vW, index: 2)), .greater,
          .quantity(QuantityRef(quantity: .vB))),
        nil
      ),
      (
        "run until t >= 100",
        .compare(.quantity(QuantityRef(quantity: .t)), .greaterOrEqual, .number(100)), nil
      ),
      ("run until loss <= .5", .compare(loss, .lessOrEqual, .number(0.5)), nil),
      (
        "run until -1 == w[1]",
        .compare(.number(-1), .equal, .quantity(QuantityRef(quantity: .w, index: 1))), nil
      ),
      (
        "run until epoch != 3",
        .compare(.quantity(QuantityRef(quantity: .epoch)), .notEqual, .number(3)), nil
      ),
    ] as [(String, Condition, Int?)])
  func runUntil(line: String, condition: Condition, max: Int?) throws {
    #expect(try Command.parseLine(line) == [.runUntil(condition, max: max)])
  }

  @Test func conditionsCombineWithAndBindingTighterThanOr() throws {
    let small = Condition.compare(Self.loss, .less, .number(1e-3))
    let late = Condition.compare(
      .quantity(QuantityRef(quantity: .t)), .greaterOrEqual, .number(100))
    let slow = Condition.compare(.quantity(QuantityRef(quantity: .lrB)), .less, .number(0.01))
    #expect(
      try Command.parseLine("run until loss < 1e-3 or t >= 100 and lr_b < 0.01 max 50")
        == [.runUntil(.or(small, .and(late, slow)), max: 50)])
    #expect(
      try Command.parseLine("run until (loss < 1e-3 or t >= 100) and lr_b < 0.01")
        == [.runUntil(.and(.or(small, late), slow), max: nil)])
    #expect(
      try Command.parseLine("run until loss < 1e-3 AND t >= 100 and lr_b < 0.01")
        == [.runUntil(.and(.and(small, late), slow), max: nil)])
  }
}
