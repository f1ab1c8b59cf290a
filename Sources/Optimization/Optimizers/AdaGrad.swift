extension Coordinate {
  /// AdaGrad: v ← v + g²; w ← w − η/(√v + ε)·g.
  ///
  /// v only grows, so the effective rate η/(√v + ε) only falls, and it falls fastest for
  /// the parameters that get gradients most often. A weight whose feature is sparse sees
  /// g = 0 most of the time, so its v stays small and its rate stays high: exactly the
  /// parameter the notes want to take seriously. PyTorch also decays η by
  /// 1/(1 + (t − 1)·lr_decay); Keras and optax start v at 0.1 and put ε inside the root.
  mutating func applyAdaGrad(_ s: StepContext) {
    v += gradient * gradient
    rate = s.rate(s.learningRate, over: v)
    mHat = gradient
    parameter -= rate * gradient
  }

  /// RMSProp: v ← β·v + (1 − β)·g²; w ← w − η/(√v + ε)·g.
  ///
  /// Unrolled, vₜ = (1 − β)·Σ βᵗ⁻ᶻ·g_z²: with β = 0.9 the weights of the last gradients are
  /// 0.1, 0.09, 0.081, … so old gradients fade and the rate can rise again.
  mutating func applyRMSProp(_ s: StepContext) {
    v = s.h.beta * v + (1 - s.h.beta) * gradient * gradient
    rate = s.rate(s.learningRate, over: v)
    mHat = gradient
    parameter -= rate * gradient
  }

  /// AdaDelta: v ← β·v + (1 − β)·g²; Δ ← √(u + ε)/√(v + ε)·g; w ← w − η·Δ;
  /// u ← β·u + (1 − β)·Δ².
  ///
  /// The rate √(u + ε)/√(v + ε) has no η: its numerator is the history of past updates,
  /// so the units of the step match the units of w. The libraries still multiply by a
  /// learning rate (PyTorch and optax 1.0, Keras 0.001); the notes' version has none.
  mutating func applyAdaDelta(_ s: StepContext) {
    v = s.h.beta * v + (1 - s.h.beta) * gradient * gradient
    let ratio = (u + s.h.epsilon).squareRoot() / (v + s.h.epsilon).squareRoot()
    let delta = ratio * gradient
    rate = s.h.learningRate * ratio
    mHat = gradient
    parameter -= s.h.learningRate * delta
    u = s.h.beta * u + (1 - s.h.beta) * delta * delta
  }

  /// MaxProp: v ← max(β·v, |g|); w ← w − η/(v + ε)·g. RMSProp with the L∞ norm in place of
  /// the L² one, as the notes arrive at it on the way to AdaMax.
  mutating func applyMaxProp(_ s: StepContext) {
    if s.h.epsilonPlacement == .max {
      v = Swift.max(s.h.beta * v, abs(gradient) + s.h.epsilon)
      rate = s.learningRate / v
    } else {
      v = Swift.max(s.h.beta * v, abs(gradient))
      rate = s.learningRate / (v + s.h.epsilon)
    }
    mHat = gradient
    parameter -= rate * gradient
  }
}
