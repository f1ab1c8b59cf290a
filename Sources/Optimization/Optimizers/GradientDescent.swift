extension Coordinate {
  /// Plain gradient descent: w ← w − η·g; the effective rate is η itself.
  mutating func applyGradientDescent(_ s: StepContext) {
    rate = s.h.learningRate
    mHat = gradient
    parameter -= rate * gradient
  }

  /// Momentum, in the notes' scale: u ← β·u + η·g; w ← w − u.
  ///
  /// PyTorch and optax keep b = u/η (b ← μ·b + g; w ← w − η·b) and Keras keeps m = −u
  /// (m ← μ·m − η·g; w ← w + m): the same walk, written three ways.
  mutating func applyMomentum(_ s: StepContext) {
    rate = s.h.learningRate
    u = s.h.beta * u + rate * gradient
    mHat = u / rate
    parameter -= u
  }

  /// Nesterov. ``NesterovForm/lookahead``: the caller already took g at w − β·u, and the
  /// step is momentum's. ``NesterovForm/reformulated``: g at w; u ← β·u + η·g;
  /// w ← w − (η·g + β·u), the libraries' rewrite of the same idea.
  mutating func applyNesterov(_ s: StepContext) {
    switch s.h.nesterovForm {
    case .lookahead:
      applyMomentum(s)
    case .reformulated:
      rate = s.h.learningRate
      u = s.h.beta * u + rate * gradient
      let move = rate * gradient + s.h.beta * u
      mHat = move / rate
      parameter -= move
    }
  }
}
