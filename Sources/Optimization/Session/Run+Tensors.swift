/// Updates a tensor at a time, for a rule whose update reads a whole tensor (Adafactor's
/// RMS of w and of u): the weights w₁…w_d are one tensor and the bias b another, as the
/// libraries hold them.
extension Run {
  /// Takes up to `count` updates with Adafactor's tensor update, with the contract of
  /// ``step(count:)``: the gradient of ``computeGradient(update:epoch:atLookahead:)``, a
  /// non-finite update refused and not committed, and the same bits as `count` single steps
  /// (each update is one pass of this loop, whatever `count` is).
  mutating func takeUpdatesByTensor(_ count: Int) -> (taken: Int, divergence: Divergence?) {
    for taken in 0..<count {
      let t = state.updateCount + 1
      let epoch = epochIndex(ofUpdate: t)
      computeGradient(update: t, epoch: epoch, atLookahead: false)
      // As the general update: the clipped gradient for the rule, the loss's kept after.
      if clips { clipGradient() }
      Run.prepare(
        &context, &powerCache, setup, update: t - origin, epoch: epoch - originEpoch,
        previousMomentumProduct: state.momentumProduct)
      if let plateau = state.plateau {
        Run.usePlateauRate(plateau, &context, setup, update: t - origin)
      }
      let finite = Adafactor.update(tensorsOf: &next, from: state, context)
      if clips { swap(&next.gradient, &clipped) }
      next.updateCount = t
      next.learningRate = context.learningRate
      next.momentumProduct = state.momentumProduct
      if !finite { return (taken, firstNonFinite(in: next, step: t)) }
      if state.plateau != nil { next.plateau = state.plateau }
      swap(&state, &next)
      if state.plateau != nil { stepPlateau(after: t) }
    }
    return (count, nil)
  }
}
