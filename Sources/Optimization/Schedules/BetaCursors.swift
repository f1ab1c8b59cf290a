/// The schedules of β₁ and β₂ as a run reads them (``RunSetup/betaSchedules``), one
/// ``ScheduleCursor`` each, counted as optax's `inject_hyperparams` counts: 0 at the first
/// update after the schedule was set (or after a fresh optimizer's start).
struct BetaCursors {
  var beta1: ScheduleCursor?
  var beta2: ScheduleCursor?

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
  }

  /// Sets `h`'s β₁ and β₂ to those of the run's update `t` (1-based from the rule's origin).
  mutating func set(_ h: inout Hyperparameters, update t: Int) {
    if let beta = beta1?.rate(update: t, epoch: 0) { h.beta1 = beta }
    if let beta = beta2?.rate(update: t, epoch: 0) { h.beta2 = beta }
  }
}
