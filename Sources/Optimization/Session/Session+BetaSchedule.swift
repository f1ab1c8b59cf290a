extension Session {
  /// Puts `schedule` on `beta` (nil: the setting again), or throws with the session
  /// unchanged: only optax schedules, under optax, for an optimizer that has that β
  /// (``ScheduledBeta/refusal(of:for:under:)``).
  ///
  /// At t = 0 the run starts on it; at t > 0 it is a change like `set` (the state is kept)
  /// and its count starts after update t. Returns how many changes ahead it dropped.
  @discardableResult
  public mutating func schedule(_ schedule: LearningRateSchedule?, for beta: ScheduledBeta)
    throws(ScheduleError) -> Int
  {
    var next = setup
    if var schedule {
      if let reason = beta.refusal(of: schedule, for: setup.optimizer, under: setup.convention) {
        throw ScheduleError(reason)
      }
      schedule.startsAfter = t
      next.betaSchedules[beta] = schedule
    } else {
      guard setup.betaSchedules[beta] != nil else {
        throw ScheduleError("expected a schedule of \(beta.rawValue) to turn off, found none")
      }
      next.betaSchedules[beta] = nil
    }
    if t == 0 {
      replaceSetup(next)
      return 0
    }
    return change(to: next, startingFresh: false)
  }

  /// The count and value of `beta` at update `u` under the schedule that governs it (the
  /// last change made before u), or nil when no schedule of it governs u.
  public func scheduledBeta(_ beta: ScheduledBeta, ofUpdate u: Int) -> (count: Int, value: Double)?
  {
    let (governing, origin) = timeline.governing(before: u)
    if beta == .beta1, u >= 1, let cycle = governing.schedule, cycle.cyclesMomentum {
      let count = cycle.count(
        ofUpdate: u, start: max(cycle.startsAfter, origin),
        updatesPerEpoch: governing.training.updatesPerEpoch(count: governing.dataset.count))
      return (count, TorchScheduler.OneCycle.momentum(cycle.phases[0]).rate(step: count))
    }
    guard u >= 1, let schedule = governing.betaSchedules[beta] else { return nil }
    let count = schedule.count(
      ofUpdate: u, start: max(schedule.startsAfter, origin),
      updatesPerEpoch: governing.training.updatesPerEpoch(count: governing.dataset.count))
    return (count, schedule.rate(atCount: count, base: beta.value(in: governing.hyperparameters)))
  }
}
