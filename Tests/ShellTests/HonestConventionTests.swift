import Optimization
import Testing

@testable import Shell

/// A library convention never departs silently from its library's numbers: a setting the
/// library does not have is refused with the reason and leaves the session as it was, and a
/// setting that would change nothing is refused rather than ignored (issue 11).
@Suite struct HonestConventionTests {
  struct Refusal: CustomTestStringConvertible, Sendable {
    var before: [String]
    var line: String
    var message: String
    var testDescription: String { (before + [line]).joined(separator: "; ") }
  }

  static let refusals: [Refusal] = [
    Refusal(
      before: ["use rmsprop:pytorch"], line: "set v_init 0.02",
      message:
        "rmsprop:pytorch has no setting 'v_init': pytorch's RMSprop has no initial accumulator (v starts at 0); use optax's rmsprop (initial_scale) or the lecture convention"
    ),
    Refusal(
      before: ["use rmsprop:keras"], line: "set v_init 0.02",
      message: "rmsprop:keras has no setting 'v_init': keras's RMSprop has no initial accumulator"),
    Refusal(
      before: ["use adagrad:keras"], line: "set lr_decay 0.01",
      message:
        "adagrad:keras has no setting 'lr_decay': keras's Adagrad has no lr_decay (η stays fixed); use pytorch's adagrad or the lecture convention"
    ),
    Refusal(
      before: ["use adagrad:optax"], line: "set lr_decay 0.01",
      message: "adagrad:optax has no setting 'lr_decay': optax's adagrad has no lr_decay"),
    Refusal(
      before: ["use nadam:keras"], line: "set momentum_decay 0.004",
      message:
        "nadam:keras has no setting 'momentum_decay': keras's Nadam fixes its schedule at μₜ = β₁·(1 − ½·0.96ᵗ) (ψ = 1)"
    ),
    Refusal(
      before: ["use nadam:optax"], line: "set momentum_decay 0.01",
      message: "nadam:optax has no setting 'momentum_decay': optax's nadam has no momentum schedule"
    ),
    Refusal(
      before: ["use nadam"], line: "set momentum_decay 0.01",
      message:
        "nadam ignores 'momentum_decay' here: momentum_decay acts only in nadam_form schedule (now lecture); set nadam_form schedule first"
    ),
    Refusal(
      before: ["use momentum"], line: "set dampening 0.3",
      message: "momentum:lecture has no setting 'dampening': the notes' momentum has no dampening"),
    Refusal(
      before: ["use momentum:keras"], line: "set dampening 0.3",
      message: "momentum:keras has no setting 'dampening': keras's sgd has no dampening"),
    Refusal(
      before: ["use nag:optax"], line: "set weight_decay 0.01",
      message: "nag:optax has no setting 'weight_decay': optax's sgd has no weight decay"),
    Refusal(
      before: ["use nag:pytorch"], line: "set dampening 0.3",
      message: "nag has no setting 'dampening'"),
    Refusal(
      before: ["use momentum:pytorch"], line: "set dampening 1.5",
      message: "dampening must be in [0, 1], found '1.5'"),
    // An optimizer the library does not ship.
    Refusal(
      before: [], line: "use radam:keras",
      message: "keras ships no RAdam; use radam:pytorch, radam:optax or radam:lecture"),
    Refusal(
      before: ["use radam"], line: "convention keras", message: "keras ships no RAdam"),
    Refusal(
      before: [], line: "compare radam:pytorch radam:keras", message: "keras ships no RAdam"),
    Refusal(
      before: [], line: "use adabelief:pytorch",
      message: "pytorch ships no AdaBelief; use adabelief:optax or adabelief:lecture"),
    Refusal(
      before: ["use adam:pytorch"], line: "set eps_root 1e-8",
      message: "adam:pytorch has no setting 'eps_root': pytorch's adam adds ε outside the root"),
    Refusal(
      before: [], line: "use yogi:keras",
      message: "keras ships no Yogi; use yogi:optax or yogi:lecture"),
    Refusal(
      before: [], line: "use lion:pytorch",
      message: "pytorch ships no Lion; use lion:keras, lion:optax or lion:lecture"),
    Refusal(
      before: ["use lion; step"], line: "plot bias",
      message: "lion keeps m but never corrects its bias, so it has no bias correction to draw"),
    Refusal(
      before: ["use nadam:optax"], line: "set decoupled_weight_decay on",
      message:
        "nadam:optax has no setting 'decoupled_weight_decay': optax's nadamw is always decoupled"),
    Refusal(
      before: ["use radam"], line: "set decoupled_weight_decay on",
      message: "radam:lecture has no setting 'decoupled_weight_decay'"),
    // The same refusals through the brackets of `use` and `compare`.
    Refusal(
      before: [], line: "use rmsprop:pytorch[v_init=0.02]",
      message: "rmsprop:pytorch has no setting 'v_init'"),
    Refusal(
      before: [], line: "compare adagrad:pytorch adagrad:keras[lr_decay=0.1]",
      message: "adagrad:keras has no setting 'lr_decay'"),
  ]

