extension Coordinate {
  /// The rule of `optimizer`, as ``Run`` applies it.
  mutating func applyRule(of optimizer: Optimizer, _ s: StepContext) {
    switch optimizer {
    case .gd: applyGradientDescent(s)
    case .momentum: applyMomentum(s)
    case .nag: applyNesterov(s)
    case .adagrad: applyAdaGrad(s)
    case .rmsprop: applyRMSProp(s)
    case .adadelta: applyAdaDelta(s)
    case .adam: applyAdam(s)
    case .adamax: applyAdaMax(s)
    case .maxprop: applyMaxProp(s)
    case .nadam: applyNAdam(s)
    case .amsgrad: applyAMSGrad(s)
    case .adamw: applyAdamW(s)
    }
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
        mHat = m / s.correction1
        if h.epsilonPlacement == .max {
          v = Swift.max(h.beta2 * v, abs(gradient) + h.epsilon)
          rate = s.learningRate / v
        } else {
          v = Swift.max(h.beta2 * v, abs(gradient))
          rate = s.learningRate / (v + h.epsilon)
        }
        vHat = v
        parameter -= rate * mHat
        return
      }
      v =
        secondMoment
        ? h.beta2 * v + gradient * gradient : h.beta2 * v + (1 - h.beta2) * gradient * gradient
      finishAdam(optimizer, s)
    default:
      applyRule(of: optimizer, s)
    }
  }

  /// Everything Adam, AMSGrad and NAdam do after m and v are updated.
  private mutating func finishAdam(_ optimizer: Optimizer, _ s: StepContext) {
    switch optimizer {
    case .amsgrad:
      mHat = m / s.correction1
      switch s.h.amsgradMaximum {
      case .raw:
        vMax = Swift.max(vMax, v)
        vHat = vMax / s.correction2
        rate = adamRate(s, raw: vMax, corrected: vHat)
      case .corrected:
        vMax = Swift.max(vMax, v / s.correction2)
        vHat = vMax
        rate = adamRate(s, raw: vMax * s.correction2, corrected: vHat)
      }
      parameter -= rate * mHat
    case .nadam:
      vHat = v / s.correction2
      let b1 = s.h.beta1
      switch s.h.nadamForm {
      case .lecture:
        mHat = b1 * m / s.correction1 + (1 - b1) * gradient / s.correction1
      case .optax:
        mHat = b1 * m / s.correction1Next + (1 - b1) * gradient / s.correction1
      case .schedule:
        let gradientWeight = (1 - s.mu) / (1 - s.muProduct)
        let momentWeight = s.muNext / (1 - s.muProductNext)
        mHat = gradientWeight * gradient + momentWeight * m
        rate = adamRate(s, raw: v, corrected: vHat)
        let denominator = s.learningRate / rate
        parameter -= s.learningRate * gradientWeight * gradient / denominator
        parameter -= s.learningRate * momentWeight * m / denominator
        return
      }
      rate = adamRate(s, raw: v, corrected: vHat)
      parameter -= rate * mHat
    default:
      mHat = m / s.correction1
      vHat = v / s.correction2
      rate = adamRate(s, raw: v, corrected: vHat)
      parameter -= rate * mHat
    }
  }
}
