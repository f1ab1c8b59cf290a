import Optimization
import Testing

@testable import Shell

/// `schedule beta1|beta2 …` through the interpreter: the replies, `show beta2`, `show
/// schedule`, the timeline, the refusals that leave the session as it was, save and source,
/// and completion.
@Suite struct BetaScheduleShellTests {
  @Test func aBetaScheduleAtTheStartAndMidRun() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = interpreter.execute("use adam:optax; set batch 1")
    let reply = interpreter.execute(
      "schedule beta2 linear_schedule init_value=0.9 end_value=0.999 transition_steps=50"
    ).replies[0]
    #expect(
      reply.lines == [
        "beta2 follows linear_schedule init_value=0.9 end_value=0.999 transition_steps=50",
        "  per update (optax inject_hyperparams)",
        "from t=1: β₂ = 0.9 at count 0",
      ])
    _ = interpreter.execute("step 10")
    // Update 10 counts 9: 0.9 + 0.099·9/50.
    #expect(
      interpreter.execute("show beta2").replies[0].lines == [
        "beta2 = 0.91782 (update 10; next 0.9198; setting 0.999;",
        "  schedule linear_schedule init_value=0.9 end_value=0.999 transition_steps=50)",
      ])
    #expect(
      interpreter.execute("show schedule").replies[0].lines == [
        "schedule  none: eta = 0.1 at every update",
        "beta2     linear_schedule init_value=0.9 end_value=0.999 transition_steps=50",
        "          optax inject_hyperparams, per update, set at t=0; setting 0.999",
        "          now β₂ = 0.91782 at t=10 (count 9)",
        "          next β₂ = 0.9198 at t=11 (count 10)",
      ])
    let before = interpreter.session.state
    let change = interpreter.execute(
      "schedule beta1 piecewise_constant_schedule boundaries_and_scales=5:0.5"
    ).replies[0]
    #expect(change.lines.last == "from t=11, the state kept: β₁ = 0.9 at count 0")
    #expect(
      change.json
        == .object([
          (
            "schedule",
            .string("piecewise_constant_schedule boundaries_and_scales=5:0.5 per update")
          ),
          ("setting", .string("beta1")), ("library", .string("optax")), ("from_t", .integer(11)),
          ("count", .integer(0)), ("beta1", .number(0.9)), ("dropped", .integer(0)),
        ]))
    #expect(interpreter.session.state == before)
    _ = interpreter.execute("step 6")
    #expect(interpreter.session.scheduledBeta(.beta1, ofUpdate: 16)! == (5, 0.45))
    #expect(
      interpreter.execute("schedule beta2 off").replies[0].lines == [
        "schedule beta2 off: beta2 = 0.999 from t=17"
      ])
    #expect(
      interpreter.execute("show timeline").replies[0].lines.suffix(3) == [
        "t=10    schedule beta1 piecewise_constant_schedule boundaries_and_scales=5:0.5",
        "        per update",
        "t=16    schedule beta2 off",
      ])
    _ = interpreter.execute("undo")
    #expect(interpreter.session.setup.betaSchedules[.beta2] != nil)
  }

  @Test(arguments: [
    (
      "schedule beta2 StepLR step_size=3",
      "expected an optax schedule for beta2 (inject_hyperparams), found StepLR (torch.optim.lr_scheduler)"
    ),
    (
      "schedule beta2 linear_schedule init_value=0.9 end_value=0.99 transition_steps=9 per epoch",
      "expected 'per update' for linear_schedule: optax.schedules counts updates (the optimizer's step count), not epochs"
    ),
    ("schedule beta1 off", "expected a schedule of beta1 to turn off, found none"),
    (
      "use adam:pytorch",
      "pytorch has no schedule for beta2: torch.optim.lr_scheduler sets lr only; use adam:optax (inject_hyperparams) (or 'schedule beta2 off' first)"
    ),
    (
      "use rmsprop",
      "expected an optimizer with beta2, found rmsprop (or 'schedule beta2 off' first)"
    ),
    // Once "use momentum:optax", which has no β₂ either.
    (
      "use momentum:pytorch",
      "expected an optimizer with beta2, found momentum (or 'schedule beta2 off' first)"
    ),
  ])
  func badInputIsOneLineAndChangesNothing(_ line: String, _ message: String) throws {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = interpreter.execute(
      "use adam:optax; schedule beta2 cosine_decay_schedule init_value=0.999 decay_steps=20 alpha=0.9; step 3"
    )
    let before = interpreter.session
    #expect(interpreter.execute(line).error?.message == message)
    #expect(interpreter.session == before)
  }

  @Test func otherConventionsRefuseWithTheirReason() throws {
    for (spec, reason) in [
      ("adam:pytorch", "pytorch has no schedule for beta2: torch.optim.lr_scheduler"),
      ("adam:keras", "keras has no schedule for beta2: keras.optimizers.schedules"),
      ("adam", "the notes have no schedule for beta2"),
    ] {
      var interpreter = Interpreter(files: MemoryFiles())
      _ = interpreter.execute("use \(spec)")
      let error = interpreter.execute(
        "schedule beta2 linear_schedule init_value=0.9 end_value=0.99 transition_steps=9"
      ).error
      #expect(error?.message.hasPrefix(reason) == true, "\(spec): \(error?.message ?? "")")
    }
  }

  /// `save` writes the β schedules and `source` rebuilds the same session, bit for bit.
  @Test(arguments: [
    "use adam:optax; schedule beta2 linear_schedule init_value=0.9 end_value=0.999 transition_steps=50; step 9",
    "use adamw:optax; set batch 1; step 4; schedule beta1 exponential_decay init_value=0.5 transition_steps=7 decay_rate=1.2 end_value=0.95; step 10; schedule beta2 cosine_decay_schedule init_value=0.999 decay_steps=30 alpha=0.95; step 6; schedule beta1 off; step 3; back 8",
    "use adam:optax; schedule beta2 polynomial_schedule init_value=0.5 end_value=0.99 power=2 transition_steps=20; step 10; use nadam:optax from here; step 5",
  ])
  func saveAndSourceRebuildTheRunBitForBit(_ script: String) {
    expectSaveAndSourceRebuildTheRun(script)
  }

  @Test func completionOffersOptaxKinds() throws {
    func complete(_ line: String) -> [String] {
      Completer.complete(lineBeforeCursor: line, files: { _ in [] }).candidates
    }
    #expect(complete("schedule b") == ["beta1", "beta2"])
    #expect(complete("schedule beta2 lin") == ["linear_schedule"])
    #expect(complete("schedule beta2 o") == ["off"])
    #expect(complete("schedule beta2 StepLR") == [])
    #expect(
      complete("schedule beta2 linear_schedule init_value=0.9 ")
        == ["end_value", "per", "transition_begin", "transition_steps"])
  }
}
