import Testing

@testable import Optimization

/// A schedule lives on the timeline: set at t > 0 it keeps the state and counts from the
/// next update, and rewinding across it lands, bit for bit, on the states of a fresh run of
/// the same timeline taken one update at a time.
@Suite struct ScheduleTimelineTests {
  static func schedule(_ text: String) throws -> LearningRateSchedule {
    try ScheduleConformanceTests.schedule(text)
  }

  /// optax's per-update decay from the start, a PyTorch warm-up chain at 20, a fresh
  /// RMSProp from here at 45 (the schedule's count starts again with it), η changed under
  /// the schedule at 60, the schedule off at 80; 100 updates in all.
  static func drive(
    _ session: inout Session, stepping: (inout Session, Int) throws -> Void
  ) throws {
    try session.schedule(schedule("exponential_decay transition_steps=7 decay_rate=0.5"))
    try stepping(&session, 20)
    try session.schedule(
      schedule("LinearLR start_factor=0.1 total_iters=3 then CosineAnnealingLR T_max=20 per epoch"))
    try stepping(&session, 25)
    var rmsprop = session.setup
    rmsprop.optimizer = .rmsprop
    rmsprop.hyperparameters = .defaults(for: .rmsprop, convention: rmsprop.convention)
    session.change(to: rmsprop, startingFresh: true)
    try stepping(&session, 15)
    try session.set(.eta, to: .number(0.02))
    try stepping(&session, 20)
    try session.schedule(nil)
    try stepping(&session, 20)
  }

  @Test(arguments: TimelineTests.setups)
  func rewindingAcrossScheduleChangesEqualsAFreshRun(_ name: String, _ setup: RunSetup) throws {
    var fast = Session(setup: setup)
    try Self.drive(&fast) { session, count in _ = session.step(count) }
    var slow = Session(setup: setup)
    var states: [OptimizerState] = [slow.state]
    try Self.drive(&slow) { session, count in
      states[session.t] = session.state
      for _ in 0..<count {
        _ = session.step(1)
        states.append(session.state)
      }
    }
    #expect(fast.t == 100 && fast.timeline.changes.count == 4)
    #expect(fast.timeline == slow.timeline)
    for k in stride(from: 100, through: 0, by: -1) {
      #expect(fast.state(at: k) == states[k], "\(name): t=\(k)")
    }
    // Back within one schedule's span: the run (and its schedule's count) is reused.
    var within = fast
    within.rewind(to: 79)
    within.rewind(to: 65)
    _ = within.step(5)
    #expect(within.state == states[70], "\(name): back within a schedule")
    var again = fast
    again.rewind(to: 0)
    _ = again.step(100)
    #expect(again == fast)
    // The schedule changed the run: without it the states differ.
    var plain = Session(setup: setup)
    _ = plain.step(20)
    #expect(plain.state.parameters != states[20].parameters)
  }

  /// ReduceLROnPlateau keeps its state in the optimizer state: every rewind lands on the
  /// states of the run taken one update at a time, the scheduler's included.
  @Test(arguments: ["per update", "per epoch"])
  func plateauStateRewindsExactly(_ counting: String) throws {
    var setup = RunSetup(dataset: .toy, optimizer: .adam, convention: .pytorch)
    setup.hyperparameters.learningRate = 1
    setup.training.batch = .points(1)
    var fast = Session(setup: setup)
    _ = fast.step(30)
    try fast.schedule(Self.schedule("ReduceLROnPlateau factor=0.5 patience=3 \(counting)"))
    var slow = fast
    var states = (0...30).map { fast.state(at: $0) }
    states[30] = slow.state
    for _ in 0..<170 {
      _ = slow.step(1)
      states.append(slow.state)
    }
    _ = fast.step(170)
    #expect(fast.state == slow.state)
    #expect(fast.state.plateau!.learningRate < 1)  // the scheduler did reduce η
    for k in stride(from: 200, through: 0, by: -7) {
      #expect(fast.state(at: k) == states[k], "t=\(k)")
    }
    var again = fast
    again.rewind(to: 10)
    _ = again.step(190)
    #expect(again == fast)
  }

