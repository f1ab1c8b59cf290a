/// How a stepping command ended.
public enum StepOutcome: Equatable, Sendable {
  /// Every requested update was taken.
  case completed
  /// The stop condition turned true after the last update taken.
  case conditionMet
  /// The user interrupted; the state is the last completed update.
  case interrupted
  /// The next update would have left the finite numbers; it was not taken.
  case diverged(Divergence)
}

/// What a stepping command did.
public struct StepReport: Equatable, Sendable {
  /// Updates taken.
  public var taken: Int
  /// Why it stopped.
  public var outcome: StepOutcome

  public init(taken: Int, outcome: StepOutcome) {
    self.taken = taken
    self.outcome = outcome
  }
}

/// A read-only view of a run between two updates, for stop conditions.
public struct Observation {
  fileprivate let run: Run

  /// The value of `quantity` after the update just taken.
  public func value(of quantity: Quantity) -> QuantityValue {
    switch quantity {
    case .loss: return .scalar(run.loss)
    case .epoch: return .scalar(Double(run.completedEpochs))
    case .gW, .gB: return run.setup.clippedGradient(quantity, of: run.state)
    default: return run.state.value(of: quantity)
    }
  }

  /// t, the updates taken so far.
  public var t: Int { run.state.updateCount }
}

extension Session {
  /// How often `isCancelled` is polled, as a mask: before the update taken when
  /// `taken & mask == mask`. Every 256 updates when they are cheap; more often as an update
  /// costs more (a full batch of a million points), so that a poll comes at least every
  /// 2²² point-features of work, a few milliseconds: Ctrl-C is seen well within 0.2 s.
  var pollMask: Int {
    let points: Int
    switch setup.training.batch {
    case .full: points = setup.dataset.count
    case .points(let k): points = min(k, setup.dataset.count)
    }
    let work = max(1, points * (setup.dataset.dimension + 1))
    var every = 256
    while every > 1 && every * work > 1 << 22 { every /= 2 }
    return every - 1
  }

  /// Takes up to `count` updates. Stops early when `stop` returns true after an update, when
  /// `isCancelled` returns true (polled every few hundred updates, or more often when updates
  /// are expensive, see `pollMask`), or before an update that would produce a non-finite
  /// value.
  public mutating func step(
    _ count: Int, stop: ((Observation) -> Bool)? = nil,
    isCancelled: () -> Bool = { false }
  ) -> StepReport {
    let start = t
    if let stop {
      return checkingLoss(step(count, watching: stop, isCancelled: isCancelled), from: start)
    }
    return checkingLoss(stepUnwatched(count, isCancelled: isCancelled), from: start)
  }

  /// A run whose loss stopped being finite has diverged, even with every parameter finite
  /// (cross-entropy of a saturated sigmoid, a squared error past 1e154). The loss is looked at
  /// once, after the updates (each look is a pass over the data); when it is not finite, the
  /// update that made it so is found by bisection over the recomputed states, and the session
  /// goes back to the update before it, as for any divergence.
  private mutating func checkingLoss(_ report: StepReport, from start: Int) -> StepReport {
    guard report.taken > 0, !loss.isFinite else { return report }
    if case .diverged = report.outcome { return report }
    var finite = start
    var infinite = t
    while infinite - finite > 1 {
      let middle = finite + (infinite - finite) / 2
      if lossIsFinite(at: middle) {
        finite = middle
      } else {
        infinite = middle
      }
    }
    rewind(to: infinite - 1)
    let divergence = Divergence(
      step: infinite, quantity: .loss, parameterIndex: setup.dataset.dimension)
    return StepReport(taken: infinite - 1 - start, outcome: .diverged(divergence))
  }

  private func lossIsFinite(at target: Int) -> Bool {
    var copy = self
    copy.rewind(to: target)
    return copy.loss.isFinite
  }

  /// The updates of ``step(_:stop:isCancelled:)`` without a stop condition.
  private mutating func stepUnwatched(_ count: Int, isCancelled: () -> Bool) -> StepReport {
    var taken = 0
    let mask = pollMask
    while taken < count {
      if taken & mask == mask && isCancelled() {
        return StepReport(taken: taken, outcome: .interrupted)
      }
      // One block runs up to the next interrupt poll (before the update taken when
      // `taken & mask == mask`, as in the loop below) or the next checkpoint, whichever comes
      // first, so polling and recording happen at exactly the same updates as there, and
      // `record` is called at the only update of the block that can be a checkpoint.
      let untilPoll = ((mask - 1 - (taken & mask)) & mask) + 1
      let untilCheckpoint = trajectory.nextCheckpoint - run.state.updateCount
      let block = min(count - taken, untilPoll, untilCheckpoint, updatesBeforeNextChange)
      let (done, divergence) = run.step(count: block)
      taken += done
      trajectory.record(run.state)
      enterChanges()
      if let divergence {
        return StepReport(taken: taken, outcome: .diverged(divergence))
      }
    }
    return StepReport(taken: taken, outcome: .completed)
  }

  /// ``step(_:stop:isCancelled:)`` with a stop condition, which must see every update, so
  /// the updates are taken one at a time.
  private mutating func step(
    _ count: Int, watching stop: (Observation) -> Bool, isCancelled: () -> Bool
  ) -> StepReport {
    var taken = 0
    let mask = pollMask
    while taken < count {
      if taken & mask == mask && isCancelled() {
        return StepReport(taken: taken, outcome: .interrupted)
      }
      if let divergence = run.step() {
        return StepReport(taken: taken, outcome: .diverged(divergence))
      }
      trajectory.record(run.state)
      enterChanges()
      taken += 1
      if stop(Observation(run: run)) {
        return StepReport(taken: taken, outcome: .conditionMet)
      }
    }
    return StepReport(taken: taken, outcome: .completed)
  }

  /// Takes updates until `count` more epoch boundaries have been crossed.
  public mutating func stepEpochs(
    _ count: Int, stop: ((Observation) -> Bool)? = nil,
    isCancelled: () -> Bool = { false }
  ) -> StepReport {
    let perEpoch = updatesPerEpoch
    let (product, overflow) = (epoch + count).multipliedReportingOverflow(by: perEpoch)
    let target = overflow ? Int.max : product
    return step(target - t, stop: stop, isCancelled: isCancelled)
  }

  /// Returns the session to the state it had after update `target`, exactly: the state is
  /// recomputed from the nearest checkpoint, under the setups of the timeline, so every
  /// value is bit for bit what it was on the way forward, across changes too. The changes
  /// made later than `target` stay ahead: stepping on replays them. `target` must be
  /// in 0…t.
  public mutating func rewind(to target: Int) {
    precondition(target >= 0 && target <= t, "rewind target outside 0...t")
    restore(trajectory.checkpoint(atOrBefore: target))
    replay(to: target)
    trajectory.truncate(after: target)
  }

  /// The state after update `target` (in 0…t), recomputed without moving the session.
  public func state(at target: Int) -> OptimizerState {
    var copy = self
    copy.rewind(to: target)
    return copy.state
  }

  /// The number of checkpoints the trajectory holds.
  public var checkpointCount: Int { trajectory.count }
}
