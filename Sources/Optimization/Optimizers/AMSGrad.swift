/// AMSGrad: Adam whose denominator never shrinks.
///
///     mₜ, vₜ as Adam;   v_maxₜ = max(v_maxₜ₋₁, vₜ);   v̂ₜ = v_maxₜ/(1 − β₂ᵗ)
///     wₜ₊₁ = wₜ − η/(√v̂ₜ + ε)·m̂ₜ
///
/// Adam's v can fall after a burst of large gradients, and its rate then grows again;
/// keeping the running maximum makes the rate non-increasing, which is what the convergence
/// proof needs. ``AMSGradMaximum/raw`` takes the maximum of the raw v (PyTorch, Keras);
/// ``AMSGradMaximum/corrected`` of the corrected one, v_max ← max(v_max, v/(1 − β₂ᵗ)),
/// v̂ = v_max (optax).
enum AMSGrad: UpdateRule {
  static let optimizer = Optimizer.amsgrad
  static let summary = "adam that never lets v decrease, so the learning rate never grows"
  static let sharedNumbers = Adam.sharedNumbers

  static let rule = [
    "m, v as Adam; v_max ← max(v_max, v)", "w ← w − η/(√(v_max/(1 − β₂ᵗ)) + ε)·m̂",
    "the denominator never shrinks, so the rate never grows",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 1e-3, keras: 1e-3, optax: 0.1)
    switch convention {
    case .keras:
      h.epsilon = 1e-7
      h.epsilonPlacement = .hat
    case .optax: h.amsgradMaximum = .corrected
    case .lecture, .pytorch: break
    }
    return h
  }

  static let settings = Adam.familySettings.union([.amsgradMax]).union(options)
  static let options = TorchWeightDecay.settings
  static let optionRules = TorchWeightDecay.rules

  /// Only PyTorch's Adam(amsgrad=True) adds the L2 term or AdamW's decay.
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    TorchWeightDecay.missing(setting, under: convention, name: "amsgrad")
  }
  static let epsilonPlacements = Adam.epsilonPlacements
  static let quantities = Adam.quantities.union([.vmaxW, .vmaxB])

  static let meanings: [(Quantity, String)] = [
    (
      .vHatW,
      "the denominator's second moment, not v/(1 − β₂ᵗ): vmax/(1 − β₂ᵗ) with amsgrad_max raw "
        + "(lecture, pytorch, keras), vmax itself with corrected (optax)"
    ),
    (.vmaxW, "the running maximum of v (raw) or of v/(1 − β₂ᵗ) (corrected)"),
  ]

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyTorchWeightDecay(s)
    c.updateMoments(s)
    c.finishAMSGrad(s)
  }

  static func explainShared(_ e: inout ExplanationBuilder) {
    Adam.explainShared(&e)
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    let before = e.torchWeightDecay(original)
    let n = ExplanationBuilder.n
    let x = e.suffix
    let m = e.firstMoment(before)
    let v = e.secondMoment(before)
    let mHat = e.correctedFirstMoment(m)
    let (c2, vMax0) = (e.s.correction2, before.vMax)
    let vHat: Double
    let raw: Double
    switch e.h.amsgradMaximum {
    case .raw:
      let vMax = Swift.max(vMax0, v)
      e.add(
        "vmax" + x, e.quantity(.vmaxW, .vmaxB), "max(vmax\(x), v\(x))",
        ["max(", n(vMax0), ", ", n(v), ")"], vMax)
      vHat = vMax / c2
      e.add(
        "v_hat" + x, e.quantity(.vHatW, .vHatB),
        e.h.biasCorrection ? "vmax\(x)/(1 − β₂ᵗ)" : "vmax\(x)", [n(vMax), "/", n(c2)], vHat)
      raw = vMax
    case .corrected:
      let vMax = Swift.max(vMax0, v / c2)
      e.add(
        "vmax" + x, e.quantity(.vmaxW, .vmaxB),
        "max(vmax\(x), \(e.correctedSecondMomentFormula))",
        ["max(", n(vMax0), ", ", n(v), "/", n(c2), ")"], vMax)
      vHat = vMax
      e.add("v_hat" + x, e.quantity(.vHatW, .vHatB), "vmax\(x)", [], vHat)
      raw = vMax * c2
    }
    let rate = e.adamRate(raw: raw, corrected: vHat, rawName: "vmax")
    e.step(before.parameter, rate: rate, direction: mHat)
  }
}

extension Coordinate {
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
}

/// Where AMSGrad takes its running maximum.
public enum AMSGradMaximum: String, CaseIterable, Sendable {
  /// v_max ← max(v_max, v) on the raw moment, corrected afterwards (PyTorch, Keras).
  case raw
  /// v_max ← max(v_max, v̂) after bias correction (optax).
  case corrected
}
