import Optimization
import Testing

@testable import Shell

/// Gradient clipping as users type it: each library's names (aliases included), one form at
/// a time, `off` to remove it, a form the library lacks refused with the reason, and the
/// clipped gradient g_w, g_b shown only while clipping is on.
@Suite struct ClippingShellTests {
  static let refusals: [HonestConventionTests.Refusal] = [
    .init(
      before: ["use adam:optax"], line: "set clipnorm 0.5",
      message:
        "adam:optax has no setting 'clipnorm': optax clips each parameter only by its rms (clip_by_block_rms)"
    ),
    .init(
      before: ["use adam:pytorch"], line: "set clipnorm 0.5",
      message:
        "adam:pytorch has no setting 'clipnorm': pytorch's clip_grad_norm_ clips the norm of all parameters together"
    ),
    .init(
      before: ["use adam:keras"], line: "set clip_by_block_rms 0.5",
      message:
        "adam:keras has no setting 'clip_by_block_rms': keras clips each variable by its norm"
    ),
    .init(
      before: ["use adam:pytorch"], line: "set clip_by_block_rms 0.5",
      message: "adam:pytorch has no setting 'clip_by_block_rms': pytorch has no per-parameter rms"),
    .init(
      before: ["use adam"], line: "set clip_grad_norm 0.5",
      message: "adam:lecture has no setting 'global_clipnorm': the notes do not clip gradients"),
    .init(
      before: ["use adam:keras", "set clipnorm 0.5"], line: "set clipvalue 0.1",
      message: "one clipping at a time: clipnorm is on; set clipnorm off first"),
    .init(
      before: ["use adam:keras", "set clipnorm 0.5"], line: "set clipvalue off",
      message: "clipvalue is off already (clipnorm is on)"),
    .init(
      before: ["use adam:keras"], line: "set clipnorm 0",
      message: "clipnorm must be a number > 0 or off, found '0'"),
    .init(
      before: ["use adam:keras", "step 2"], line: "show g_w",
      message: "g_w is the clipped gradient, and clipping is off"),
  ]

  @Test(arguments: refusals)
  func refusesWithTheReason(_ r: HonestConventionTests.Refusal) {
    HonestConventionTests().refusesWithTheReason(r)
  }

  /// Each library's own name sets the same stage, and the run then differs from the
  /// unclipped one.
  @Test(arguments: [
    ("use adam:keras", "set clipnorm 0.003"),
    ("use adam:keras", "set clipvalue 0.003"),
    ("use adam:keras", "set global_clipnorm 0.003"),
    ("use adam:optax", "set clip 0.003"),
    ("use adam:optax", "set clip_by_global_norm 0.003"),
    ("use adam:optax", "set clip_by_block_rms 0.003"),
    ("use momentum:pytorch", "set clip_grad_norm 0.003"),
    ("use momentum:pytorch", "set clip_grad_value 0.003"),
  ])
  func eachLibrarysNameClips(_ setup: String, _ line: String) throws {
    var plain = Interpreter(files: MemoryFiles())
    #expect(plain.execute(setup + "; step 5").error == nil)
    var clipped = Interpreter(files: MemoryFiles())
    #expect(clipped.execute(setup + "; " + line + "; step 5").error == nil)
    let w = try #require(clipped.session.value(of: .w).vector)
    #expect(w != plain.session.value(of: .w).vector)
    let (g, dw) = (clipped.session.value(of: .gB).scalar!, clipped.session.value(of: .db).scalar!)
    #expect(abs(g) < abs(dw))
  }

  /// `off` brings back the unclipped numbers exactly, and g_w leaves `show`.
  @Test func offRemovesTheStage() {
    var plain = Interpreter(files: MemoryFiles())
    _ = plain.execute("use rmsprop:keras; step 5")
    var toggled = Interpreter(files: MemoryFiles())
    _ = toggled.execute("use rmsprop:keras; set global_clipnorm 0.003")
    let shown = toggled.execute("step 5; show").replies.flatMap(\.lines)
    #expect(shown.contains { $0.hasPrefix("g_w ") })
    #expect(
      toggled.execute("show settings").replies.flatMap(\.lines).contains {
        $0.hasPrefix("global_clipnorm") && $0.hasSuffix("0.003")
      })
    #expect(toggled.execute("set global_clipnorm off restart").error == nil)
    _ = toggled.execute("step 5")
    #expect(toggled.session.value(of: .w) == plain.session.value(of: .w))
    #expect(!toggled.execute("show").replies.flatMap(\.lines).contains { $0.hasPrefix("g_w ") })
  }

  /// `save` and `source` rebuild clipping and its changes mid-run bit for bit, a form turned
  /// off before another is turned on at the same t.
  @Test(arguments: [
    "use adam:keras[clipnorm=0.004]; step 7",
    "use rmsprop:optax; set clip 0.003; step 5; set clip off; set clip_by_global_norm 0.003; step 5",
    "use momentum:pytorch; step 4; set clip_grad_norm 0.003; step 6; use adam:pytorch from here; step 3",
  ])
  func saveAndSourceRebuildClipping(_ script: String) {
    expectSaveAndSourceRebuildTheRun(script)
  }

  /// `help` says under which conventions each form exists.
  @Test(arguments: [
    ("clipnorm", "keras"), ("clipvalue", "pytorch, keras, optax"),
    ("global_clipnorm", "pytorch, keras, optax"), ("clip_by_block_rms", "optax"),
  ])
  func helpNamesTheLibraries(_ name: String, _ conventions: String) {
    var interpreter = Interpreter(files: MemoryFiles())
    let lines = interpreter.execute("help \(name)").replies.flatMap(\.lines)
    #expect(lines.last == "  used by: every optimizer, under \(conventions)")
  }
}
