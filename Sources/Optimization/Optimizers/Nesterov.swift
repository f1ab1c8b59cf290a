/// Nesterov accelerated gradient: the gradient is taken where momentum is about to carry
/// the parameters, w_look = wₜ − β·uₜ₋₁; then uₜ = β·uₜ₋₁ + η·∇w_look; wₜ₊₁ = wₜ − uₜ.
///
/// Looking ahead corrects the course before overshooting, so NAG oscillates less than
/// momentum near a minimum. ``NesterovForm/lookahead`` is the notes' form (the gradient at
/// the look-ahead point, then momentum's step, with the notes' velocity under every
/// convention); ``NesterovForm/reformulated`` is the libraries' rewrite of the same idea at
/// w itself: u ← β·u + η·g; w ← w − (η·g + β·u) with the velocity (Keras, the notes), and
/// with PyTorch's and optax's buffer in gradient units (``MomentumForm``) b ← β·b + g;
/// w ← w − η·(g + β·b).
enum Nesterov: PlainUpdate {
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
    h.momentumForm = .of(convention)
    return h
  }

  static let meanings: [(Quantity, String)] = [
    (
      .uW,
      "lecture, keras, nag_form lookahead: the velocity β·u + η·g (keras's m is −u); "
        + "pytorch, optax: the library's buffer β·u + g in gradient units, w ← w − η·(g + β·u)"
    )
  ]

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
    switch (s.h.nesterovForm, s.h.momentumForm) {
    case (.lookahead, _):
      Momentum.applyVelocity(&c, s)
    case (.reformulated, .velocity):
      c.rate = s.h.learningRate
      c.applyDecoupledWeightDecay(s)
      let g = c.l2Gradient(s)
      c.u = s.h.beta * c.u + c.rate * g
      let move = c.rate * g + s.h.beta * c.u
      c.mHat = move / c.rate
      c.parameter -= move
    case (.reformulated, .pytorchBuffer):
      // `grad.add(buf, alpha=μ)`, then `param.add_(grad, alpha=-lr)`: each rounded once.
      c.rate = s.h.learningRate
      let g = c.l2Gradient(s)
      c.u = c.pytorchBuffer(g, s)
      c.mHat = g.addingProduct(s.h.beta, c.u)
      c.parameter = c.parameter.addingProduct(-c.rate, c.mHat)
    case (.reformulated, .optaxTrace):
      c.rate = s.h.learningRate
      let g = c.l2Gradient(s)
      c.u = g + s.h.beta * c.u
      c.mHat = g + s.h.beta * c.u
      c.parameter -= c.rate * c.mHat
    }
  }

  /// No weight decay, and no dampening left from momentum (the look-ahead form would
  /// apply it).
  static func isPlain(_ h: Hyperparameters) -> Bool {
    h.weightDecay == 0 && h.dampening == 0
  }

  /// ``apply(_:_:)`` without weight decay or dampening, in each form.
  @inline(__always)
  static func applyPlain(_ c: inout Coordinate, _ s: StepContext) {
    c.rate = s.h.learningRate
    let g = c.gradient
    switch (s.h.nesterovForm, s.h.momentumForm) {
    case (.lookahead, _):
      c.u = s.h.beta * c.u + c.rate * g
      c.mHat = c.u / c.rate
      c.parameter -= c.u
    case (.reformulated, .velocity):
      c.u = s.h.beta * c.u + c.rate * g
      let move = c.rate * g + s.h.beta * c.u
      c.mHat = move / c.rate
      c.parameter -= move
    case (.reformulated, .pytorchBuffer):
      c.u = s.h.beta * c.u + g
      c.mHat = g.addingProduct(s.h.beta, c.u)
      c.parameter = c.parameter.addingProduct(-c.rate, c.mHat)
    case (.reformulated, .optaxTrace):
      c.u = g + s.h.beta * c.u
      c.mHat = g + s.h.beta * c.u
      c.parameter -= c.rate * c.mHat
    }
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    guard e.h.nesterovForm == .reformulated else {
      Momentum.explain(&e, original, form: .velocity)
      return
    }
    let before = e.decoupledWeightDecay(original)
    let form = e.h.momentumForm
    let u = Momentum.explainHistory(&e, before, form: form)
    let n = ExplanationBuilder.n
    let (p, x, h) = (e.parameterName, e.suffix, e.h)
    let (p0, rate) = (before.parameter, h.learningRate)
    let g = before.l2Gradient(e.s)
    let gName = e.ruleGradientName
    switch form {
    case .velocity:
      let move = rate * g + h.beta * u
      e.add(
        p, e.quantity(.w, .b), "\(p) − (η·\(gName) + β·u\(x))",
        [n(p0), " − (", n(rate), "·", n(g), " + ", n(h.beta), "·", n(u), ")"], p0 - move)
    case .pytorchBuffer, .optaxTrace:
      let fused = form == .pytorchBuffer
      let direction = fused ? g.addingProduct(h.beta, u) : g + h.beta * u
      let w = fused ? p0.addingProduct(-rate, direction) : p0 - rate * direction
      e.add(
        p, e.quantity(.w, .b), "\(p) − η·(\(gName) + β·u\(x))",
        [n(p0), " − ", n(rate), "·(", n(g), " + ", n(h.beta), "·", n(u), ")"], w)
    }
  }
}

/// How Nesterov's look-ahead is computed.
public enum NesterovForm: String, CaseIterable, Sendable {
  /// The notes: the gradient is evaluated at the look-ahead point w − β·u.
  case lookahead
  /// The libraries' rewrite: u ← β·u + η·g at w itself; w ← w − (η·g + β·u).
  case reformulated
}