  @Test func aScheduleSetMidRunCountsFromTheNextUpdate() throws {
    var perUpdate = RunSetup(dataset: .toy, optimizer: .gd, convention: .lecture)
    perUpdate.training.batch = .points(1)
    var session = Session(setup: perUpdate)
    _ = session.step(10)
    let before = session.state
    try session.schedule(Self.schedule("ExponentialLR gamma=0.5 per update"))
    #expect(session.state == before)
    #expect(session.nextScheduledRate! == (0, 0.1))
    // Plain gradient descent: θ moves by exactly η·g, with η = 0.1, 0.05, 0.025.
    for rate in [0.1, 0.05, 0.025] {
      let theta = session.state.parameters
      _ = session.step(1)
      let g = session.state.gradient
      #expect(session.state.parameters == zip(theta, g).map { $0 - rate * $1 })
    }
    #expect(session.nextScheduledRate! == (3, 0.0125))
  }

  @Test func perEpochCountsPassesOverTheData() throws {
    var setup = RunSetup(dataset: .toy, optimizer: .gd, convention: .pytorch)
    setup.training.batch = .points(1)
    var session = Session(setup: setup)
    try session.schedule(Self.schedule("StepLR step_size=1 gamma=0.5"))
    var rates: [Double] = []
    for _ in 0..<6 {
      rates.append(session.nextScheduledRate!.rate)
      _ = session.step(1)
    }
    #expect(rates == [0.001, 0.001, 0.0005, 0.0005, 0.00025, 0.00025])
  }

  @Test func refusalsNameWhatWasExpected() throws {
    #expect(throws: ScheduleError.self) {
      try Self.schedule("exponential_decay transition_steps=3 decay_rate=0.5 per epoch")
    }
    let errors: [(String, String)] = [
      ("StepLR gamma=0.5", "expected step_size=… (a whole number ≥ 1) for StepLR, found none"),
      ("StepLR step_size=0", "expected a whole number ≥ 1 for 'step_size', found '0'"),
      ("StepLR step=3", "expected a parameter of StepLR (step_size, gamma), found 'step'"),
      ("StepLR t_max=3", "expected a parameter of StepLR (step_size, gamma), found 't_max'"),
      (
        "CosineAnnealingLR t_max=3",
        "expected a parameter of CosineAnnealingLR (T_max, eta_min), found 't_max'; did you mean 'T_max'?"
      ),
      (
        "exponential_decay transition_steps=3 decay_rate=0.5 per epoch",
        "expected 'per update' for exponential_decay: optax.schedules counts updates (the optimizer's step count), not epochs"
      ),
      (
        "StepLR step_size=3 then ExponentialLR gamma=0.9",
        "expected 'then at N' after StepLR (N: SequentialLR's milestone; only LinearLR's total_iters gives one)"
      ),
      (
        "PiecewiseConstantDecay boundaries=3,5 values=1,2",
        "expected one more value than boundaries (Keras's check), found 2 boundaries and 2 values"
      ),
    ]
    for (text, message) in errors {
      #expect(throws: ScheduleError(message)) { try Self.schedule(text) }
    }
  }
}

/// `explain` under a schedule shows the update the engine took, with its ηₜ.
@Suite struct ScheduleExplainTests {
  @Test(arguments: [
    "LinearLR start_factor=0.1 total_iters=4 then CosineAnnealingLR T_max=9 per update",
    "exponential_decay transition_steps=3 decay_rate=0.5",
    "ReduceLROnPlateau factor=0.5 patience=0 per update",
  ])
  func everyShownValueIsTheEnginesBitForBit(_ text: String) throws {
    for optimizer in [Optimizer.adam, .gd, .adagrad, .lion] {
      var setup = RunSetup(dataset: .toy, optimizer: optimizer, convention: .pytorch)
      setup.training.batch = .points(1)
      if optimizer == .adagrad { setup.hyperparameters.learningRateDecay = 0.1 }
      var session = Session(setup: setup)
      _ = session.step(3)
      try session.schedule(ScheduleConformanceTests.schedule(text))
      for _ in 1...8 {
        _ = session.step(1)
        ExplainTests.expectEveryShownValueIsTheEngines(session, "\(optimizer) \(text)")
      }
    }
  }
}
