extension Coordinate {
  /// The rule of `optimizer`, as ``Run`` applies it.
  mutating func applyRule(of optimizer: Optimizer, _ s: StepContext) {
    optimizer.updateRule.apply(&self, s)
  }

  /// The rule of `optimizer` with `mistake` built in. The step's shared numbers are
  /// already adjusted (``StepContext/adjusted(for:)``) and the gradient already changed
  /// where the mistake is in the gradient (averaged, coupled weight decay): what is left
  /// here is the order and form of the moment updates.
  mutating func applyRule(of optimizer: Optimizer, with mistake: Mistake, _ s: StepContext) {
    switch mistake {
    case .dampingMissing(let first, let second):
      applyUndamped(optimizer, firstMoment: first, secondMoment: second, s)
    case .betasSwapped where optimizer.isAdamFamily:
      var swapped = s
      (swapped.h.beta1, swapped.h.beta2) = (s.h.beta2, s.h.beta1)
      updateMoments(swapped)
      finishRule(of: optimizer, s)
    case .stepBeforeMomentUpdate where optimizer == .adam || optimizer == .adamw:
      if optimizer == .adamw { parameter *= 1 - s.learningRate * s.h.weightDecay }
      finishAdam(s)
      updateMoments(s)
    case .weightDecayCoupled where optimizer == .adamw:
      // The gradient already carries λ·w: Adam's moments and step, without PyTorch's L2.
      updateMoments(s)
      finishAdam(s)
    default:
      applyRule(of: optimizer, s)
    }
  }

  /// The Adam family's step after m and v are updated.
  private mutating func finishRule(of optimizer: Optimizer, _ s: StepContext) {
    switch optimizer {
    case .amsgrad: finishAMSGrad(s)
    case .nadam: finishNAdam(s)
    case .adamax: finishAdaMax(s)
    case .adamw:
      parameter *= 1 - s.learningRate * s.h.weightDecay
      finishAdam(s)
    default: finishAdam(s)
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

extension StepContext {
  /// The shared numbers of an update as `mistake` computes them: corrections of one
  /// moment only, or v̂'s correction with β₁.
  func adjusted(for mistake: Mistake) -> StepContext {
    var s = self
    switch mistake {
    case .correctionOfOneMomentOnly(let first):
      if first { s.correction2 = 1 } else { s.correction1 = 1 }
    case .secondMomentCorrectedWithBeta1: s.correction2 = s.correction1
    default: break
    }
    return s
  }
}
