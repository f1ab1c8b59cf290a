/// ReduceLROnPlateau in a run: η from the scheduler's state, kept in the ``OptimizerState``,
/// and the loss fed to it after each epoch (or update), as `scheduler.step(loss)` after
/// the optimizer's step.
extension Run {
  /// The scheduler's state a run on `setup` starts with, given the state it takes over:
  /// kept when it belongs to the same schedule and η, fresh (lr = η) when the schedule or η
  /// is new, nil without such a schedule.
  static func plateau(for setup: RunSetup, origin: Int, from state: OptimizerState)
    -> PlateauState?
  {
    guard let schedule = setup.schedule, schedule.followsLoss else { return nil }
    let start = max(schedule.startsAfter, origin)
    let base = setup.hyperparameters.learningRate
    if let kept = state.plateau, kept.startsAfter == start, kept.base == base { return kept }
    return PlateauState(schedule.phases[0], base: base, startsAfter: start)
  }

  /// Puts the scheduler's lr into `context` for the update the rule counts as `t`, decayed by
  /// PyTorch AdaGrad's `lr_decay` where it is set (as ``prepare(_:_:_:update:epoch:previousMomentumProduct:_:)``
  /// does for the other schedules).
  static func usePlateauRate(
    _ plateau: PlateauState, _ context: inout StepContext, _ setup: RunSetup, update t: Int
  ) {
    let eta = plateau.learningRate
    let decay = setup.hyperparameters.learningRateDecay
    context.h.learningRate = eta
    context.learningRate = decay != 0 ? eta / (1 + (Double(t) - 1) * decay) : eta
  }

  /// `scheduler.step(loss)` after update `t`, when it ends an epoch (or after every update,
  /// per update): the metric is the total loss at the new parameters.
  mutating func stepPlateau(after t: Int) {
    guard let schedule = setup.schedule, state.plateau != nil else { return }
    guard schedule.counting == .perUpdate || t % updatesPerEpoch == 0 else { return }
    state.plateau!.step(loss, schedule.phases[0])
  }
}
