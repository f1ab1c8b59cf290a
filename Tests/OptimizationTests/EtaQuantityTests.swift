import Testing

@testable import Optimization

/// ηₜ, the η each update used, as the state records it (``OptimizerState/learningRate``):
/// in every update path, across mid-run changes, and when the session rewinds.
@Suite struct EtaQuantityTests {
  /// Two dense features, four points: per-point updates take the loop's general branch.
  static let twoFeatures = Dataset(
    name: "two", featureNames: ["x1", "x2"],
    rows: [[0.5, -1], [2.5, 0.3], [1, 1], [-0.4, 2]], targets: [0.2, 0.9, 0.4, 0.7])

  /// PyTorch AdaGrad with lr_decay, in each path an update can take: the general update
  /// (full batch, shuffled points), the tight loop on one feature and one point, and the
  /// loop's branch for more features.
  static var decayedSetups: [(String, RunSetup)] {
    func adagrad(_ dataset: Dataset, _ batch: BatchSize, shuffle: Bool = false) -> RunSetup {
      var setup = RunSetup(dataset: dataset, optimizer: .adagrad, convention: .pytorch)
      setup.hyperparameters.learningRate = 0.3
      setup.hyperparameters.learningRateDecay = 0.05
      setup.training.batch = batch
      setup.training.shuffle = shuffle
      return setup
    }
    return [
      ("full batch", adagrad(.toy, .full)),
      ("one feature, one point (loop)", adagrad(.toy, .points(1))),
      ("two features, two points (loop)", adagrad(twoFeatures, .points(2))),
      ("shuffled points (general)", adagrad(twoFeatures, .points(1), shuffle: true)),
    ]
  }

  @Test(arguments: decayedSetups.indices)
  func historyOfEtaIsTheLrDecayFormula(case index: Int) {
    let (name, setup) = Self.decayedSetups[index]
    #expect(Run.takesUpdatesInLoop(for: setup) == name.contains("(loop)"))
    var session = Session(setup: setup)
    // Before the first update: the η update 1 will use, which is η itself.
    #expect(session.value(of: .eta) == .scalar(0.3))
    _ = session.step(40)
    let history = session.history(of: [.eta])
    #expect(history.count == 41)
    for point in history {
      // PyTorch's Adagrad: clr = lr / (1 + (state_step − 1)·lr_decay), state_step from 1.
      let step = Double(max(point.t, 1))
      let expected = 0.3 / (1 + (step - 1) * 0.05)
      #expect(point.values == [.scalar(expected)], "\(name) t=\(point.t)")
    }
    // The recorded ηₜ is the one the update multiplied by: AdaGrad's rate is ηₜ/(√v + ε).
    let state = session.state
    let v = state.v[state.parameterCount - 1]
    #expect(state.rate.last == state.learningRate / (v.squareRoot() + 1e-10))
  }

  /// Taken in blocks (the loop) or one update at a time (a watch stops after each), the
  /// recorded η is the same, at every t.
  @Test(arguments: decayedSetups.indices)
  func blocksAndSingleUpdatesRecordTheSameEta(case index: Int) {
    let setup = Self.decayedSetups[index].1
    var blocks = Session(setup: setup)
    var single = Session(setup: setup)
    _ = blocks.step(25)
    for _ in 0..<25 { _ = single.step(1, stop: { _ in true }) }
    #expect(blocks.state == single.state)
    #expect(blocks.state.learningRate == 0.3 / (1 + 24 * 0.05))
  }

  /// `set eta` at t = 10 governs update 11 on: the state at 10 still records the η of
  /// update 10; `back` and `goto` land on exactly the recorded values.
  @Test func aMidRunSetIsRecordedFromTheNextUpdateAndRewindsExactly() throws {
    var setup = RunSetup(dataset: .toy, optimizer: .adam, convention: .lecture)
    setup.training.batch = .points(1)
    var session = Session(setup: setup)
    _ = session.step(10)
    try session.set(.eta, to: .number(0.025))
    #expect(session.state.learningRate == 0.1)
    #expect(session.upcomingLearningRate == 0.025)
    _ = session.step(10)
    let recorded = (0...20).map { session.state(at: $0).learningRate }
    #expect(recorded == Array(repeating: 0.1, count: 11) + Array(repeating: 0.025, count: 10))
    #expect(session.history(of: [.eta]).map(\.values) == recorded.map { [.scalar($0)] })
    var back = session
    back.rewind(to: 7)
    #expect(back.value(of: .eta) == .scalar(0.1))
    #expect(back.upcomingLearningRate == 0.1)
    _ = back.step(13)
    #expect(back.state == session.state)
  }

  /// `use … from here` keeps what describes the last update, ηₜ included; the next update
  /// uses the new optimizer's η.
  @Test func aFreshStartKeepsTheEtaOfTheLastUpdate() {
    var session = Session()
    _ = session.step(5)
    var gd = session.setup
    gd.optimizer = .gd
    gd.hyperparameters = .defaults(for: .gd, convention: .pytorch)
    _ = session.change(to: gd, startingFresh: true)
    #expect(session.state.learningRate == 0.1)
    #expect(session.upcomingLearningRate == 0.001)
    _ = session.step(1)
    #expect(session.state.learningRate == 0.001)
    #expect(session.state.rate == [0.001, 0.001])
  }

  /// explain's ηₜ line is the recorded η, written with the lr_decay formula when that gives
  /// it, also after a mid-run change of η (the formula then reads the new η).
  @Test func explainShowsTheEtaTheUpdateUsed() throws {
    var setup = RunSetup(dataset: .toy, optimizer: .adagrad, convention: .pytorch)
    setup.hyperparameters.learningRateDecay = 0.05
    var session = Session(setup: setup)
    _ = session.step(1)
    let first = session.explainLastUpdate()!.lines.first { $0.quantity == .eta }!
    #expect(first.value == 0.01)
    _ = session.step(4)
    try session.set(.eta, to: .number(0.2))
    _ = session.step(1)
    let line = session.explainLastUpdate()!.lines.first { $0.quantity == .eta }!
    #expect(line.name == "ηₜ")
    #expect(line.formula == "η/(1 + (t − 1)·lr_decay)")
    #expect(line.substituted.contains(.number(0.2)) && line.substituted.contains(.number(6)))
    #expect(line.value.bitPattern == session.state.learningRate.bitPattern)
    #expect(line.value == 0.2 / 1.25)
    #expect(line.note == nil)
    // The lr lines substitute that ηₜ.
    let rate = session.explainLastUpdate()!.lines.first { $0.name == "lr_b" }!
    #expect(rate.formula.hasPrefix("ηₜ/") && rate.substituted.first == .number(line.value))
  }

  /// An η that no formula of the settings gives (a schedule) is shown as its value, marked.
  @Test func anEtaNoSettingExplainsIsMarkedScheduled() {
    var h = Hyperparameters.defaults(for: .adam, convention: .pytorch)
    h.learningRate = 0.1
    var context = StepContext(h: h, t: 3, biasPowerT: 3, previousMomentumProduct: 1)
    context.learningRate = 0.0123
    var builder = ExplanationBuilder(h: h, s: context, power: 3, dimension: 1)
    builder.learningRate()
    #expect(
      builder.lines == [
        ExplainedLine(
          name: "ηₜ", quantity: .eta, parameterIndex: nil, formula: "", substituted: [],
          value: 0.0123, note: "scheduled")
      ])
    context.learningRate = 0.1
    builder = ExplanationBuilder(h: h, s: context, power: 3, dimension: 1)
    builder.learningRate()
    #expect(builder.lines.isEmpty)
    #expect(builder.etaName == "η")
  }
}
