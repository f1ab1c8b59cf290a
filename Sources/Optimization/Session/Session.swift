/// One person's experiment: a timeline, where its run has got to, and the road behind it.
///
/// A value: copying a session forks it, and every mutating method either succeeds or
/// throws with the session unchanged. A run is defined by its ``Timeline``: the setup it
/// starts from and the changes made along the way. A new start (data, start point,
/// optimizer, a setting at t = 0) restarts the run at t = 0; a change at t > 0
/// (``change(to:startingFresh:)``) governs the updates after t; stepping, rewinding and
/// resetting move along the run.
public struct Session {
  /// The setup in force now: the one the next update uses.
  public var setup: RunSetup { run.setup }
  /// The start and the changes that define the run.
  public internal(set) var timeline: Timeline
  /// The state after the last update.
  public var state: OptimizerState { run.state }
  /// t, the number of updates taken.
  public var t: Int { run.state.updateCount }

  var run: Run
  var trajectory: Trajectory

  /// A session on `setup`, at t = 0.
  public init(setup: RunSetup) {
    var setup = setup
    setup.schedule?.startsAfter = 0  // a new run: its schedule counts from its first update
    for beta in setup.betaSchedules.keys { setup.betaSchedules[beta]?.startsAfter = 0 }
    timeline = Timeline(start: setup)
    run = Run(setup: setup)
    trajectory = Trajectory(initial: run.state, pointsPerUpdate: run.pointsPerUpdate)
  }

  /// The session adalab opens with: the toy set and the notes' Adam, ready to step.
  public init() {
    self.init(setup: RunSetup(dataset: .toy, optimizer: .adam, convention: .lecture))
  }

  // MARK: - Changing the setup

  /// Restarts on a new setup, with a timeline of its own.
  public mutating func replaceSetup(_ newSetup: RunSetup) {
    self = Session(setup: newSetup)
  }

  /// Switches to `optimizer` with the defaults of `convention` (the current one if nil).
  public mutating func use(_ optimizer: Optimizer, convention: Convention? = nil) {
    var next = setup
    next.optimizer = optimizer
    next.convention = convention ?? setup.convention
    next.hyperparameters = .defaults(for: optimizer, convention: next.convention)
    replaceSetup(next)
  }

  /// Changes one setting, or throws with the session unchanged: from the next update at
  /// t > 0, keeping the state (see ``change(to:startingFresh:)``), unless the setting
  /// decides the start or the data stream (``Setting/restartsRun``) or `restart` is asked
  /// for; then, and at t = 0, the run restarts on the new setup.
  public mutating func set(
    _ setting: Setting, to input: SettingInput, restart: Bool = false
  ) throws(SettingError) {
    let next = try setup.setting(setting, to: input)
    if restart || t == 0 || setting.restartsRun {
      replaceSetup(next)
    } else {
      change(to: next, startingFresh: false)
    }
  }

  /// Loads a data set; the start becomes that data set's default when d changes.
  public mutating func load(_ dataset: Dataset) {
    var next = setup
    next.dataset = dataset
    if next.start.count != dataset.dimension + 1 || dataset.name == "toy" {
      next.start = RunSetup.defaultStart(for: dataset)
    }
    replaceSetup(next)
  }

  /// Sets the start θ₀; `weights` must have one entry per feature.
  public mutating func initialize(weights: [Double]?, bias: Double?) throws(SettingError) {
    var start = setup.start
    let d = setup.dataset.dimension
    if let weights {
      guard weights.count == d else {
        throw SettingError(
          "w needs \(d) value\(d == 1 ? "" : "s") (one per feature of \(setup.dataset.name)), found \(weights.count)"
        )
      }
      guard weights.allSatisfy(\.isFinite) else {
        throw SettingError("w must be finite numbers, found \(weights)")
      }
      start.replaceSubrange(0..<d, with: weights)
    }
    if let bias {
      guard bias.isFinite else { throw SettingError("b must be a finite number, found \(bias)") }
      start[d] = bias
    }
    var next = setup
    next.start = start
    replaceSetup(next)
  }

  /// Back to t = 0 with the setup in force now as the new start.
  public mutating func reset() {
    replaceSetup(setup)
  }

  // MARK: - Reading

  /// The loss at the current parameters, summed over every point.
  public var loss: Double { run.loss }

  /// The number of completed passes over the data.
  public var epoch: Int { run.completedEpochs }

  /// The value of any quantity now.
  public func value(of quantity: Quantity) -> QuantityValue {
    switch quantity {
    case .loss: return .scalar(loss)
    case .epoch: return .scalar(Double(epoch))
    case .gW, .gB:
      // Under the setup that governed the last update (a change made at t acts on t + 1).
      return timeline.governing(before: max(t, 1)).setup.clippedGradient(quantity, of: state)
    default: return state.value(of: quantity)
    }
  }

  /// The η update t + 1 will use, under the setup in force now (``value(of:)`` gives the η
  /// of update t).
  public var upcomingLearningRate: Double { run.upcomingLearningRate }

  /// Updates in one pass over the data.
  public var updatesPerEpoch: Int {
    setup.training.updatesPerEpoch(count: setup.dataset.count)
  }
}
