extension Session {
  /// The last update written out equation by equation with its numbers: the state before it
  /// is recomputed exactly (``state(at:)``), and each equation is evaluated again from that
  /// state and the hyperparameters, in the engine's order, so every value equals the engine's.
  /// Each optimizer writes its own lines (``UpdateRule/explain(_:_:)``). Nil at t = 0.
  /// The update is explained under the setup that governed it, which a change made at t
  /// (``Timeline``) does not affect, and with the rule's own count (``Run/origin``).
  public func explainLastUpdate() -> UpdateExplanation? {
    guard t > 0 else { return nil }
    // The states before and after update t, the latter before any change made at t (a fresh
    // start from here replaces the gradient and moments in `state`).
    var replay = self
    replay.rewind(to: t - 1)
    let previous = replay.state
    _ = replay.run.step(count: 1)
    let after = replay.run.state
    let (setup, origin) = timeline.governing(before: t)
    var h = setup.hyperparameters
    // A schedule's ηₜ, as the run's update used it (``Run/prepare``, ``Run/usePlateauRate``).
    let scheduled = previous.plateau?.learningRate ?? scheduledRate(ofUpdate: t)?.rate
    if let scheduled { h.learningRate = scheduled }
    // A schedule's β₁ₜ and β₂ₜ (``Run/scheduleBetas``): the β each decayed and corrected with.
    if let beta = scheduledBeta(.beta1, ofUpdate: t)?.value { h.beta1 = beta }
    if let beta = scheduledBeta(.beta2, ofUpdate: t)?.value { h.beta2 = beta }
    let epochIndex = run.epochIndex(ofUpdate: t) - origin / run.updatesPerEpoch
    let power = h.biasPower == .epoch ? epochIndex + 1 : t - origin
    var context = StepContext(
      h: h, t: t - origin, biasPowerT: power,
      previousMomentumProduct: previous.momentumProduct)
    // The η the update used, as it recorded it: whatever set it (lr_decay, a schedule).
    context.learningRate = after.learningRate
    let rule = setup.optimizer.updateRule
    var builder = ExplanationBuilder(
      h: h, s: context, power: power, dimension: setup.dataset.dimension)
    if scheduled != nil { builder.settingLearningRate = setup.hyperparameters.learningRate }
    builder.learningRate()
    rule.explainShared(&builder)
    let norms = builder.explainClippingNorms(after.gradient, under: setup.convention)
    let atLookahead = rule.takesGradientAtLookahead(h)
    builder.coordinates = (0..<previous.parameterCount).map { i in
      Coordinate(
        parameter: previous.parameters[i], gradient: after.gradient[i], m: previous.m[i],
        v: previous.v[i], u: previous.u[i], vMax: previous.vMax[i], mHat: 0, vHat: 0, rate: 0)
    }
    // A rule that reads a whole tensor (Adafactor's RMS) reads the clipped gradient, as the
    // engine's update does.
    if setup.hyperparameters.clipping.isOn {
      var clipped = after.gradient
      setup.hyperparameters.clipping.clip(after.gradient, into: &clipped, under: setup.convention)
      for i in clipped.indices { builder.coordinates[i].gradient = clipped[i] }
    }
    for (i, original) in builder.coordinates.enumerated() {
      var before = original
      before.gradient = after.gradient[i]
      builder.begin(parameter: i, gradient: before.gradient, atLookahead: atLookahead)
      if let norms {
        before.gradient = builder.explainClipping(before.gradient, norms, under: setup.convention)
      }
      rule.explain(&builder, before)
    }
    return UpdateExplanation(t: t, biasPower: power, lines: builder.lines)
  }
}
