/// Updates a tensor at a time, for a rule whose update reads a whole tensor (Adafactor's
/// RMS of w and of u): the weights w₁…w_d are one tensor and the bias b another, as the
/// libraries hold them.
extension Run {
  /// Takes up to `count` updates with Adafactor's tensor update, with the contract of
  /// ``step(count:)``: the gradient of ``computeGradient(update:epoch:atLookahead:)``, a
  /// non-finite update refused and not committed, and the same bits as `count` single steps
  /// (each update is one pass of this loop, whatever `count` is).
  mutating func takeUpdatesByTensor(_ count: Int) -> (
    taken: Int, divergence: Divergence?
  ) {
    let d = state.parameterCount - 1
    var coordinates = [Coordinate](
      repeating: Coordinate(
        parameter: 0, gradient: 0, m: 0, v: 0, u: 0, vMax: 0, mHat: 0, vHat: 0, rate: 0),
      count: d + 1)
    for taken in 0..<count {
      let t = state.updateCount + 1
      let epoch = epochIndex(ofUpdate: t)
      computeGradient(update: t, epoch: epoch, atLookahead: false)
      Run.prepare(
        &context, &powerCache, setup, update: t - origin, epoch: epoch - originEpoch,
        previousMomentumProduct: state.momentumProduct)
      for i in 0...d {
        coordinates[i] = Coordinate(
          parameter: state.parameters[i], gradient: next.gradient[i], m: state.m[i],
          v: state.v[i], u: state.u[i], vMax: state.vMax[i], mHat: 0, vHat: 0, rate: 0)
      }
      let context = self.context
      coordinates.withUnsafeMutableBufferPointer { all in
        Adafactor.update(UnsafeMutableBufferPointer(rebasing: all[0..<d]), context)
        Adafactor.update(UnsafeMutableBufferPointer(rebasing: all[d...]), context)
      }
      var finite = true
      for (i, c) in coordinates.enumerated() {
        next.parameters[i] = c.parameter
        next.m[i] = c.m
        next.v[i] = c.v
        next.u[i] = c.u
        next.vMax[i] = c.vMax
        next.mHat[i] = c.mHat
        next.vHat[i] = c.vHat
        next.rate[i] = c.rate
        finite = finite && c.isFinite
      }
      next.updateCount = t
      next.momentumProduct = state.momentumProduct
      if !finite { return (taken, firstNonFinite(in: next, step: t)) }
      swap(&state, &next)
    }
    return (count, nil)
  }
}
