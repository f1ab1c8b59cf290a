import Testing

@testable import Optimization

/// A run that changes course stays a pure function of its timeline: every state reached by
/// rewinding across a change is, bit for bit, the state a fresh run of the same timeline
/// reaches going forward one update at a time.
@Suite struct TimelineTests {
  /// Setups that take each path of the engine: the per-point loop, the full-batch path,
  /// shuffled mini-batches with NAdam's Πμ, and the notes' bias correction counted in epochs.
  static let setups: [(String, RunSetup)] = {
    var perPoint = RunSetup(dataset: .toy, optimizer: .adam, convention: .lecture)
    perPoint.training.batch = .points(1)
    let full = RunSetup(dataset: .toy, optimizer: .adam, convention: .pytorch)
    var shuffled = RunSetup(
      dataset: .sparse(count: 40, density: 0.2, seed: 3), optimizer: .nadam, convention: .pytorch)
    shuffled.training.batch = .points(3)
    shuffled.training.shuffle = true
    var epochs = perPoint
    epochs.hyperparameters.biasPower = .epoch
    // 4096 / n points per update: a checkpoint at every update, or at every fourth, so
    // rewinds start from checkpoints on, between and just before the changes.
    let everyUpdate = RunSetup(
      dataset: .sparse(count: 4096, density: 0.1, seed: 1), optimizer: .adam, convention: .keras)
    let everyFourth = RunSetup(
      dataset: .sparse(count: 1024, density: 0.1, seed: 2), optimizer: .amsgrad,
      convention: .pytorch)
    return [
      ("per point", perPoint), ("full batch", full), ("shuffled", shuffled), ("epochs", epochs),
      ("checkpoint every update", everyUpdate), ("checkpoint every 4", everyFourth),
    ]
  }()

  /// The timeline every test drives: η changed at 20, a switch to RMSProp from here at 45,
  /// β changed at 45 too, then η again at 70; 100 updates in all.
  static func drive(
    _ session: inout Session, stepping: (inout Session, Int) throws -> Void
  ) throws {
    try stepping(&session, 20)
    try session.set(.eta, to: .number(0.01))
    try stepping(&session, 25)
    var rmsprop = session.setup
    rmsprop.optimizer = .rmsprop
    rmsprop.hyperparameters = .defaults(for: .rmsprop, convention: rmsprop.convention)
    session.change(to: rmsprop, startingFresh: true)
    try session.set(.beta, to: .number(0.8))
    try stepping(&session, 25)
    try session.set(.eta, to: .number(0.002))
    try stepping(&session, 30)
  }

  @Test(arguments: setups)
  func rewindingAcrossChangesEqualsAFreshRunOneUpdateAtATime(_ name: String, _ setup: RunSetup)
    throws
  {
    var fast = Session(setup: setup)
    try TimelineTests.drive(&fast) { session, count in _ = session.step(count) }
    var slow = Session(setup: setup)
    var states: [OptimizerState] = [slow.state]
    try TimelineTests.drive(&slow) { session, count in
      // The state at a change is the one after it (a fresh start zeroes m and v).
      states[session.t] = session.state
      for _ in 0..<count {
        _ = session.step(1)
        states.append(session.state)
      }
    }
    #expect(fast.t == 100 && fast.timeline.changes.count == 4)
    #expect(fast.checkpointCount == 101 || name != "checkpoint every update")
    #expect(fast.timeline == slow.timeline)
    for k in stride(from: 100, through: 0, by: -1) {
      #expect(fast.state(at: k) == states[k], "\(name): t=\(k)")
    }
    // Back to the start, then forward again: the changes ahead are replayed.
    var again = fast
    again.rewind(to: 0)
    #expect(again.changesAhead == 4)
    _ = again.step(100)
    #expect(again == fast)
  }

