extension Coordinate {
  /// The rule of `optimizer`, as ``Run`` applies it.
  mutating func applyRule(of optimizer: Optimizer, _ s: StepContext) {
    optimizer.updateRule.apply(&self, s)
  }

  /// The rule of `optimizer` with the (1 − β) factor left out of the first moment, the
  /// second, or both: a mistake `diagnose` tries, never a rule adalab runs.
  mutating func applyUndamped(
    _ optimizer: Optimizer, firstMoment: Bool, secondMoment: Bool, _ s: StepContext
  ) {
    let h = s.h
    switch optimizer {
    case .rmsprop:
      v = h.beta * v + gradient * gradient
      rate = s.rate(s.learningRate, over: v)
      mHat = gradient
      parameter -= rate * gradient
    case .adadelta:
      v = h.beta * v + gradient * gradient
      let ratio = (u + h.epsilon).squareRoot() / (v + h.epsilon).squareRoot()
      let delta = ratio * gradient
      rate = h.learningRate * ratio
      mHat = gradient
      parameter -= h.learningRate * delta
      u = h.beta * u + delta * delta
    case .adam, .adamw, .amsgrad, .nadam, .adamax:
      if optimizer == .adamw { parameter *= 1 - s.learningRate * h.weightDecay }
      m = firstMoment ? h.beta1 * m + gradient : h.beta1 * m + (1 - h.beta1) * gradient
      if optimizer == .adamax {
        finishAdaMax(s)
        return
      }
      v =
        secondMoment
        ? h.beta2 * v + gradient * gradient : h.beta2 * v + (1 - h.beta2) * gradient * gradient
      switch optimizer {
      case .amsgrad: finishAMSGrad(s)
      case .nadam: finishNAdam(s)
      default: finishAdam(s)
      }
    default:
      applyRule(of: optimizer, s)
    }
  }
}
