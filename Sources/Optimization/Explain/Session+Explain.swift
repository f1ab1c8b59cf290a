extension Session {
  /// The last update written out equation by equation with its numbers: the state before it
  /// is recomputed exactly (``state(at:)``), and each equation is evaluated again from that
  /// state and the hyperparameters, in the engine's order, so every value equals the engine's.
  /// Each optimizer writes its own lines (``UpdateRule/explain(_:_:)``). Nil at t = 0.
  public func explainLastUpdate() -> UpdateExplanation? {
    guard t > 0 else { return nil }
    let previous = state(at: t - 1)
    let h = setup.hyperparameters
    let epochIndex = run.epochIndex(ofUpdate: t)
    let power = h.biasPower == .epoch ? epochIndex + 1 : t
    let context = StepContext(
      h: h, t: t, biasPowerT: power, previousMomentumProduct: previous.momentumProduct)
    let rule = setup.optimizer.updateRule
    var builder = ExplanationBuilder(
      h: h, s: context, power: power, dimension: setup.dataset.dimension)
    rule.explainShared(&builder)
    let atLookahead = rule.takesGradientAtLookahead(h)
    for i in 0..<previous.parameterCount {
      let before = Coordinate(
        parameter: previous.parameters[i], gradient: state.gradient[i], m: previous.m[i],
        v: previous.v[i], u: previous.u[i], vMax: previous.vMax[i], mHat: 0, vHat: 0, rate: 0)
      builder.begin(parameter: i, gradient: before.gradient, atLookahead: atLookahead)
      rule.explain(&builder, before)
    }
    return UpdateExplanation(t: t, biasPower: power, lines: builder.lines)
  }
}
