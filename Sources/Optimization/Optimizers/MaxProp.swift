/// MaxProp: vₜ = max(β·vₜ₋₁, |∇wₜ|); wₜ₊₁ = wₜ − η/(vₜ + ε)·∇wₜ.
///
/// RMSProp with the L∞ norm in place of the L² one, as the notes arrive at it on the way
/// to AdaMax: the L^p norm (|x₁|ᵖ + … + |xₙ|ᵖ)^(1/p) of the gradient history overflows or
/// underflows for large p in floating point, while its limit p → ∞ is simply the largest
/// |x|, which v tracks with a decay. It exists in no library: every convention runs the
/// notes' rule. With ``EpsilonPlacement/max``, ε joins the maximum as in AdaMax's libraries.
enum MaxProp: UpdateRule {
  static let optimizer = Optimizer.maxprop
  static let summary = "rmsprop with the infinity norm: v is a running maximum of |dw|"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = ["v ← max(β·v, |g|)", "w ← w − η/(v + ε)·g", "RMSProp with the L∞ norm"]

  static func defaults(for convention: Convention) -> Hyperparameters { .base }

  static let settings: Set<Setting> = [.eta, .beta, .epsilon, .epsPlacement]
  static let epsilonPlacements: [EpsilonPlacement] = [.outside, .max]
  static let quantities: Set<Quantity> = [.vW, .vB]

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.takeInfinityNorm(decay: s.h.beta, s)
    c.mHat = c.gradient
    c.parameter -= c.rate * c.gradient
  }

  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    let rate = explainInfinityNorm(&e, before, decay: e.h.beta, symbol: "β")
    e.step(before.parameter, rate: rate, gradient: before.gradient)
  }

  /// The lines of ``Coordinate/takeInfinityNorm(decay:_:)``, shared with ``AdaMax``, whose
  /// decay is β₂; returns the rate.
  static func explainInfinityNorm(
    _ e: inout ExplanationBuilder, _ before: Coordinate, decay: Double, symbol: String
  ) -> Double {
    let n = ExplanationBuilder.n
    let (x, h, g, v0) = (e.suffix, e.h, before.gradient, before.v)
    let eta = e.s.learningRate
    let (vName, gName) = ("v" + x, e.ruleGradientName)
    if h.epsilonPlacement == .max {
      let v = Swift.max(decay * v0, abs(g) + h.epsilon)
      e.add(
        vName, e.quantity(.vW, .vB), "max(\(symbol)·\(vName), |\(gName)| + ε)",
        ["max(", n(decay), "·", n(v0), ", |", n(g), "| + ", n(h.epsilon), ")"], v)
      let rate = eta / v
      e.add("lr" + x, e.quantity(.lrW, .lrB), "η/\(vName)", [n(eta), "/", n(v)], rate)
      return rate
    }
    let v = Swift.max(decay * v0, abs(g))
    e.add(
      vName, e.quantity(.vW, .vB), "max(\(symbol)·\(vName), |\(gName)|)",
      ["max(", n(decay), "·", n(v0), ", |", n(g), "|)"], v)
    let rate = eta / (v + h.epsilon)
    e.add(
      "lr" + x, e.quantity(.lrW, .lrB), "η/(\(vName) + ε)",
      [n(eta), "/(", n(v), " + ", n(h.epsilon), ")"], rate)
    return rate
  }
}

extension Coordinate {
  /// The infinity norm and its rate: v ← max(decay·v, |g|) and η/(v + ε), or with
  /// ``EpsilonPlacement/max`` v ← max(decay·v, |g| + ε) and η/v.
  @inline(__always)
  mutating func takeInfinityNorm(decay: Double, _ s: StepContext) {
    if s.h.epsilonPlacement == .max {
      v = Swift.max(decay * v, abs(gradient) + s.h.epsilon)
      rate = s.learningRate / v
    } else {
      v = Swift.max(decay * v, abs(gradient))
      rate = s.learningRate / (v + s.h.epsilon)
    }
  }
}
