/// The state of one parameter (a weight wⱼ or the bias b) while an update rule runs.
///
/// Every optimizer in adalab is elementwise, so a rule is a function of one `Coordinate`
/// and the step's shared numbers (``StepContext``).
struct Coordinate {
  var parameter: Double
  var gradient: Double
  var m: Double
  var v: Double
  var u: Double
  var vMax: Double
  var mHat: Double
  var vHat: Double
  var rate: Double
}

/// The numbers shared by every parameter in one update.
struct StepContext {
  /// The hyperparameters of the run.
  var h: Hyperparameters
  /// t, the number of this update, from 1.
  var t: Double
  /// 1 − β₁ᵗ (1 when bias correction is off), with t as ``BiasPower`` says.
  var correction1: Double
  /// 1 − β₂ᵗ (1 when bias correction is off).
  var correction2: Double
  /// 1 − β₁ᵗ⁺¹, optax's NAdam look-ahead correction.
  var correction1Next: Double
  /// η, decayed by PyTorch AdaGrad's `lr_decay` where it applies.
  var learningRate: Double
  /// NAdam's schedule: μₜ, μₜ₊₁, Πμ up to t, and Πμ·μₜ₊₁.
  var mu: Double
  var muNext: Double
  var muProduct: Double
  var muProductNext: Double

  /// The shared numbers of update `t`. With `includingNAdam` false the terms only NAdam
  /// reads (1 − β₁ᵗ⁺¹ and the μ schedule) are left NaN instead of costing three powers.
  init(
    h: Hyperparameters, t: Int, biasPowerT: Int, previousMomentumProduct: Double,
    includingNAdam: Bool = true
  ) {
    self.h = h
    self.t = Double(t)
    let bt = Double(biasPowerT)
    if h.biasCorrection {
      correction1 = 1 - pow(h.beta1, bt)
      correction2 = 1 - pow(h.beta2, bt)
      correction1Next = includingNAdam ? 1 - pow(h.beta1, bt + 1) : .nan
    } else {
      correction1 = 1
      correction2 = 1
      correction1Next = 1
    }
    learningRate = h.learningRate / (1 + (Double(t) - 1) * h.learningRateDecay)
    guard includingNAdam else {
      (mu, muNext, muProduct, muProductNext) = (.nan, .nan, .nan, .nan)
      return
    }
    mu = h.beta1 * (1 - 0.5 * pow(0.96, Double(t) * h.momentumDecay))
    muNext = h.beta1 * (1 - 0.5 * pow(0.96, Double(t + 1) * h.momentumDecay))
    muProduct = previousMomentumProduct * mu
    muProductNext = muProduct * muNext
  }

  /// η/(√v + ε) or η/√(v + ε), as the placement says (``EpsilonPlacement/hat`` and
  /// ``EpsilonPlacement/max`` are handled by the rules that have them).
  func rate(_ eta: Double, over v: Double) -> Double {
    switch h.epsilonPlacement {
    case .inside: return eta / (v + h.epsilon).squareRoot()
    case .outside, .hat, .max: return eta / (v.squareRoot() + h.epsilon)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
