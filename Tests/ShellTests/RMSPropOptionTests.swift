import Optimization
import Testing

@testable import Shell

/// RMSProp's library options and PyTorch's L2 term from the shell (issue 11): accepted
/// where the library has them and changing w, refused with the reason elsewhere (the
/// session left as it was), their state shown only while on, and `help`/`use` naming the
/// options that are off apart from the rule's settings.
@Suite struct RMSPropOptionTests {
  static let refusals: [(setup: String, line: String, message: String)] = [
    (
      "use rmsprop", "set centered on",
      "rmsprop:lecture has no setting 'centered': the notes' rmsprop has no centered"
    ),
    (
      "use rmsprop", "set momentum 0.9",
      "rmsprop:lecture has no setting 'momentum': the notes' rmsprop has no momentum"
    ),
    (
      "use rmsprop:pytorch", "set nesterov on",
      "rmsprop:pytorch has no setting 'nesterov': pytorch's RMSprop has no nesterov"
    ),
    (
      "use rmsprop:keras", "set bias_correction on",
      "rmsprop:keras has no setting 'bias_correction': keras's RMSprop corrects no bias"
    ),
    (
      "use rmsprop:optax", "set weight_decay 0.01",
      "rmsprop:optax has no setting 'weight_decay': optax's rmsprop has no weight decay"
    ),
    (
      "use rmsprop:optax", "set nesterov on",
      "rmsprop ignores 'nesterov' here: nesterov acts only with momentum (now 0)"
    ),
    (
      "use adam:optax", "set weight_decay 0.01",
      "adam:optax has no setting 'weight_decay': optax's adam has no weight decay"
    ),
    (
      "use adam", "set weight_decay 0.01",
      "adam:lecture has no setting 'weight_decay': the lecture's adam has no weight decay"
    ),
    (
      "use adadelta:optax", "set weight_decay 0.01",
      "adadelta:optax has no setting 'weight_decay': optax's adadelta has no weight decay"
    ),
    (
      "use adamax:pytorch", "set decoupled_weight_decay on",
      "adamax has no setting 'decoupled_weight_decay'"
    ),
  ]

  @Test(arguments: 0..<refusals.count)
  func refusesWithTheReason(_ k: Int) {
    let r = Self.refusals[k]
    var interpreter = Interpreter(files: MemoryFiles())
    #expect(interpreter.execute(r.setup + "; step 2").error == nil)
    let (session, prompt) = (interpreter.session, interpreter.prompt)
    let message = interpreter.execute(r.line).error?.message ?? ""
    #expect(message.hasPrefix(r.message), "\(message)")
    #expect(interpreter.session == session)
    #expect(interpreter.prompt == prompt)
  }

  @Test(arguments: [
    ("use rmsprop:pytorch", "set centered on"), ("use rmsprop:pytorch", "set momentum 0.9"),
    ("use rmsprop:pytorch", "set weight_decay 0.1"), ("use rmsprop:keras", "set centered on"),
    ("use rmsprop:keras", "set momentum 0.9"),
    ("use rmsprop:optax; set momentum 0.9", "set nesterov on"),
    ("use rmsprop:optax", "set bias_correction on"),
    ("use adagrad:pytorch", "set weight_decay 0.1"),
    ("use adadelta:pytorch", "set weight_decay 0.1"), ("use adam:pytorch", "set weight_decay 0.1"),
    ("use adam:pytorch; set weight_decay 0.1", "set decoupled_weight_decay on"),
    ("use adamax:pytorch", "set weight_decay 0.1"), ("use amsgrad:pytorch", "set weight_decay 0.1"),
  ])
  func acceptsWhereTheLibraryHasIt(_ setup: String, _ line: String) {
    var plain = Interpreter(files: MemoryFiles())
    #expect(plain.execute(setup + "; step 5").error == nil)
    var changed = Interpreter(files: MemoryFiles())
    #expect(changed.execute(setup + "; " + line + "; step 5").error == nil)
    #expect(changed.session.value(of: .w).vector != plain.session.value(of: .w).vector)
  }

  @Test func theStateOfAnOptionShowsOnlyWhileItIsOn() {
    var interpreter = Interpreter(files: MemoryFiles())
    #expect(interpreter.execute("use rmsprop:pytorch; step 2").error == nil)
    let missing = interpreter.execute("show m_w").error?.message ?? ""
    #expect(missing.hasPrefix("rmsprop keeps no m_w (it has v_w, v_b, lr_w, lr_b)"))
    let lines = interpreter.execute("set centered on; set momentum 0.9; step 5; show")
      .replies.flatMap(\.lines)
    for name in ["m_w", "m_b", "u_w", "u_b", "v_w", "v_b"] {
      #expect(lines.contains { $0.hasPrefix(name + " ") }, "\(name) in \(lines)")
    }
    #expect(!lines.contains { $0.hasPrefix("v_hat_w") })
  }

  @Test func useAndHelpNameTheOffOptionsApart() {
    var interpreter = Interpreter(files: MemoryFiles())
    let use = interpreter.execute("use rmsprop:optax").replies.flatMap(\.lines).joined(
      separator: " ")
    #expect(use.hasSuffix("off: bias_correction, centered, momentum, nesterov"))
    let on = interpreter.execute("set centered on; use rmsprop:optax[centered=on]")
    #expect(on.error == nil)
    let help = interpreter.execute("help rmsprop").replies.flatMap(\.lines)
    #expect(help.contains("options, off by default:"))
    #expect(help.contains("  pytorch  weight_decay, centered, momentum"))
    #expect(help.contains("  keras    weight_decay, centered, momentum"))
    #expect(help.contains("  optax    bias_correction, centered, momentum, nesterov"))
    #expect(
      help.contains { $0.hasPrefix("  centered: m ← β·m + (1 − β)·g; the root is of v − m²") })
    #expect(help.contains("  pytorch  eta 0.01, beta 0.99, epsilon 1e-08, eps_placement outside"))
    // The optimizer named momentum says that the setting is RMSProp's.
    let momentum = interpreter.execute("help momentum").replies.flatMap(\.lines)
    #expect(momentum.contains("'set momentum' is a setting of rmsprop, not this optimizer"))
  }
}
