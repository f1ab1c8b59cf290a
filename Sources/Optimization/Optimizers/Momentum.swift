/// Momentum, in the notes' scale: uₜ = β·uₜ₋₁ + η·∇wₜ; wₜ₊₁ = wₜ − uₜ.
///
/// Unrolled, uₜ = η·Σ βᵗ⁻ᶻ·∇w_z: the history of gradients carries the step across flat
/// regions and through shallow valleys. Keras keeps m = −u (m ← μ·m − η·g; w ← w + m), the
/// notes' velocity. PyTorch and optax keep a buffer in gradient units, b ← μ·b + g, and
/// apply the rate at the step, w ← w − ηₜ·b: under those two conventions adalab's u is
/// that buffer (``MomentumForm``), so a schedule or a mid-run `set eta` steps the whole
/// history at the new ηₜ, as the libraries do. adalab's β is 0.9 in every convention, where
/// the libraries' momentum defaults to 0 (plain SGD).
///
/// PyTorch's SGD adds two options, in this order: L2 weight decay, g ← g + λ·w, and
/// dampening d, b ← μ·b + (1 − d)·g, except at the first update, where b ← g (its buffer
/// starts as a copy of the gradient, not at 0). Keras's `weight_decay` is its base class's,
/// w ← w·(1 − η·λ) before the step (``TorchWeightDecay``).
enum Momentum: PlainUpdate {
  static let optimizer = Optimizer.momentum
  static let summary = "gradient descent with a running sum of past updates"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = ["u ← β·u + η·g", "w ← w − u", "history carries the step across flat regions"]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = GradientDescent.defaults(for: convention)
    h.momentumForm = .of(convention)
    return h
  }

  static let meanings: [(Quantity, String)] = [
    (
      .uW,
      "lecture, keras: the velocity β·u + η·g (keras's m is −u), w ← w − u; "
        + "pytorch, optax: the library's buffer β·u + g in gradient units, w ← w − η·u"
    )
  ]

  static let settings: Set<Setting> = [.eta, .beta, .weightDecay, .dampening]
  static let optionRules = TorchWeightDecay.rules.filter { $0.key == .weightDecay }
  static let options: Set<Setting> = [.weightDecay, .dampening]

  /// Only PyTorch's SGD has dampening and an L2 term; Keras's SGD decays decoupled.
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    sgdOption(setting, under: convention)
  }

  /// The reason a convention has no PyTorch-SGD option (`weight_decay`, `dampening`),
  /// shared with ``Nesterov`` and ``GradientDescent`` (`optimizer` names the notes' rule).
  static func sgdOption(
    _ setting: Setting, under convention: Convention, name optimizer: String = "momentum"
  ) -> String? {
    guard setting == .weightDecay || setting == .dampening, convention != .pytorch else {
      return nil
    }
    let name = setting.rawValue
    switch convention {
    case .lecture: return "the notes' \(optimizer) has no \(name); use pytorch's sgd"
    case .keras where setting == .weightDecay: return nil
    case .optax where setting == .weightDecay:
      return "optax's sgd has no weight decay (it is a separate transform); "
        + "use pytorch's sgd for the L2 term"
    default: return "\(convention.rawValue)'s sgd has no \(name); use pytorch's sgd"
    }
  }
  static let epsilonPlacements: [EpsilonPlacement] = []
  static let quantities: Set<Quantity> = [.uW, .uB]

  /// The direction m̂ is the step measured in gradients: u/η for the velocity, the buffer
  /// itself for PyTorch and optax.
  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.rate = s.h.learningRate
    switch s.h.momentumForm {
    case .velocity:
      applyVelocity(&c, s)
    case .pytorchBuffer:
      c.u = c.pytorchBuffer(c.l2Gradient(s), s)
      c.mHat = c.u
      c.parameter = c.parameter.addingProduct(-c.rate, c.u)
    case .optaxTrace:
      c.u = c.l2Gradient(s) + s.h.beta * c.u
      c.mHat = c.u
      c.parameter -= c.rate * c.u
    }
  }

  /// No weight decay (PyTorch's L2 term or Keras's decoupled one) and no dampening.
  static func isPlain(_ h: Hyperparameters) -> Bool {
    h.weightDecay == 0 && h.dampening == 0
  }

  /// ``apply(_:_:)`` without weight decay or dampening, in each library's form. PyTorch's
  /// `buf.mul_(β).add_(g)` is β·b rounded, then g added in one rounding: the sum itself.
  @inline(__always)
  static func applyPlain(_ c: inout Coordinate, _ s: StepContext) {
    c.rate = s.h.learningRate
    let g = c.gradient
    switch s.h.momentumForm {
    case .velocity:
      c.u = s.h.beta * c.u + c.rate * g
      c.mHat = c.u / c.rate
      c.parameter -= c.u
    case .pytorchBuffer:
      c.u = s.h.beta * c.u + g
      c.mHat = c.u
      c.parameter = c.parameter.addingProduct(-c.rate, c.u)
    case .optaxTrace:
      c.u = g + s.h.beta * c.u
      c.mHat = c.u
      c.parameter -= c.rate * c.u
    }
  }

  /// The notes' (and Keras's) form, u ← β·u + η·g; w ← w − u, whatever the convention:
  /// ``Nesterov``'s look-ahead form uses it too.
  @inline(__always)
  static func applyVelocity(_ c: inout Coordinate, _ s: StepContext) {
    c.rate = s.h.learningRate
    c.applyDecoupledWeightDecay(s)
    var g = c.l2Gradient(s)
    if s.h.dampening != 0 && s.t > 1 { g *= 1 - s.h.dampening }
    c.u = s.h.beta * c.u + c.rate * g
    c.mHat = c.u / c.rate
    c.parameter -= c.u
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    explain(&e, original, form: e.h.momentumForm)
  }

  /// The lines of ``explain(_:_:)`` in `form` (``Nesterov``'s look-ahead form explains the
  /// velocity under every convention).
  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate, form: MomentumForm) {
    let before = e.decoupledWeightDecay(original)
    let u = explainHistory(&e, before, form: form)
    let n = ExplanationBuilder.n
    let (p, x, p0, rate) = (e.parameterName, e.suffix, before.parameter, e.h.learningRate)
    switch form {
    case .velocity:
      e.add(p, e.quantity(.w, .b), "\(p) − u\(x)", [n(p0), " − ", n(u)], p0 - u)
    case .pytorchBuffer, .optaxTrace:
      let w = form == .pytorchBuffer ? p0.addingProduct(-rate, u) : p0 - rate * u
      e.add(p, e.quantity(.w, .b), "\(p) − η·u\(x)", [n(p0), " − ", n(rate), "·", n(u)], w)
    }
  }

  /// The lines lr = η and the new u, shared with ``Nesterov`` (with PyTorch's L2 term and
  /// dampening when they are set); returns u: β·u + η·g for the velocity, β·u + g for
  /// PyTorch's buffer, g + β·u for optax's trace, each in its library's order of operations.
  static func explainHistory(
    _ e: inout ExplanationBuilder, _ before: Coordinate, form: MomentumForm
  ) -> Double {
    let n = ExplanationBuilder.n
    let x = e.suffix
    let (rate, beta, u0) = (e.h.learningRate, e.h.beta, before.u)
    e.add("lr" + x, e.quantity(.lrW, .lrB), "η", [], rate)
    let (g, gName) = explainL2(&e, before)
    let damps = e.h.dampening != 0 && e.s.t > 1
    switch form {
    case .velocity:
      var damped = g
      var term = gName
      if damps {
        damped = g * (1 - e.h.dampening)
        term = "(1 − d)·" + gName
        e.add("(1 − d)·" + gName, nil, "", [n(1 - e.h.dampening), "·", n(g)], damped)
      }
      let u = beta * u0 + rate * damped
      e.add(
        "u" + x, e.quantity(.uW, .uB), "β·u\(x) + η·\(term)",
        [n(beta), "·", n(u0), " + ", n(rate), "·", n(damped)], u)
      return u
    case .pytorchBuffer:
      let u = before.pytorchBuffer(g, e.s)
      let formula = damps ? "β·u\(x) + (1 − d)·\(gName)" : "β·u\(x) + \(gName)"
      let numbers =
        damps
        ? [n(beta), "·", n(u0), " + ", n(1 - e.h.dampening), "·", n(g)]
        : [n(beta), "·", n(u0), " + ", n(g)]
      e.add("u" + x, e.quantity(.uW, .uB), formula, numbers, u)
      return u
    case .optaxTrace:
      let u = g + beta * u0
      e.add(
        "u" + x, e.quantity(.uW, .uB), "\(gName) + β·u\(x)", [n(g), " + ", n(beta), "·", n(u0)], u)
      return u
    }
  }

  /// The line g + λ·w when PyTorch's L2 weight decay is set: the gradient the rule uses
  /// and its name.
  static func explainL2(_ e: inout ExplanationBuilder, _ before: Coordinate) -> (Double, String) {
    let g = before.gradient
    guard e.h.takesL2 else { return (g, e.gradientName) }
    let n = ExplanationBuilder.n
    let name = "\(e.gradientName) + λ·\(e.parameterName)"
    let l2 = before.l2Gradient(e.s)
    e.add(name, nil, "", [n(g), " + ", n(e.h.weightDecay), "·", n(before.parameter)], l2)
    return (l2, "(\(name))")
  }
}

extension Coordinate {
  /// PyTorch's momentum buffer after this update, from the gradient `g` its SGD uses (with
  /// the L2 term): `buf.mul_(β).add_(g, alpha=1 − d)`, β·b rounded and then the damped
  /// gradient added in one rounding; at the first update b is 0 and d is not applied, so
  /// this is g, torch's `clone(grad)`.
  @inline(__always)
  func pytorchBuffer(_ g: Double, _ s: StepContext) -> Double {
    let kept = s.h.dampening != 0 && s.t > 1 ? 1 - s.h.dampening : 1
    return (s.h.beta * u).addingProduct(g, kept)
  }

  /// The gradient with PyTorch's L2 term, g + λ·w (g itself when λ = 0 or the decay is
  /// decoupled), rounded once as
  /// PyTorch's `grad.add(param, alpha=λ)` is (a fused multiply-add): near the L2 equilibrium
  /// g ≈ −λ·w and the sum cancels, so a second rounding would show.
  @inline(__always)
  func l2Gradient(_ s: StepContext) -> Double {
    s.h.takesL2 ? gradient.addingProduct(s.h.weightDecay, parameter) : gradient
  }
}
