/// AdaBelief (Zhuang et al. 2020): Adam whose second moment tracks how far the gradient is
/// from its prediction m, not the gradient's size.
///
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·∇wₜ
///     sₜ = β₂·sₜ₋₁ + (1 − β₂)·(∇wₜ − mₜ)² + ε_root
///     m̂ₜ = mₜ/(1 − β₁ᵗ), ŝₜ = sₜ/(1 − β₂ᵗ);   wₜ₊₁ = wₜ − η/(√ŝₜ + ε)·m̂ₜ
///
/// Where the gradients agree with their average (a smooth slope), s is small and the step
/// is large: the optimizer "believes" the gradient. Where they jump about, s is large and
/// the step small. Adam's v cannot tell a steep, steady slope (large g², where a large step
/// is safe) from a noisy one. adalab keeps s in v (`v_w`, `v_b`). optax adds ε_root = 1e-16
/// to s at every update, as the paper adds ε; the lecture convention is the paper's
/// Algorithm 2 with the paper's ε = ε_root = 1e-16, which optax's defaults equal. PyTorch
/// and Keras ship no AdaBelief.
enum AdaBelief: UpdateRule {
  static let optimizer = Optimizer.adabelief
  static let summary =
    "adam whose v tracks (g - m)^2, the surprise, not g^2: large steps where g is as predicted"
  static let sharedNumbers: StepContext.Numbers = [.biasCorrections]

  static let rule = [
    "m ← β₁·m + (1 − β₁)·g", "s ← β₂·s + (1 − β₂)·(g − m)² + ε_root (kept in v)",
    "m̂ = m/(1 − β₁ᵗ), ŝ = s/(1 − β₂ᵗ)", "w ← w − η/(√ŝ + ε)·m̂",
    "steps large where the gradient is as predicted, small where it surprises",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = 0.1
    h.epsilon = 1e-16
    h.epsilonRoot = 1e-16
    return h
  }

  static func unavailable(in convention: Convention) -> String? {
    switch convention {
    case .pytorch, .keras:
      return "\(convention.rawValue) ships no AdaBelief; use adabelief:optax or adabelief:lecture"
    case .lecture, .optax: return nil
    }
  }

  static let settings: Set<Setting> = [
    .eta, .beta1, .beta2, .epsilon, .epsRoot, .biasCorrection, .biasPower,
  ]
  static let epsilonPlacements: [EpsilonPlacement] = []
  static let quantities = Adam.quantities

  static let meanings: [(Quantity, String)] = [
    (.vW, "s, the average of (g − m)² plus ε_root: the spread of g about its prediction m"),
    (.vHatW, "ŝ = s/(1 − β₂ᵗ)"),
  ]

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.m = s.h.beta1 * c.m + (1 - s.h.beta1) * c.gradient
    let surprise = c.gradient - c.m
    c.v = s.h.beta2 * c.v + (1 - s.h.beta2) * surprise * surprise + s.h.epsilonRoot
    // ε_root is in s already: optax's scale_by_belief adds none under the root.
    c.mHat = c.m / s.correction1
    c.vHat = c.v / s.correction2
    c.rate = Coordinate.adamRate(s, raw: c.v, corrected: c.vHat, root: 0)
    c.parameter -= c.rate * c.mHat
  }

  static func explainShared(_ e: inout ExplanationBuilder) {
    e.biasCorrections(second: true)
  }

  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    let n = ExplanationBuilder.n
    let (x, h) = (e.suffix, e.h)
    let m = e.firstMoment(before)
    let g = before.gradient
    let surprise = g - m
    e.add(
      "\(e.gradientName) − m\(x)", nil, "", [n(g), " − ", n(m)], surprise)
    let v = h.beta2 * before.v + (1 - h.beta2) * surprise * surprise + h.epsilonRoot
    e.add(
      "v" + x, e.quantity(.vW, .vB), "β₂·v\(x) + (1 − β₂)·(\(e.gradientName) − m\(x))² + ε_root",
      [
        n(h.beta2), "·", n(before.v), " + ", n(1 - h.beta2), "·", n(surprise), "² + ",
        n(h.epsilonRoot),
      ], v)
    let mHat = e.correctedFirstMoment(m)
    let vHat = e.correctedSecondMoment(v)
    let rate = e.adamRate(raw: v, corrected: vHat, root: 0)
    e.step(before.parameter, rate: rate, direction: mHat)
  }
}
