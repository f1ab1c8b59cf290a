import Optimization
import Testing

@testable import Shell

/// `schedule eta …`, `schedule off` and `show schedule` through the interpreter: the replies,
/// the refusals that leave the session as it was, the timeline, undo, save and source.
@Suite struct ScheduleShellTests {
  @Test func aScheduleAtTheStartAndMidRun() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = interpreter.execute("use adam:pytorch; set eta 0.1; set batch 1")
    let reply = interpreter.execute(
      "schedule eta LinearLR start_factor=0.1 total_iters=5 then CosineAnnealingLR T_max=45"
    ).replies[0]
    #expect(
      reply.lines == [
        "eta follows LinearLR start_factor=0.1 total_iters=5 then CosineAnnealingLR",
        "  T_max=45 per epoch",
        "from t=1: η = 0.01 at count 0",
      ])
    _ = interpreter.execute("step 12")
    #expect(
      interpreter.execute("show schedule").replies[0].lines == [
        "schedule  LinearLR start_factor=0.1 total_iters=5 then CosineAnnealingLR",
        "          T_max=45",
        "          pytorch, per epoch (SequentialLR, milestones 5), set at t=0",
        "base      eta = 0.1",
        "now       η = 0.1 at t=12 (count 5)",
        "next      η = 0.0998782 at t=13 (count 6)",
      ])
    let before = interpreter.session.state
    let change = interpreter.execute("schedule eta ExponentialLR gamma=0.5 per update").replies[0]
    #expect(change.lines.last == "from t=13, the state kept: η = 0.1 at count 0")
    #expect(
      change.json
        == .object([
          ("schedule", .string("ExponentialLR gamma=0.5 per update")),
          ("library", .string("pytorch")), ("counting", .string("per update")),
          ("from_t", .integer(13)), ("count", .integer(0)), ("eta", .number(0.1)),
          ("dropped", .integer(0)),
        ]))
    #expect(interpreter.session.state == before)
    _ = interpreter.execute("step 2")
    #expect(interpreter.session.nextScheduledRate! == (2, 0.025))
    #expect(
      interpreter.execute("schedule off").replies[0].lines == ["schedule off: eta = 0.1 from t=15"])
    #expect(
      interpreter.execute("show timeline").replies[0].lines.suffix(2) == [
        "t=12    schedule eta ExponentialLR gamma=0.5 per update",
        "t=14    schedule off",
      ])
    _ = interpreter.execute("undo")
    #expect(interpreter.session.setup.schedule != nil)
  }

  @Test(arguments: [
    (
      "schedule eta StepLR step=3",
      "unknown parameter 'step' for 'StepLR' (did you mean 'step_size'?)"
    ),
    ("schedule eta Stpelr step_size=3", "unknown schedule 'Stpelr' (did you mean 'StepLR'?)"),
    ("schedule eta StepLR", "expected step_size=… (a whole number ≥ 1) for StepLR, found none"),
    (
      "schedule eta StepLR step_size=three",
      "expected a whole number ≥ 1 for 'step_size', found 'three'"
    ),
    ("schedule", "expected 'eta', 'beta1', 'beta2' or 'off' after 'schedule', found nothing"),
    ("schedule off", "expected a schedule to turn off, found none"),
    (
      "schedule eta cosine_decay_schedule decay_steps=9 per epoch",
      "expected 'per update' for cosine_decay_schedule: optax.schedules counts updates (the optimizer's step count), not epochs"
    ),
    (
      "schedule eta StepLR step_size=3 per week",
      "expected 'epoch' or 'update' after 'per', found 'week'"
    ),
  ])
  func badInputIsOneLineAndChangesNothing(_ line: String, _ message: String) throws {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = interpreter.execute("step 3")
    let before = interpreter.session
    #expect(interpreter.execute(line).error?.message == message)
    #expect(interpreter.session == before)
  }

  @Test func namesMatchWithoutRegardToCase() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    let reply = interpreter.execute("schedule eta cosineannealinglr t_max=10").replies[0]
    #expect(reply.lines[0] == "eta follows CosineAnnealingLR T_max=10 per epoch")
  }

  /// `save` writes the schedules and `source` rebuilds the same session, bit for bit.
  @Test(arguments: [
    "schedule eta StepLR step_size=3 gamma=0.3333333333333333; step 9",
    "set batch 1; schedule eta LinearLR start_factor=0.1 total_iters=3 then CosineAnnealingLR T_max=20; step 12; schedule eta exponential_decay transition_steps=7 decay_rate=0.5 end_value=1e-3; step 5; set eta 0.05; step 4; schedule off; step 3; back 6",
    "use adam:keras; set batch 1; step 4; schedule eta CosineDecay initial_learning_rate=0 decay_steps=30 warmup_target=0.1 warmup_steps=5; step 10; use rmsprop:keras from here; step 5",
    "set eta 1; set batch 1; step 10; schedule eta ReduceLROnPlateau factor=0.5 patience=2 threshold_mode=abs per update; step 40; set eta 0.5; step 20; back 30",
    "use adagrad:pytorch; set lr_decay 0.05; schedule eta OneCycleLR max_lr=0.3 total_steps=40 cycle_momentum=False three_phase=True; step 20",
  ])
  func saveAndSourceRebuildTheRunBitForBit(_ script: String) {
    expectSaveAndSourceRebuildTheRun(script)
  }

  @Test func completionOffersTheCatalog() throws {
    func complete(_ line: String) -> [String] {
      Completer.complete(lineBeforeCursor: line, files: { _ in [] }).candidates
    }
    #expect(complete("schedule ") == ["beta1", "beta2", "eta", "off"])
    #expect(complete("schedule eta step") == ["StepLR"])
    #expect(
      complete("schedule eta cos") == ["CosineAnnealingLR", "CosineDecay", "cosine_decay_schedule"])
    #expect(complete("schedule eta StepLR step_size=3 ") == ["gamma", "per", "then"])
    #expect(complete("schedule eta StepLR step_size=3 then a") == ["at"])
    #expect(complete("schedule eta LinearLR total_iters=3 t") == ["then"])
    #expect(complete("schedule eta StepLR step_size=3 per ") == ["epoch", "update"])
  }
}
