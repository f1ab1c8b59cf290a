/// Momentum, in the notes' scale: uₜ = β·uₜ₋₁ + η·∇wₜ; wₜ₊₁ = wₜ − uₜ.
///
/// Unrolled, uₜ = η·Σ βᵗ⁻ᶻ·∇w_z: the history of gradients carries the step across flat
/// regions and through shallow valleys. PyTorch and optax keep b = u/η (b ← μ·b + g;
/// w ← w − η·b) and Keras keeps m = −u (m ← μ·m − η·g; w ← w + m): the same walk, written
/// three ways. adalab's β is 0.9 in every convention, where the libraries' momentum
/// defaults to 0 (plain SGD).
enum Momentum: UpdateRule {
  static let optimizer = Optimizer.momentum
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = ["u ← β·u + η·g", "w ← w − u", "history carries the step across flat regions"]

  static func defaults(for convention: Convention) -> Hyperparameters {
    GradientDescent.defaults(for: convention)
  }

  static let settings: Set<Setting> = [.eta, .beta]
  static let epsilonPlacements: [EpsilonPlacement] = []
  static let quantities: Set<Quantity> = [.uW, .uB]

  /// The direction m̂ is u/η, the step measured in gradients.
  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.rate = s.h.learningRate
    c.u = s.h.beta * c.u + c.rate * c.gradient
    c.mHat = c.u / c.rate
    c.parameter -= c.u
  }

  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    let u = explainVelocity(&e, before)
    let n = ExplanationBuilder.n
    let p = e.parameterName
    e.add(
      p, e.quantity(.w, .b), "\(p) − u\(e.suffix)", [n(before.parameter), " − ", n(u)],
      before.parameter - u)
  }

  /// The lines lr = η and u = β·u + η·g, shared with ``Nesterov``; returns u.
  static func explainVelocity(_ e: inout ExplanationBuilder, _ before: Coordinate) -> Double {
    let n = ExplanationBuilder.n
    let x = e.suffix
    let rate = e.h.learningRate
    e.add("lr" + x, e.quantity(.lrW, .lrB), "η", [], rate)
    let g = before.gradient
    let u = e.h.beta * before.u + rate * g
    e.add(
      "u" + x, e.quantity(.uW, .uB), "β·u\(x) + η·\(e.gradientName)",
      [n(e.h.beta), "·", n(before.u), " + ", n(rate), "·", n(g)], u)
    return u
  }
}