  @Test(arguments: refusals)
  func refusesWithTheReason(_ r: Refusal) {
    var interpreter = Interpreter(files: MemoryFiles())
    for line in r.before {
      #expect(interpreter.execute(line).error == nil, "setup line \(line)")
    }
    let session = interpreter.session
    let prompt = interpreter.prompt
    let outcome = interpreter.execute(r.line)
    let message = outcome.error?.message ?? "no error"
    #expect(message.hasPrefix(r.message), "\(message)")
    #expect(!message.contains("\n"))
    #expect(interpreter.session == session)
    #expect(interpreter.prompt == prompt)
  }

  /// The library that has the option takes it, and it changes the numbers.
  @Test(arguments: [
    ("use rmsprop:optax", "set v_init 0.02"),
    ("use rmsprop", "set v_init 0.02"),
    ("use adagrad:pytorch", "set lr_decay 0.01"),
    ("use adagrad", "set lr_decay 0.01"),
    ("use nadam:pytorch", "set momentum_decay 0.01"),
    ("use nadam; set nadam_form schedule", "set momentum_decay 0.01"),
    ("use nadam:pytorch[eta=0.1]", "set weight_decay 0.5"),
    ("use radam:pytorch[eta=0.1,weight_decay=0.5]", "set decoupled_weight_decay on"),
    ("use momentum:pytorch", "set dampening 0.3"),
    ("use momentum:pytorch", "set weight_decay 0.1"),
    ("use nag:pytorch", "set weight_decay 0.1"),
  ])
  func acceptsWhereTheLibraryHasIt(_ setup: String, _ line: String) throws {
    var plain = Interpreter(files: MemoryFiles())
    #expect(plain.execute(setup + "; step 5").error == nil)
    var changed = Interpreter(files: MemoryFiles())
    #expect(changed.execute(setup + "; " + line + "; step 5").error == nil)
    let w = try #require(changed.session.value(of: .w).vector)
    #expect(w != plain.session.value(of: .w).vector)
  }

  /// `help nadam` and `help amsgrad` say what their m̂ and v̂ are.
  @Test func helpSaysWhatTheNumbersAre() {
    var interpreter = Interpreter(files: MemoryFiles())
    let nadam = interpreter.execute("help nadam").replies.flatMap(\.lines)
    #expect(nadam.contains { $0.hasPrefix("  m_hat_w: the step's direction, not m̂") })
    let amsgrad = interpreter.execute("help amsgrad").replies.flatMap(\.lines)
    #expect(
      amsgrad.contains {
        $0.hasPrefix("  v_hat_w: the denominator's second moment, not v/(1 − β₂ᵗ)")
      })
    let adam = interpreter.execute("help adam").replies.flatMap(\.lines)
    #expect(!adam.contains { $0.hasPrefix("state") })
  }
}
