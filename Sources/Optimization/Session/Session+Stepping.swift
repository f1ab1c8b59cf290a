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
}

/// A read-only view of a run between two updates, for stop conditions.
public struct Observation {
  fileprivate let run: Run

  /// The value of `quantity` after the update just taken.
  public func value(of quantity: Quantity) -> QuantityValue {
    switch quantity {
    case .loss: return .scalar(run.loss)
    case .epoch: return .scalar(Double(run.completedEpochs))
    default: return run.state.value(of: quantity)
    }
  }

  /// t, the updates taken so far.
  public var t: Int { run.state.updateCount }
}

extension Session {
  /// Takes up to `count` updates. Stops early when `stop` returns true after an update, when
  /// `isCancelled` returns true (polled every few hundred updates), or before an update that
  /// would produce a non-finite value.
  public mutating func step(
    _ count: Int, stop: ((Observation) -> Bool)? = nil,
    isCancelled: () -> Bool = { false }
  ) -> StepReport {
    if let stop { return step(count, watching: stop, isCancelled: isCancelled) }
    var taken = 0
    while taken < count {
      if taken & 255 == 255 && isCancelled() {
        return StepReport(taken: taken, outcome: .interrupted)
      }
      // One block runs up to the next interrupt poll (before the update taken when
      // `taken & 255 == 255`, as in the loop below) or the next checkpoint, whichever comes
      // first, so polling and recording happen at exactly the same updates as there, and
      // `record` is called at the only update of the block that can be a checkpoint.
      let untilPoll = ((254 - (taken & 255)) & 255) + 1
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
    while taken < count {
      if taken & 255 == 255 && isCancelled() {
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
