/// Lion (Chen et al. 2023, "evolved sign momentum"): the sign of an interpolated momentum.
///
///     cₜ = β₁·mₜ₋₁ + (1 − β₁)·∇wₜ
///     wₜ₊₁ = wₜ − η·(sign(cₜ) + λ·wₜ)
///     mₜ = β₂·mₜ₋₁ + (1 − β₂)·∇wₜ
///
/// Every parameter moves by exactly η (plus the decay) at every update: the sign throws the
/// gradient's size away, as Adam's first step does by accident (m̂₁/√v̂₁ = ±1). The
/// direction mixes the fresh gradient into a momentum with a shorter memory (β₁ = 0.9) than
/// the one it keeps (β₂ = 0.99). There is no second moment and no bias correction. optax
/// decays the weights inside the step with λ = 1e-3 (the paper's form, the lecture
/// convention here); Keras's Lion has no λ of its own, but its base class's `weight_decay`
/// shrinks w by w·λ·η just before the step, the same update (adalab runs the paper's form
/// for both; the fixtures agree at 1e-12). PyTorch ships no Lion.
enum Lion: UpdateRule {
  static let optimizer = Optimizer.lion
  static let summary = "the sign of an interpolated momentum: every step has size eta"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = [
    "c = β₁·m + (1 − β₁)·g", "w ← w − η·(sign(c) + λ·w)", "m ← β₂·m + (1 − β₂)·g",
    "every step has size η: only the sign of the interpolated momentum counts",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 1e-3, keras: 1e-3, optax: 0.1)
    h.beta2 = 0.99
    h.biasCorrection = false
    if convention == .optax { h.weightDecay = 1e-3 }
    return h
  }

  static func unavailable(in convention: Convention) -> String? {
    convention == .pytorch
      ? "pytorch ships no Lion; use lion:keras, lion:optax or lion:lecture" : nil
  }

  static let settings: Set<Setting> = [.eta, .beta1, .beta2, .weightDecay]
  static let epsilonPlacements: [EpsilonPlacement] = []
  static let quantities: Set<Quantity> = [.mW, .mB, .mHatW, .mHatB]

  static let meanings: [(Quantity, String)] = [
    (.mHatW, "c = β₁·m + (1 − β₁)·g, whose sign is the step's direction (no bias correction)"),
    (.mW, "the momentum Lion keeps, with β₂"),
  ]

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    let h = s.h
    c.mHat = h.beta1 * c.m + (1 - h.beta1) * c.gradient
    c.rate = h.learningRate
    if h.weightDecay == 0 {
      c.parameter -= c.rate * Yogi.sign(c.mHat)
    } else {
      c.parameter -= c.rate * (Yogi.sign(c.mHat) + h.weightDecay * c.parameter)
    }
    c.m = h.beta2 * c.m + (1 - h.beta2) * c.gradient
  }

  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    let n = ExplanationBuilder.n
    let (x, h, g, p) = (e.suffix, e.h, before.gradient, e.parameterName)
    let interpolated = h.beta1 * before.m + (1 - h.beta1) * g
    e.add(
      "m_hat" + x, e.quantity(.mHatW, .mHatB), "β₁·m\(x) + (1 − β₁)·\(e.gradientName)",
      [n(h.beta1), "·", n(before.m), " + ", n(1 - h.beta1), "·", n(g)], interpolated)
    let direction = Yogi.sign(interpolated)
    e.add("sign(m_hat\(x))", nil, "", [], direction)
    let rate = h.learningRate
    e.add("lr" + x, e.quantity(.lrW, .lrB), "η", [], rate)
    let p0 = before.parameter
    if h.weightDecay == 0 {
      e.add(
        p, e.quantity(.w, .b), "\(p) − lr\(x)·sign(m_hat\(x))",
        [n(p0), " − ", n(rate), "·", n(direction)], p0 - rate * direction)
    } else {
      e.add(
        p, e.quantity(.w, .b), "\(p) − lr\(x)·(sign(m_hat\(x)) + λ·\(p))",
        [n(p0), " − ", n(rate), "·(", n(direction), " + ", n(h.weightDecay), "·", n(p0), ")"],
        p0 - rate * (direction + h.weightDecay * p0))
    }
    e.add(
      "m" + x, e.quantity(.mW, .mB), "β₂·m\(x) + (1 − β₂)·\(e.gradientName)",
      [n(h.beta2), "·", n(before.m), " + ", n(1 - h.beta2), "·", n(g)],
      h.beta2 * before.m + (1 - h.beta2) * g)
  }
}
