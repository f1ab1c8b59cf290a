/// A learning-rate schedule: ηₜ for every update from the one after it was set.
///
/// Part of the ``RunSetup``, so it lives on the timeline: set at t > 0 it is a change like
/// any `set` (the state is kept) and its count starts at that update; rewinding, undo and
/// save treat it as they treat a setting.
///
/// One phase is one library schedule. Several phases are PyTorch's
/// `SequentialLR(schedulers, milestones)`: each phase after the first starts at a milestone,
/// the `total_iters` of the phase before it (the warm-up of `LinearLR … then …`).
public struct LearningRateSchedule: Equatable, Sendable {
  /// The schedules, in order; more than one only for PyTorch kinds.
  public let phases: [SchedulePhase]
  /// What the count counts.
  public let counting: ScheduleCounting
  /// The update after which the schedule was set: its count is 0 at update `startsAfter + 1`
  /// (per update) or during the epoch that holds it (per epoch).
  public var startsAfter: Int

  /// A schedule, or the one-line reason the libraries would refuse it: optax and Keras count
  /// updates only; only PyTorch schedulers chain, and a chained one needs a length.
  public init(phases: [SchedulePhase], counting: ScheduleCounting? = nil, startsAfter: Int = 0)
    throws(ScheduleError)
  {
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
        if index < phases.count - 1 && phase.kind != .linearLR {
          throw ScheduleError(
            "expected LinearLR before 'then' (its total_iters is SequentialLR's milestone), found \(phase.kind.rawValue)"
          )
        }
      }
    }
    self.phases = phases
    self.counting = counting
    self.startsAfter = startsAfter
  }

  /// The library whose schedule this is.
  public var library: ScheduleKind.Library { phases[0].kind.library }

  /// Whether η follows the loss (ReduceLROnPlateau) rather than the count alone: the run
  /// keeps the scheduler's state (``PlateauState``) and feeds it the loss.
  public var followsLoss: Bool { phases[0].kind == .reduceLROnPlateau }

  /// SequentialLR's milestones: where each phase after the first starts, in counts.
  public var milestones: [Int] {
    var sum = 0
    return phases.dropLast().map { phase in
      sum += phase.whole("total_iters")
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

  /// The schedule as `schedule eta …` writes it, after the `eta`.
  public var description: String {
    phases.map { phase in
      ([phase.kind.rawValue] + phase.arguments.map { "\($0.name)=\($0.value)" })
        .joined(separator: " ")
    }.joined(separator: " then ") + " " + counting.rawValue
  }
}