  @Test func aChangeKeepsTheStateAndGovernsTheNextUpdate() throws {
    var session = Session(setup: RunSetup(dataset: .toy, optimizer: .adam, convention: .lecture))
    _ = session.step(20)
    let before = session.state
    try session.set(.eta, to: .number(0.5))
    #expect(session.state == before && session.t == 20)
    #expect(session.setup.hyperparameters.learningRate == 0.5)
    var unchanged = session
    unchanged.rewind(to: 20)
    #expect(unchanged.setup.hyperparameters.learningRate == 0.5)
    // The next update differs from the run without the change by the factor of η alone:
    // Adam's step is η·m̂/(√v̂ + ε), m and v do not depend on η.
    var without = Session(setup: RunSetup(dataset: .toy, optimizer: .adam, convention: .lecture))
    _ = without.step(21)
    _ = session.step(1)
    let withChange = session.state.parameters[1] - before.parameters[1]
    let withoutChange = without.state.parameters[1] - before.parameters[1]
    #expect(abs(withChange / withoutChange - 5) < 1e-12)
    #expect(session.state.m == without.state.m && session.state.v == without.state.v)
  }

  /// `use … from here` on a full batch is an optimizer started at the current parameters:
  /// the same updates bit for bit as a new run from there, its own t counting from 1.
  @Test func aFreshStartFromHereIsANewRunFromTheseParameters() throws {
    var session = Session(setup: RunSetup(dataset: .toy, optimizer: .rmsprop, convention: .lecture))
    _ = session.step(30)
    var adam = session.setup
    adam.optimizer = .adam
    adam.hyperparameters = .defaults(for: .adam, convention: .lecture)
    session.change(to: adam, startingFresh: true)
    #expect(session.state.m.allSatisfy { $0 == 0 } && session.state.v.allSatisfy { $0 == 0 })
    #expect(session.t == 30)
    var fresh = adam
    fresh.start = session.state.parameters
    var reference = Session(setup: fresh)
    _ = session.step(25)
    _ = reference.step(25)
    #expect(session.state.parameters == reference.state.parameters)
    #expect(session.state.m == reference.state.m && session.state.v == reference.state.v)
    #expect(session.t == 55 && reference.t == 25)
  }

  /// `explain` after changes: the update is explained under the setup that governed it
  /// (not one changed after it) and with the rule's own count after a fresh start.
  @Test(arguments: setups)
  func explainUsesTheSetupAndCountOfTheUpdate(_ name: String, _ setup: RunSetup) throws {
    var session = Session(setup: setup)
    var checked = 0
    // The state the last update left, before any change made after it: what `explain`
    // must match (a fresh start replaces m, v, … in the session's state).
    var stepped = session.state
    try TimelineTests.drive(&session) { session, count in
      // The first pass explains the update before the change just made, the others the
      // updates after it.
      for k in 0...min(count, 3) {
        if k > 0 {
          _ = session.step(1)
          stepped = session.state
        }
        guard session.t > 0 else { continue }
        let explanation = try #require(session.explainLastUpdate())
        for line in explanation.lines {
          guard let quantity = line.quantity, let i = line.parameterIndex else { continue }
          let engine: Double
          switch stepped.value(of: quantity) {
          case .scalar(let x): engine = x
          case .vector(let xs): engine = xs[i]
          }
          #expect(
            line.value.bitPattern == engine.bitPattern,
            "\(name) t=\(session.t) \(line.name): \(line.value) vs \(engine)")
          checked += 1
        }
      }
      _ = session.step(count - min(count, 3))
      stepped = session.state
    }
    #expect(checked > 40)
  }

  @Test func aChangeAfterGoingBackDropsTheChangesAhead() throws {
    var session = Session()
    _ = session.step(10)
    try session.set(.eta, to: .number(0.05))
    _ = session.step(10)
    try session.set(.eta, to: .number(0.01))
    _ = session.step(10)
    session.rewind(to: 5)
    #expect(session.changesAhead == 2)
    #expect(session.setup.hyperparameters.learningRate == 0.1)
    var edited = session
    try edited.set(.beta1, to: .number(0.5))
    #expect(edited.timeline.changes.map(\.t) == [5])
    #expect(edited.changesAhead == 0)
    // A training setting cannot change mid-run: it restarts, dropping the timeline.
    var restarted = session
    try restarted.set(.batch, to: .number(1))
    #expect(restarted.t == 0 && restarted.timeline.changes.isEmpty)
  }
}
