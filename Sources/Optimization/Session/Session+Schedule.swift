extension Session {
  /// Puts `schedule` on η (nil: η constant again), or throws with the session unchanged.
  ///
  /// At t = 0 the run starts on it; at t > 0 it is a change like `set` (the state is kept)
  /// and its count starts after update t (``LearningRateSchedule/startsAfter``). Returns how
  /// many changes ahead it dropped (see ``change(to:startingFresh:)``).
  @discardableResult
  public mutating func schedule(_ schedule: LearningRateSchedule?) throws(ScheduleError) -> Int {
    var next = setup
    if var schedule {
      schedule.startsAfter = t
      next.schedule = schedule
    } else {
      guard setup.schedule != nil else {
        throw ScheduleError("expected a schedule to turn off, found none")
      }
      next.schedule = nil
    }
    if t == 0 {
      replaceSetup(next)
      return 0
    }
    return change(to: next, startingFresh: false)
  }

  /// The schedule's count and η for the next update (t + 1), or nil without a schedule.
  public var nextScheduledRate: (count: Int, rate: Double)? {
    scheduledRate(ofUpdate: t + 1)
  }

  /// The count and η of update `u` under the schedule that governs it (the last change
  /// made before u), or nil when no schedule governs it.
  public func scheduledRate(ofUpdate u: Int) -> (count: Int, rate: Double)? {
    let (governing, origin) = timeline.governing(before: u)
    guard u >= 1, let schedule = governing.schedule else { return nil }
    if schedule.followsLoss {
      // ReduceLROnPlateau's lr is in the state: known for the next update only.
      guard u == t + 1, let plateau = state.plateau else { return nil }
      let count = schedule.count(
        ofUpdate: u, start: plateau.startsAfter,
        updatesPerEpoch: governing.training.updatesPerEpoch(count: governing.dataset.count))
      return (count, plateau.learningRate)
    }
    let count = schedule.count(
      ofUpdate: u, start: max(schedule.startsAfter, origin),
      updatesPerEpoch: governing.training.updatesPerEpoch(count: governing.dataset.count))
    return (count, schedule.rate(atCount: count, base: governing.hyperparameters.learningRate))
  }
}
