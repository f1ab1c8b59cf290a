/// RMSProp: vₜ = β·vₜ₋₁ + (1 − β)·(∇wₜ)²; wₜ₊₁ = wₜ − η/(√vₜ + ε)·∇wₜ.
///
/// AdaGrad's denominator only grows, so the frequent parameters soon receive very small
/// updates. RMSProp decays it instead: unrolled, vₜ = (1 − β)·Σ βᵗ⁻ᶻ·(∇w_z)², and with
/// β = 0.9 the weights of the last gradients are 0.1, 0.09, 0.081, …, so old gradients fade
/// and the rate may rise, fall or stay, which is also why it can oscillate about a minimum.
/// The notes' listing uses β = 0.5 and ε = 1e-4; Keras and optax put ε inside the root.
enum RMSProp: UpdateRule {
  static let optimizer = Optimizer.rmsprop
  static let summary = "divide eta by the root of a decaying average of squared gradients"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = [
    "v ← β·v + (1 − β)·g²", "w ← w − η/(√v + ε)·g",
    "old gradients fade, so the rate stops collapsing (weights 0.1, 0.09, 0.081, …)",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 1e-2, keras: 1e-3, optax: 0.1)
    switch convention {
    case .lecture:
      h.beta = 0.5
      h.epsilon = 1e-4
    case .pytorch: h.beta = 0.99
    case .keras:
      h.epsilon = 1e-7
      h.epsilonPlacement = .inside
    case .optax: h.epsilonPlacement = .inside
    }
    return h
  }

  static let settings: Set<Setting> = [.eta, .beta, .epsilon, .epsPlacement, .vInit]
  static let epsilonPlacements: [EpsilonPlacement] = [.outside, .inside]

  /// Only optax's rmsprop (`initial_scale`) starts v anywhere but 0.
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    guard setting == .vInit, convention == .pytorch || convention == .keras else { return nil }
    return "\(convention.rawValue)'s RMSprop has no initial accumulator (v starts at 0); "
      + "use optax's rmsprop (initial_scale) or the lecture convention"
  }
  static let quantities: Set<Quantity> = [.vW, .vB]

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.v = s.h.beta * c.v + (1 - s.h.beta) * c.gradient * c.gradient
    c.rate = s.rate(s.learningRate, over: c.v)
    c.mHat = c.gradient
    c.parameter -= c.rate * c.gradient
  }

  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    let v = explainAverage(&e, before)
    let rate = e.rootRate(e.s.learningRate, v: v, name: "v" + e.suffix)
    e.step(before.parameter, rate: rate, gradient: before.gradient)
  }

  /// The line v = β·v + (1 − β)·g², shared with ``AdaDelta``; returns v.
  static func explainAverage(_ e: inout ExplanationBuilder, _ before: Coordinate) -> Double {
    let n = ExplanationBuilder.n
    let (x, h, g, v0) = (e.suffix, e.h, before.gradient, before.v)
    let v = h.beta * v0 + (1 - h.beta) * g * g
    e.add(
      "v" + x, e.quantity(.vW, .vB), "β·v\(x) + (1 − β)·\(e.gradientName)²",
      [n(h.beta), "·", n(v0), " + ", n(1 - h.beta), "·", n(g), "²"], v)
    return v
  }
}
