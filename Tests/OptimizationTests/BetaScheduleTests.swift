import Foundation
import Testing

@testable import Optimization

/// Schedules of β₁ and β₂ against optax's `inject_hyperparams(optax.adam)`
/// (Fixtures/generate_beta_schedules.py): every state variable at every update at 1e-12,
/// the β each update used, free runs of 100 updates, and the bookkeeping a changing β needs
/// (the bias correction 1 − βᵗ with the current β, recomputed at every update).
@Suite struct BetaScheduleTests {
  struct BetaCase: Decodable {
    var schedules: [String: String]
    var steps: Betas
  }

  /// The β₁ and β₂ each update used.
  struct Betas: Decodable {
    var beta1: [Double]
    var beta2: [Double]
  }

  struct BetaFile: Decodable { var cases: [BetaCase] }

  static func schedule(_ text: String) throws -> LearningRateSchedule {
    try ScheduleConformanceTests.schedule(text)
  }

  static let fixturePath = "conformance/schedules/betas.json"

  /// The fixture's session with its β schedules on, and its state rows without the βs.
  static func sessions() throws -> [(FixtureCase, BetaCase, Session)] {
    var fixtures = try Fixtures.cases(in: fixturePath)
    let extra = try Fixtures.decode(BetaFile.self, fixturePath).cases
    var made: [(FixtureCase, BetaCase, Session)] = []
    for index in fixtures.indices {
      fixtures[index].steps["beta1"] = nil
      fixtures[index].steps["beta2"] = nil
      var session = try fixtures[index].makeSession()
      for (name, text) in extra[index].schedules.sorted(by: { $0.key < $1.key }) {
        try session.schedule(schedule(text), for: #require(ScheduledBeta(rawValue: name)))
      }
      made.append((fixtures[index], extra[index], session))
    }
    return made
  }

  @Test func stepsMatchOptaxInjectHyperparams() throws {
    let cases = try Self.sessions()
    #expect(cases.count == 8)
    for (fixture, extra, session) in cases {
      var session = session
      let worst = try ScheduleConformanceTests().check(fixture, &session)
      print("beta schedule \(fixture) \(extra.schedules): max relative difference \(worst)")
      #expect(worst <= 1e-12, "\(fixture) \(extra.schedules): \(worst)")
      // The β each update used, as inject_hyperparams passed it.
      for beta in ScheduledBeta.allCases {
        let used = beta == .beta1 ? extra.steps.beta1 : extra.steps.beta2
        for (k, expected) in used.enumerated() {
          let value =
            session.scheduledBeta(beta, ofUpdate: k + 1)?.value
            ?? beta.value(in: session.setup.hyperparameters)
          #expect(value == expected, "\(fixture) \(beta.rawValue) at t=\(k + 1)")
        }
      }
    }
  }

  /// 100 updates from the start without the library's states in between: the error of every
  /// update carried to the end (pow's and cos's last bits, amplified by the sparse set's
  /// mini-batches: up to 1.4e-11 there, under 1e-14 on the toy set), held to 1e-10.
  @Test func freeRunsMatchOptax() throws {
    for (fixture, extra, session) in try Self.sessions() {
      var session = session
      #expect(session.step(fixture.stepCount).outcome == .completed)
      var worst = 0.0
      let reference = ConformanceTests()
      for (name, series) in fixture.steps {
        let quantity = try #require(Quantity(rawValue: name))
        let floor = fixture.scale(of: name) * ConformanceTests.cancellationFloor
        for (a, e) in zip(reference.flatten(session.value(of: quantity)), series.last!) {
          worst = max(worst, reference.relativeError(a, e, floor: floor))
        }
      }
      print(
        "beta schedule free run \(fixture) \(extra.schedules): max relative difference \(worst)")
      #expect(worst <= 1e-10, "\(fixture) \(extra.schedules): \(worst)")
    }
  }

  struct CycleCase: Decodable {
    var schedule: String
    var steps: CycleSteps
  }

  struct CycleSteps: Decodable { var beta1: [Double] }

  struct CycleFile: Decodable { var cases: [CycleCase] }

  /// PyTorch's one β schedule: OneCycleLR's `cycle_momentum=True` cycles Adam's betas[0],
  /// and torch's Adam corrects with the current β₁ to the power t.
  @Test func oneCycleMomentumMatchesTorch() throws {
    let path = "conformance/schedules/cycle_momentum.json"
    let fixtures = try Fixtures.cases(in: path)
    let extra = try Fixtures.decode(CycleFile.self, path).cases
    #expect(fixtures.count == 4)
    for (var fixture, extra) in zip(fixtures, extra) {
      fixture.steps["beta1"] = nil
      var session = try fixture.makeSession()
      try session.schedule(ScheduleConformanceTests.schedule(extra.schedule))
      var free = session
      let worst = try ScheduleConformanceTests().check(fixture, &session)
      print("cycle momentum \(fixture) \(extra.schedule): max relative difference \(worst)")
      #expect(worst <= 1e-12, "\(fixture) \(extra.schedule): \(worst)")
      for (k, expected) in extra.steps.beta1.enumerated() {
        let used = try #require(session.scheduledBeta(.beta1, ofUpdate: k + 1)).value
        #expect(abs(used - expected) <= 1e-15, "\(extra.schedule): β₁ at t=\(k + 1)")
      }
      _ = free.step(fixture.stepCount)
      let b = try #require(fixture.steps["b"]?.last?.first)
      print(
        "cycle momentum free run \(fixture): b differs by \(abs(free.state.parameters.last! - b))")
      #expect(abs(free.state.parameters.last! - b) <= 1e-10 * max(1, abs(b)))
    }
  }

  @Test func cycleMomentumIsRefusedWhereAdalabDoesNotCycle() throws {
    let cycle = try Self.schedule("OneCycleLR max_lr=0.5 total_steps=100 per update")
    #expect(cycle.refusal(for: .adam, under: .pytorch) == nil)
    #expect(
      cycle.refusal(for: .gd, under: .pytorch)
        == "expected cycle_momentum=False for gd: adalab cycles Adam's β₁ (betas[0]), not SGD's or RMSprop's momentum nor NAdam's μ schedule"
    )
    #expect(
      cycle.refusal(for: .adam, under: .keras)
        == "expected cycle_momentum=False under keras: OneCycleLR cycles the betas[0] of a PyTorch optimizer"
    )
  }

  /// A schedule that keeps β at its setting gives the bits of no schedule: the corrections
  /// recomputed at every update are the ones the cache reuses.
  @Test(arguments: [Optimizer.adam, .amsgrad, .nadam, .adamax, .radam])
  func aConstantScheduleIsNoSchedule(_ optimizer: Optimizer) throws {
    var setup = RunSetup(dataset: .toy, optimizer: optimizer, convention: .optax)
    setup.training.batch = .points(1)
    var plain = Session(setup: setup)
    var scheduled = plain
    let beta2 = setup.hyperparameters.beta2
    try scheduled.schedule(
      Self.schedule(
        "linear_schedule init_value=\(beta2) end_value=\(beta2) transition_steps=10"),
      for: .beta2)
    try scheduled.schedule(
      Self.schedule("piecewise_constant_schedule boundaries_and_scales=5:1"), for: .beta1)
    _ = plain.step(500)
    _ = scheduled.step(500)
    #expect(plain.state == scheduled.state)
  }

  /// A β₂ whose power has vanished (0.3ᵗ ≤ 2⁻⁵⁴ from t = 32) that then rises to 0.999 is
  /// corrected with 1 − 0.999ᵗ again: the cache forgets what had vanished.
  @Test func aRisingBetaIsCorrectedAgain() throws {
    var setup = RunSetup(dataset: .toy, optimizer: .adam, convention: .optax)
    setup.training.batch = .points(1)
    var session = Session(setup: setup)
    try session.schedule(
      Self.schedule("piecewise_constant_schedule init_value=0.3 boundaries_and_scales=60:3.33"),
      for: .beta2)
    _ = session.step(80)
    let beta2 = try #require(session.scheduledBeta(.beta2, ofUpdate: 80)).value
    #expect(beta2 == 0.3 * 3.33)
    for i in 0..<session.state.parameterCount {
      #expect(session.state.vHat[i] == session.state.v[i] / (1 - pow(beta2, 80)))
    }
  }

  /// Rewinding across a β schedule set mid-run equals a fresh run taken one update at a
  /// time, and explain's β is the one the update used.
  @Test func rewindingAcrossABetaScheduleEqualsAFreshRun() throws {
    let setup = RunSetup(dataset: .toy, optimizer: .adam, convention: .optax)
    func drive(_ session: inout Session, _ stepping: (inout Session, Int) -> Void) throws {
      stepping(&session, 10)
      try session.schedule(
        Self.schedule("linear_schedule init_value=0.5 end_value=0.999 transition_steps=20"),
        for: .beta2)
      stepping(&session, 15)
      try session.schedule(nil, for: .beta2)
      stepping(&session, 5)
    }
    var fast = Session(setup: setup)
    try drive(&fast) { session, count in _ = session.step(count) }
    var slow = Session(setup: setup)
    var states = [slow.state]
    try drive(&slow) { session, count in
      for _ in 0..<count {
        _ = session.step(1)
        states.append(session.state)
      }
    }
    for k in stride(from: 30, through: 0, by: -1) {
      #expect(fast.state(at: k) == states[k], "t=\(k)")
    }
    // Set after update 10: update 11 counts 0 (β₂ = 0.5), update 12 counts 1.
    #expect(fast.scheduledBeta(.beta2, ofUpdate: 11)! == (0, 0.5))
    #expect(fast.scheduledBeta(.beta2, ofUpdate: 12)!.value == 0.5 + 0.499 / 20)
    #expect(fast.scheduledBeta(.beta2, ofUpdate: 10) == nil)
    #expect(fast.scheduledBeta(.beta2, ofUpdate: 26) == nil)
    // The state differs from one without the schedule (the test can fail).
    var constant = Session(setup: setup)
    _ = constant.step(30)
    #expect(constant.state.v != fast.state.v)
  }

  @Test func refusalsLeaveTheSessionAsItWas() throws {
    let optax = try Self.schedule(
      "linear_schedule init_value=0.9 end_value=0.99 transition_steps=9")
    for (optimizer, convention, schedule, reason) in [
      (Optimizer.adam, Convention.pytorch, optax, "pytorch has no schedule for beta2"),
      (.adam, .keras, optax, "keras has no schedule for beta2"),
      (.adam, .lecture, optax, "the notes have no schedule for beta2"),
      (.gd, .optax, optax, "expected an optimizer with beta2, found gd"),
      (.momentum, .pytorch, optax, "expected an optimizer with beta2, found momentum"),
      (.adam, .optax, try Self.schedule("StepLR step_size=3"), "expected an optax schedule"),
    ] {
      var session = Session(
        setup: RunSetup(dataset: .toy, optimizer: optimizer, convention: convention))
      _ = session.step(3)
      let before = session
      #expect {
        try session.schedule(schedule, for: .beta2)
      } throws: { error in
        (error as? ScheduleError)?.message.hasPrefix(reason) == true
      }
      #expect(session.setup == before.setup && session.state == before.state)
    }
  }
}
