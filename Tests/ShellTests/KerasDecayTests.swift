import Optimization
import Testing

@testable import Shell

/// Keras's base-class `weight_decay` as a user types it (issue 11, keras-decay): taken by
/// every Keras optimizer adalab has (gd, momentum, nag, adagrad, rmsprop, adadelta, adam,
/// adamax, besides nadam, amsgrad, adamw and lion), always decoupled, w ← w·(1 − η·λ) before
/// the rule; and PyTorch SGD's L2 term on plain gd. The numbers themselves are checked
/// against the libraries by KerasDecayConformanceTests.
@Suite struct KerasDecayTests {
  static let refusals: [HonestConventionTests.Refusal] = [
    .init(
      before: ["use adam:keras"], line: "set decoupled_weight_decay on",
      message: "adam:keras has no setting 'decoupled_weight_decay': keras's weight_decay"),
    .init(
      before: ["use gd:optax"], line: "set weight_decay 0.01",
      message: "gd:optax has no setting 'weight_decay': optax's sgd has no weight decay"),
    .init(
      before: ["use gd"], line: "set weight_decay 0.01",
      message: "gd:lecture has no setting 'weight_decay': the notes' gd has no weight_decay"),
    .init(
      before: ["use adagrad:optax"], line: "set weight_decay 0.01",
      message: "adagrad:optax has no setting 'weight_decay': optax's adagrad has no weight decay"),
    // optax radam's threshold, added on the same branch.
    .init(
      before: ["use radam:pytorch"], line: "set threshold 6",
      message: "radam:pytorch has no setting 'threshold': pytorch's RAdam fixes the threshold"),
    .init(
      before: ["use radam"], line: "set threshold 6",
      message: "radam:lecture has no setting 'threshold': the paper's RAdam rectifies once ρₜ > 4"),
    .init(
      before: ["use radam:optax"], line: "set threshold 3",
      message: "threshold must be a number ≥ 4 (below it rₜ is not real), found '3'"),
  ]

  @Test(arguments: refusals)
  func refusesWithTheReason(_ r: HonestConventionTests.Refusal) {
    HonestConventionTests().refusesWithTheReason(r)
  }

  /// Where the library has it, it is taken and changes w.
  @Test(arguments: [
    "gd:keras", "momentum:keras", "nag:keras", "adagrad:keras", "rmsprop:keras",
    "adadelta:keras", "adam:keras", "adamax:keras", "gd:pytorch",
  ])
  func acceptsWhereTheLibraryHasIt(_ use: String) throws {
    try HonestConventionTests().acceptsWhereTheLibraryHasIt(
      "use \(use)[eta=0.1]", "set weight_decay 0.5")
  }

  /// optax radam's threshold is taken and changes w once ρₜ lies between 5 and it.
  @Test func radamThresholdIsTakenUnderOptax() throws {
    var plain = Interpreter(files: MemoryFiles())
    #expect(plain.execute("use radam:optax; step 8").error == nil)
    var interpreter = Interpreter(files: MemoryFiles())
    let lines = interpreter.execute("use radam:optax[threshold=10]; step 8; explain")
      .replies.flatMap(\.lines).joined(separator: "\n")
    let w = try #require(interpreter.session.value(of: .w).vector)
    #expect(w != plain.session.value(of: .w).vector)
    #expect(lines.contains("rectified = ρₜ ≥ 10 (1 yes, 0 no) = "))
  }

  /// Under keras the decay is decoupled: w decays before the rule and the gradient stays g.
  @Test(arguments: ["adam", "momentum", "nag", "rmsprop", "gd", "adagrad"])
  func explainShowsTheDecoupledDecay(_ name: String) {
    var interpreter = Interpreter(files: MemoryFiles())
    let lines = interpreter.execute("use \(name):keras[weight_decay=0.01]; step 5; explain")
      .replies.flatMap(\.lines).joined(separator: "\n")
    #expect(lines.contains("w decayed = w·(1 − η·λ) = "))
    #expect(lines.contains("b decayed = b·(1 − η·λ) = "))
    #expect(!lines.contains("λ·w"))
  }

  /// Under PyTorch's L2 term the rule reads g + λ·w: every line after the one that adds it
  /// names the gradient so, never the bare `dw` or `db` (the Adam family once wrote
  /// `(1 − β₁)·db` beside the number of `db + λ·b`).
  @Test(arguments: [
    "adam", "adamax", "amsgrad", "nadam", "radam", "adagrad", "adadelta", "gd", "rmsprop",
    "momentum", "nag",
  ])
  func explainNamesTheL2GradientWhereTheRuleReadsIt(_ name: String) throws {
    var interpreter = Interpreter(files: MemoryFiles())
    let lines = interpreter.execute("use \(name):pytorch[weight_decay=0.1]; step 5; explain")
      .replies.flatMap(\.lines)
    for p in ["w", "b"] {
      let l2 = try #require(lines.firstIndex { $0.hasPrefix("d\(p) + λ·\(p) = ") }, "\(name)")
      let after = lines[(l2 + 1)...].prefix { !$0.hasPrefix("d\(p == "w" ? "b" : "w") = ") }
      #expect(after.contains { $0.contains("d\(p) + λ·\(p)") }, "\(name)")
      for line in after where line.contains("d\(p)") {
        #expect(line.contains("d\(p) + λ·\(p)"), "\(name): \(line)")
      }
    }
  }

  /// `help NAME` lists it among keras's options, off by default, and says which form keras
  /// applies.
  @Test(arguments: ["gd", "momentum", "adagrad", "rmsprop", "adadelta", "adam", "adamax"])
  func helpListsItAmongKerasOptions(_ name: String) {
    var interpreter = Interpreter(files: MemoryFiles())
    let help = interpreter.execute("help \(name)").replies.flatMap(\.lines)
    let options = help.firstIndex(of: "options, off by default:") ?? help.endIndex
    #expect(help[options...].contains { $0.hasPrefix("  keras    weight_decay") })
    #expect(help.joined(separator: " ").contains("keras: w ← w·(1 − η·λ) first"))
    let use = interpreter.execute("use \(name):keras").replies.flatMap(\.lines)
    #expect(use.joined(separator: " ").contains("off: weight_decay"))
  }
}
