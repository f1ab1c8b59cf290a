/// AdamW: Adam with decoupled weight decay. wₜ ← wₜ·(1 − η·λ), then Adam's step from the
/// decayed wₜ.
///
/// Adding λ·w to the gradient (L2 regularisation) would pass the decay through Adam's
/// adaptive denominator, which weakens it exactly for the weights with large gradients;
/// decoupled, every weight shrinks by the same factor. The libraries differ only in λ:
/// 0.01 (PyTorch, and the notes), 0.004 (Keras), 1e-4 (optax).
///
/// PyTorch's and Keras's `amsgrad=True` (``AMSGradMaximum/raw``) follow the decay with
/// AMSGrad's step instead of Adam's: v_max ← max(v_max, v), v̂ = v_max/(1 − β₂ᵗ). optax's
/// adamw has no such flag, and optax's amsgrad no weight decay.
enum AdamW: UpdateRule {
  static let optimizer = Optimizer.adamw
  static let summary = "adam with weight decay applied to the weights, not to the gradient"
  static let sharedNumbers = Adam.sharedNumbers

  static let rule = [
    "w ← w·(1 − η·λ)", "then the Adam step",
    "weight decay decoupled from the adaptive denominator",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 1e-3, keras: 1e-3, optax: 0.1)
    if convention == .keras {
      h.epsilon = 1e-7
      h.epsilonPlacement = .hat
    }
    h.weightDecay = convention.pick(lecture: 0.01, pytorch: 0.01, keras: 0.004, optax: 1e-4)
    return h
  }

  static let settings = Adam.familySettings.union([.weightDecay]).union(options)
  /// Off by default: AMSGrad's maximum (amsgrad=True) and optax's ε under the root.
  static let options: Set<Setting> = OptaxEpsilonRoot.settings.union([.amsgradMax])
  static let optionRules = OptaxEpsilonRoot.rules.merging([
    .amsgradMax: "raw: divide by the root of max(v) instead of v, AMSGrad's (amsgrad=True)"
  ]) { a, _ in a }
  static let epsilonPlacements = Adam.epsilonPlacements
  static let quantities = AMSGrad.quantities

  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    if setting == .amsgradMax, convention == .optax {
      return "optax's adamw has no amsgrad flag, and its amsgrad no weight decay; "
        + "use adamw:pytorch or adamw:keras (amsgrad=True), or amsgrad:optax without decay"
    }
    return OptaxEpsilonRoot.missing(setting, under: convention, name: "adamw")
  }

  static let meanings: [(Quantity, String)] = [
    (
      .vHatW,
      "v/(1 − β₂ᵗ), as adam, with amsgrad_max off; with amsgrad_max raw (pytorch's and "
        + "keras's amsgrad=True) vmax/(1 − β₂ᵗ), as amsgrad; with corrected (lecture) vmax"
    ),
    (.vmaxW, "amsgrad's running maximum of v (raw) or of v/(1 − β₂ᵗ); stays 0 while off"),
  ]

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.parameter *= 1 - s.learningRate * s.h.weightDecay
    c.updateMoments(s)
    if s.h.amsgradMaximum == .off {
      c.finishAdam(s)
    } else {
      c.finishAMSGrad(s)
    }
  }

  static func explainShared(_ e: inout ExplanationBuilder) {
    Adam.explainShared(&e)
  }

  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    let n = ExplanationBuilder.n
    let (p, h, eta) = (e.parameterName, e.h, e.s.learningRate)
    var decayed = before
    decayed.parameter = before.parameter * (1 - eta * h.weightDecay)
    e.add(
      p + " decayed", nil, "\(p)·(1 − η·λ)",
      [n(before.parameter), "·(1 − ", n(eta), "·", n(h.weightDecay), ")"], decayed.parameter)
    let m = e.firstMoment(decayed)
    let v = e.secondMoment(decayed)
    let mHat = e.correctedFirstMoment(m)
    e.amsgradStep(decayed, m: m, v: v, mHat: mHat)
  }
}
