import Optimization
import Testing

@testable import Shell

/// The Adam family's options as a user types them (issue 11, adam-options): AMSGrad's
/// maximum on AdamW, optax's eps_root, NAdam's decoupled decay under keras and optax
/// (optax.nadamw), and weight decay on AMSGrad (pytorch, keras) and Keras's Lion. Each is refused, with the reason, where the library lacks it, and a
/// refusal leaves the session and prompt as they were. The numbers themselves are checked
/// against the libraries by AdamOptionConformanceTests.
@Suite struct AdamOptionTests {
  static let refusals: [HonestConventionTests.Refusal] = [
    .init(
      before: ["use adamw:optax"], line: "set amsgrad_max raw",
      message: "adamw:optax has no setting 'amsgrad_max': optax's adamw has no amsgrad flag"),
    .init(
      before: ["use amsgrad"], line: "set amsgrad_max off",
      message: "amsgrad_max must be one of raw, corrected for amsgrad, found 'off'"),
    .init(
      before: ["use adamw:pytorch"], line: "set amsgrad_max corrected",
      message: "amsgrad_max must be one of off, raw for adamw, found 'corrected'"),
    .init(
      before: ["use adam:keras"], line: "set eps_root 1e-4",
      message: "adam:keras has no setting 'eps_root': keras's adam adds ε outside the root only"),
    .init(
      before: ["use amsgrad"], line: "set eps_root 1e-4",
      message: "amsgrad:lecture has no setting 'eps_root': the notes' amsgrad has no ε under"),
    .init(
      before: ["use radam:pytorch"], line: "set eps_root 1e-4",
      message: "radam:pytorch has no setting 'eps_root'"),
    .init(
      before: ["use adamax:optax"], line: "set eps_root 1e-4",
      message: "adamax:optax has no setting 'eps_root': no adamax takes eps_root"),
    .init(
      before: ["use yogi:optax"], line: "set eps_root 1e-4",
      message: "yogi:optax has no setting 'eps_root': no yogi takes eps_root"),
    .init(
      before: ["use nadam:keras"], line: "set decoupled_weight_decay on",
      message: "nadam:keras has no setting 'decoupled_weight_decay': keras's weight_decay"),
    .init(
      before: ["use amsgrad:keras"], line: "set decoupled_weight_decay on",
      message: "amsgrad:keras has no setting 'decoupled_weight_decay': keras's weight_decay"),
    .init(
      before: ["use amsgrad:optax"], line: "set weight_decay 0.01",
      message: "amsgrad:optax has no setting 'weight_decay': optax's amsgrad has no weight decay"),
    .init(
      before: [], line: "compare adamw:pytorch adamw:optax[amsgrad_max=raw]",
      message: "adamw:optax has no setting 'amsgrad_max'"),
  ]

  @Test(arguments: refusals)
  func refusesWithTheReason(_ r: HonestConventionTests.Refusal) {
    HonestConventionTests().refusesWithTheReason(r)
  }

  /// Where the library has the option, it is taken and changes w.
  @Test(arguments: [
    ("use adam:optax", "set eps_root 1e-4"),
    ("use adamw:optax", "set eps_root 1e-4"),
    ("use nadam:optax", "set eps_root 1e-4"),
    ("use amsgrad:optax", "set eps_root 1e-4"),
    ("use radam:optax; step 10", "set eps_root 1e-4"),
    ("use nadam:optax", "set weight_decay 0.5"),
    ("use nadam:keras[eta=0.1]", "set weight_decay 0.5"),
    ("use amsgrad:pytorch[eta=0.1]", "set weight_decay 0.5"),
    ("use amsgrad:pytorch[eta=0.1,weight_decay=0.5]", "set decoupled_weight_decay on"),
    ("use amsgrad:keras[eta=0.1]", "set weight_decay 0.5"),
    ("use lion:keras[eta=0.1]", "set weight_decay 0.5"),
  ])
  func acceptsWhereTheLibraryHasIt(_ setup: String, _ line: String) throws {
    try HonestConventionTests().acceptsWhereTheLibraryHasIt(setup, line)
  }

  /// AdamW's maximum acts once v falls, which it does within 20 single-point updates.
  @Test(arguments: ["adamw:pytorch[eta=0.1", "adamw:keras[eta=0.1", "adamw[eta=0.1"])
  func amsgradMaximumChangesAdamW(_ use: String) throws {
    func w(_ options: String) throws -> [Double] {
      var interpreter = Interpreter(files: MemoryFiles())
      #expect(interpreter.execute("use \(use)\(options)]; set batch 1; step 20").error == nil)
      return try #require(interpreter.session.value(of: .w).vector)
    }
    let plain = try w("")
    #expect(plain != (try w(",amsgrad_max=raw")))
    if use.hasPrefix("adamw[") { #expect(plain != (try w(",amsgrad_max=corrected"))) }
  }

  /// eps_root at 0 (off) is an option, off by default: `use` lists it after `; off:` and
  /// `help` under the options, not among the settings' values; once set it is a value, and
  /// `show settings` always lists it.
  @Test func epsRootIsListedOnceSet() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    let plain = interpreter.execute("use adam:optax").replies.flatMap(\.lines).joined()
    #expect(!plain.contains("eps_root 0") && plain.hasSuffix("; off: eps_root"))
    let help = interpreter.execute("help adam").replies.flatMap(\.lines)
    let options = try #require(help.firstIndex(of: "options, off by default:"))
    #expect(!help[..<options].joined().contains("eps_root"))
    #expect(help[options...].contains("  optax    eps_root"))
    let set = interpreter.execute("use adam:optax[eps_root=1e-4]").replies.flatMap(\.lines)
    #expect(set.joined(separator: " ").contains("eps_root 0.0001"))
    let settings = interpreter.execute("use adam:optax; show settings").replies.flatMap(\.lines)
    #expect(settings.contains { $0.hasPrefix("eps_root") })
  }

  /// `explain` writes ε_root under the root, and AdamW's AMSGrad lines, with the engine's
  /// numbers.
  @Test func explainShowsTheOptions() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    let root = interpreter.execute("use adam:optax[eps_root=1e-4]; step 2; explain lr_w")
      .replies.flatMap(\.lines).joined(separator: " ")
    #expect(root.contains("η/(√(v_hat_w + ε_root) + ε)"))
    let amsgrad = interpreter.execute("use adamw:pytorch[amsgrad_max=raw]; step 3; explain")
      .replies.flatMap(\.lines).joined(separator: "\n")
    #expect(amsgrad.contains("w decayed = w·(1 − η·λ)"))
    #expect(amsgrad.contains("vmax_w = max(vmax_w, v_w)"))
    #expect(amsgrad.contains("v_hat_w = vmax_w/(1 − β₂ᵗ)"))
  }

  /// `help adamw` says what v̂ and vmax are under each choice, and `help amsgrad` still says
  /// v̂ is not v/(1 − β₂ᵗ).
  @Test func helpSaysWhatTheNumbersAre() {
    var interpreter = Interpreter(files: MemoryFiles())
    let adamw = interpreter.execute("help adamw").replies.flatMap(\.lines).joined(separator: " ")
    #expect(adamw.contains("v_hat_w: v/(1 − β₂ᵗ), as adam, with amsgrad_max off"))
    #expect(adamw.contains("vmax/(1 − β₂ᵗ)"))
    #expect(adamw.contains("amsgrad_max off"))
  }
}
