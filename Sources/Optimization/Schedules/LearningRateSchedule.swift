/// A learning-rate schedule: ηₜ for every update from the one after it was set.
///
/// Part of the ``RunSetup``, so it lives on the timeline: set at t > 0 it is a change like
/// any `set` (the state is kept) and its count starts at that update; rewinding, undo and
/// save treat it as they treat a setting.
///
/// One phase is one library schedule. Several phases are PyTorch's
/// `SequentialLR(schedulers, milestones)`: each phase after the first starts at a milestone,
/// given (`then at 10 …`) or, after LinearLR, its `total_iters` past the milestone before
/// (the warm-up of `LinearLR … then …`). At its milestone torch restarts the scheduler with
/// its closed form at 0 (`scheduler.step(0)`).
public struct LearningRateSchedule: Equatable, Sendable {
  /// The schedules, in order; more than one only for PyTorch kinds.
  public let phases: [SchedulePhase]
  /// What the count counts.
  public let counting: ScheduleCounting
  /// The milestones given with `then at N`, one per phase after the first (nil: after
  /// LinearLR's total_iters).
  public let givenMilestones: [Int?]
  /// The update after which the schedule was set: its count is 0 at update `startsAfter + 1`
  /// (per update) or during the epoch that holds it (per epoch).
  public var startsAfter: Int

  /// A schedule, or the one-line reason the libraries would refuse it: optax and Keras count
  /// updates only; only PyTorch schedulers chain, and a chained one needs a length.
  public init(
    phases: [SchedulePhase], counting: ScheduleCounting? = nil, startsAfter: Int = 0,
    milestones given: [Int?] = []
  ) throws(ScheduleError) {
    precondition(!phases.isEmpty, "a schedule has a phase")
    let first = phases[0].kind
    let counting = counting ?? first.defaultCounting
    if first.library != .pytorch && counting == .perEpoch {
      throw ScheduleError(
        "expected 'per update' for \(first.rawValue): \(first.library.module) counts updates (the optimizer's step count), not epochs"
      )
    }
    if phases.count > 1 {
      for (index, phase) in phases.enumerated() {
        guard phase.kind.library == .pytorch, phase.kind != .oneCycleLR,
          phase.kind != .reduceLROnPlateau
        else {
          throw ScheduleError(
            "expected PyTorch schedulers other than OneCycleLR and ReduceLROnPlateau around 'then' (SequentialLR), found \(phase.kind.rawValue)"
          )
        }
        let isGiven = index < given.count && given[index] != nil
        if index < phases.count - 1 && phase.kind != .linearLR && !isGiven {
          throw ScheduleError(
            "expected 'then at N' after \(phase.kind.rawValue) (N: SequentialLR's milestone; only LinearLR's total_iters gives one)"
          )
        }
      }
    }
    let given = given + [Int?](repeating: nil, count: max(0, phases.count - 1 - given.count))
    var previous = 0
    for (index, phase) in phases.dropLast().enumerated() {
      let milestone = given[index] ?? previous + phase.whole("total_iters")
      guard milestone > previous else {
        throw ScheduleError(
          "expected SequentialLR's milestones to increase from 1, found \(milestone) after \(previous)"
        )
      }
      previous = milestone
    }
    self.givenMilestones = Array(given.prefix(max(0, phases.count - 1)))
    self.phases = phases
    self.counting = counting
    self.startsAfter = startsAfter
  }

  /// Whether it is OneCycleLR with `cycle_momentum=True`, which also sets β₁ at every step
  /// (``TorchScheduler/OneCycle/momentum(_:)``).
  public var cyclesMomentum: Bool {
    phases[0].kind == .oneCycleLR && phases[0].flag("cycle_momentum")
  }

  /// The library whose schedule this is.
  public var library: ScheduleKind.Library { phases[0].kind.library }

  /// Whether η follows the loss (ReduceLROnPlateau) rather than the count alone: the run
  /// keeps the scheduler's state (``PlateauState``) and feeds it the loss.
  public var followsLoss: Bool { phases[0].kind == .reduceLROnPlateau }

  /// SequentialLR's milestones: where each phase after the first starts, in counts.
  public var milestones: [Int] {
    var sum = 0
    return phases.dropLast().enumerated().map { index, phase in
      sum = givenMilestones[index] ?? sum + phase.whole("total_iters")
      return sum
    }
  }

  /// η at count `k` (from 0), with the session's η `rate`: from scratch, for display. A run
  /// reads its values through a ``ScheduleCursor``, which gives the same bits step by step.
  public func rate(atCount k: Int, base rate: Double) -> Double {
    var cursor = ScheduleCursor(self, base: rate)
    return cursor.rate(atCount: k)
  }

  /// The count of update `t` (1-based) of a run whose epochs hold `updatesPerEpoch` updates,
  /// when the count starts after update `start` (the later of ``startsAfter`` and a fresh
  /// optimizer's start: a new optimizer takes a new scheduler).
  public func count(ofUpdate t: Int, start: Int, updatesPerEpoch: Int) -> Int {
    switch counting {
    case .perUpdate: return t - 1 - start
    case .perEpoch: return (t - 1) / updatesPerEpoch - start / updatesPerEpoch
    }
  }

  /// Why this schedule cannot drive `optimizer` under `convention` exactly, or nil: only
  /// OneCycleLR's momentum cycling has limits (momentum and NAG keep each library's own
  /// history, ``MomentumForm``, so every η schedule drives them exactly).
  public func refusal(for optimizer: Optimizer, under convention: Convention) -> String? {
    guard cyclesMomentum else { return nil }
    guard convention == .pytorch else {
      return
        "expected cycle_momentum=False under \(convention.rawValue): OneCycleLR cycles the betas[0] of a PyTorch optimizer"
    }
    guard Setting.applicable(to: optimizer, convention: convention).contains(.beta1),
      optimizer != .nadam
    else {
      return
        "expected cycle_momentum=False for \(optimizer.rawValue): adalab cycles Adam's β₁ (betas[0]), not SGD's or RMSprop's momentum nor NAdam's μ schedule"
    }
    return nil
  }

  /// The schedule as `schedule eta …` writes it, after the `eta`.
  public var description: String {
    phasesDescription + " " + counting.rawValue
  }

  /// The phases as `schedule eta` writes them: `A … then at 10 B …`.
  public var phasesDescription: String {
    phases.enumerated().map { index, phase in
      let text = ([phase.kind.rawValue] + phase.arguments.map { "\($0.name)=\($0.value)" })
        .joined(separator: " ")
      guard index > 0 else { return text }
      return givenMilestones[index - 1].map { "then at \($0) " + text } ?? "then " + text
    }.joined(separator: " ")
  }
}
