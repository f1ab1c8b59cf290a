/// Nesterov accelerated gradient: the gradient is taken where momentum is about to carry
/// the parameters, w_look = wₜ − β·uₜ₋₁; then uₜ = β·uₜ₋₁ + η·∇w_look; wₜ₊₁ = wₜ − uₜ.
///
/// Looking ahead corrects the course before overshooting, so NAG oscillates less than
/// momentum near a minimum. ``NesterovForm/lookahead`` is the notes' form (the gradient at
/// the look-ahead point, then momentum's step); ``NesterovForm/reformulated`` is the
/// libraries' rewrite of the same idea at w itself: u ← β·u + η·g; w ← w − (η·g + β·u).
enum Nesterov: UpdateRule {
  static let optimizer = Optimizer.nag
  static let summary = "Nesterov accelerated gradient: look ahead before computing the gradient"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = [
    "g at the look-ahead point w − β·u", "u ← β·u + η·g", "w ← w − u",
    "correct the course before overshooting",
  ]

  /// The notes look ahead; the libraries (SGD with `nesterov=True`) use the rewrite.
  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = GradientDescent.defaults(for: convention)
    if convention == .lecture { h.nesterovForm = .lookahead }
    return h
  }

  static let settings: Set<Setting> = [.eta, .beta, .nagForm, .weightDecay]
  static let optionRules = TorchWeightDecay.rules.filter { $0.key == .weightDecay }
  static let options: Set<Setting> = [.weightDecay]

  /// PyTorch's L2 term or Keras's decoupled decay, as for ``Momentum`` (PyTorch's SGD
  /// refuses dampening with Nesterov).
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    Momentum.sgdOption(setting, under: convention)
  }
  static let epsilonPlacements: [EpsilonPlacement] = []
  static let quantities: Set<Quantity> = [.uW, .uB]

  static func takesGradientAtLookahead(_ h: Hyperparameters) -> Bool {
    h.nesterovForm == .lookahead
  }

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    switch s.h.nesterovForm {
    case .lookahead:
      Momentum.apply(&c, s)
    case .reformulated:
      c.rate = s.h.learningRate
      c.applyDecoupledWeightDecay(s)
      let g = c.l2Gradient(s)
      c.u = s.h.beta * c.u + c.rate * g
      let move = c.rate * g + s.h.beta * c.u
      c.mHat = move / c.rate
      c.parameter -= move
    }
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    guard e.h.nesterovForm == .reformulated else {
      Momentum.explain(&e, original)
      return
    }
    let before = e.decoupledWeightDecay(original)
    let u = Momentum.explainVelocity(&e, before)
    let n = ExplanationBuilder.n
    let (p, x, h) = (e.parameterName, e.suffix, e.h)
    let (p0, rate) = (before.parameter, h.learningRate)
    let g = before.l2Gradient(e.s)
    let gName = h.takesL2 ? "(\(e.gradientName) + λ·\(p))" : e.gradientName
    let move = rate * g + h.beta * u
    e.add(
      p, e.quantity(.w, .b), "\(p) − (η·\(gName) + β·u\(x))",
      [n(p0), " − (", n(rate), "·", n(g), " + ", n(h.beta), "·", n(u), ")"], p0 - move)
  }
}

/// How Nesterov's look-ahead is computed.
public enum NesterovForm: String, CaseIterable, Sendable {
  /// The notes: the gradient is evaluated at the look-ahead point w − β·u.
  case lookahead
  /// The libraries' rewrite: u ← β·u + η·g at w itself; w ← w − (η·g + β·u).
  case reformulated
}
