extension Coordinate {
  /// The two moments every Adam variant keeps:
  /// m ← β₁·m + (1 − β₁)·g and v ← β₂·v + (1 − β₂)·g².
  @inline(__always)
  mutating func updateMoments(_ s: StepContext) {
    m = s.h.beta1 * m + (1 - s.h.beta1) * gradient
    v = s.h.beta2 * v + (1 - s.h.beta2) * gradient * gradient
  }

  /// The rate that multiplies m̂, given the second moment `raw` before correction.
  ///
  /// outside: η/(√v̂ + ε); inside: η/√(v̂ + ε); hat (Keras): η·√(1 − β₂ᵗ)/(√v + ε), which is
  /// Keras's αₜ·m/(√v + ε) rewritten as a multiple of m̂.
  @inline(__always)
  func adamRate(_ s: StepContext, raw: Double, corrected: Double) -> Double {
    switch s.h.epsilonPlacement {
    case .hat: return s.learningRate * s.correction2.squareRoot() / (raw.squareRoot() + s.h.epsilon)
    case .inside: return s.learningRate / (corrected + s.h.epsilon).squareRoot()
    case .outside, .max: return s.learningRate / (corrected.squareRoot() + s.h.epsilon)
    }
  }

  /// Adam: m̂ = m/(1 − β₁ᵗ); v̂ = v/(1 − β₂ᵗ); w ← w − η/(√v̂ + ε)·m̂.
  ///
  /// Why correct: m starts at 0, so E[mₜ] = E[g]·(1 − β₁ᵗ); dividing by 1 − β₁ᵗ makes m̂ an
  /// unbiased estimate of E[g]. Without it the first steps are far too large: with
  /// β₂ = 0.999 and g = 0.1, v₁ = 0.00001 and the rate 1/√v₁ is 316.22.
  @inline(__always)
  mutating func applyAdam(_ s: StepContext) {
    updateMoments(s)
    finishAdam(s)
  }

  /// Adam after m and v are updated: the corrections and the step.
  @inline(__always)
  mutating func finishAdam(_ s: StepContext) {
    mHat = m / s.correction1
    vHat = v / s.correction2
    rate = adamRate(s, raw: v, corrected: vHat)
    parameter -= rate * mHat
  }

  /// AMSGrad: Adam whose denominator never shrinks. ``AMSGradMaximum/raw``:
  /// v_max ← max(v_max, v), v̂ = v_max/(1 − β₂ᵗ); ``AMSGradMaximum/corrected`` (optax):
  /// v_max ← max(v_max, v/(1 − β₂ᵗ)), v̂ = v_max.
  @inline(__always)
  mutating func applyAMSGrad(_ s: StepContext) {
    updateMoments(s)
    finishAMSGrad(s)
  }

  /// AMSGrad after m and v are updated: the maximum, the corrections and the step.
  @inline(__always)
  mutating func finishAMSGrad(_ s: StepContext) {
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
  }

  /// AdamW: w ← w·(1 − η·λ), then the Adam step. The decay is decoupled from the
  /// gradient, so the adaptive denominator does not weaken it.
  @inline(__always)
  mutating func applyAdamW(_ s: StepContext) {
    parameter *= 1 - s.learningRate * s.h.weightDecay
    applyAdam(s)
  }

  /// AdaMax: m̂ as Adam; v ← max(β₂·v, |g|); w ← w − η/(v + ε)·m̂ (the notes and Keras).
  /// With ``EpsilonPlacement/max`` (PyTorch, optax): v ← max(β₂·v, |g| + ε); w ← w − η/v·m̂.
  ///
  /// The L^p norm (Σ|gᵢ|ᵖ)^(1/p) overflows or underflows for large p in floating point;
  /// its limit p → ∞ is simply max|gᵢ|, which is what v tracks.
  @inline(__always)
  mutating func applyAdaMax(_ s: StepContext) {
    m = s.h.beta1 * m + (1 - s.h.beta1) * gradient
    finishAdaMax(s)
  }

  /// AdaMax after m is updated: the infinity norm v, the correction and the step.
  @inline(__always)
  mutating func finishAdaMax(_ s: StepContext) {
    mHat = m / s.correction1
    if s.h.epsilonPlacement == .max {
      v = Swift.max(s.h.beta2 * v, abs(gradient) + s.h.epsilon)
      rate = s.learningRate / v
    } else {
      v = Swift.max(s.h.beta2 * v, abs(gradient))
      rate = s.learningRate / (v + s.h.epsilon)
    }
    vHat = v
    parameter -= rate * mHat
  }

  /// NAdam: Adam whose step looks one moment ahead. The direction mHat is, by form,
  /// lecture: β₁·m/(1 − β₁ᵗ) + (1 − β₁)·g/(1 − β₁ᵗ);
  /// optax: β₁·m/(1 − β₁ᵗ⁺¹) + (1 − β₁)·g/(1 − β₁ᵗ);
  /// schedule (PyTorch, Keras): (1 − μₜ)/(1 − Πμ)·g + μₜ₊₁/(1 − Πμ·μₜ₊₁)·m.
  /// Then w ← w − η/(√v̂ + ε)·direction.
  @inline(__always)
  mutating func applyNAdam(_ s: StepContext) {
    updateMoments(s)
    finishNAdam(s)
  }

  /// NAdam after m and v are updated: the look-ahead direction and the step.
  @inline(__always)
  mutating func finishNAdam(_ s: StepContext) {
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
      // In PyTorch's order: the gradient's share first, then the moment's, each over the
      // same denominator, so the rounding matches the library's.
      let denominator = s.learningRate / rate
      parameter -= s.learningRate * gradientWeight * gradient / denominator
      parameter -= s.learningRate * momentWeight * m / denominator
      return
    }
    rate = adamRate(s, raw: v, corrected: vHat)
    parameter -= rate * mHat
  }
}
