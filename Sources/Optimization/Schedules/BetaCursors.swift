/// The schedules of β₁ and β₂ as a run reads them (``RunSetup/betaSchedules``), one
/// ``ScheduleCursor`` each, counted as optax's `inject_hyperparams` counts: 0 at the first
/// update after the schedule was set (or after a fresh optimizer's start); or β₁ from
/// PyTorch's OneCycleLR with `cycle_momentum=True`, at the η schedule's own count.
struct BetaCursors {
  var beta1: ScheduleCursor?
  var beta2: ScheduleCursor?
  /// OneCycleLR's momentum and the η schedule's cursor, whose count it reads.
  var cycle: (momentum: TorchScheduler.OneCycle, cursor: ScheduleCursor)?

  /// The cursors of `setup`'s β schedules, for a run whose rule counts from `origin`; each
  /// schedule's default initial value is the setting it replaces.
  init(_ setup: RunSetup, origin: Int, updatesPerEpoch: Int) {
    func cursor(_ beta: ScheduledBeta) -> ScheduleCursor? {
      setup.betaSchedules[beta].map {
        ScheduleCursor(
          $0, base: beta.value(in: setup.hyperparameters), origin: origin,
          updatesPerEpoch: updatesPerEpoch)
      }
    }
    beta1 = cursor(.beta1)
    beta2 = cursor(.beta2)
    if let schedule = setup.schedule, schedule.cyclesMomentum {
      cycle = (
        TorchScheduler.OneCycle.momentum(schedule.phases[0]),
        ScheduleCursor(
          schedule, base: setup.hyperparameters.learningRate, origin: origin,
          updatesPerEpoch: updatesPerEpoch)
      )
    }
  }

  /// Sets `h`'s β₁ and β₂ to those of the run's update `t` (1-based from the rule's origin)
  /// in its epoch `epoch`.
  mutating func set(_ h: inout Hyperparameters, update t: Int, epoch: Int) {
    if let beta = beta1?.rate(update: t, epoch: epoch) { h.beta1 = beta }
    if let beta = beta2?.rate(update: t, epoch: epoch) { h.beta2 = beta }
    if let cycle {
      h.beta1 = cycle.momentum.rate(step: cycle.cursor.count(update: t, epoch: epoch))
    }
  }
}
