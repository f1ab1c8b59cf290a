/// Momentum, in the notes' scale: uₜ = β·uₜ₋₁ + η·∇wₜ; wₜ₊₁ = wₜ − uₜ.
///
/// Unrolled, uₜ = η·Σ βᵗ⁻ᶻ·∇w_z: the history of gradients carries the step across flat
/// regions and through shallow valleys. PyTorch and optax keep b = u/η (b ← μ·b + g;
/// w ← w − η·b) and Keras keeps m = −u (m ← μ·m − η·g; w ← w + m): the same walk, written
/// three ways. adalab's β is 0.9 in every convention, where the libraries' momentum
/// defaults to 0 (plain SGD).
///
/// PyTorch's SGD adds two options, in this order: L2 weight decay, g ← g + λ·w, and
/// dampening d, b ← μ·b + (1 − d)·g, except at the first update, where b ← g (its buffer
/// starts as a copy of the gradient, not at 0). Keras's `weight_decay` is its base class's,
/// w ← w·(1 − η·λ) before the step (``TorchWeightDecay``).
enum Momentum: UpdateRule {
  static let optimizer = Optimizer.momentum
  static let summary = "gradient descent with a running sum of past updates"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = ["u ← β·u + η·g", "w ← w − u", "history carries the step across flat regions"]

  static func defaults(for convention: Convention) -> Hyperparameters {
    GradientDescent.defaults(for: convention)
  }

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

  /// The direction m̂ is u/η, the step measured in gradients.
  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.rate = s.h.learningRate
    c.applyDecoupledWeightDecay(s)
    var g = c.l2Gradient(s)
    if s.h.dampening != 0 && s.t > 1 { g *= 1 - s.h.dampening }
    c.u = s.h.beta * c.u + c.rate * g
    c.mHat = c.u / c.rate
    c.parameter -= c.u
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    let before = e.decoupledWeightDecay(original)
    let u = explainVelocity(&e, before)
    let n = ExplanationBuilder.n
    let p = e.parameterName
    e.add(
      p, e.quantity(.w, .b), "\(p) − u\(e.suffix)", [n(before.parameter), " − ", n(u)],
      before.parameter - u)
  }

  /// The lines lr = η and u = β·u + η·g, shared with ``Nesterov`` (with PyTorch's L2 term
  /// and dampening when they are set); returns u.
  static func explainVelocity(_ e: inout ExplanationBuilder, _ before: Coordinate) -> Double {
    let n = ExplanationBuilder.n
    let x = e.suffix
    let rate = e.h.learningRate
    e.add("lr" + x, e.quantity(.lrW, .lrB), "η", [], rate)
    let (g, gName) = explainL2(&e, before)
    var damped = g
    var term = gName
    if e.h.dampening != 0 && e.s.t > 1 {
      damped = g * (1 - e.h.dampening)
      term = "(1 − d)·" + gName
      e.add("(1 − d)·" + gName, nil, "", [n(1 - e.h.dampening), "·", n(g)], damped)
    }
    let u = e.h.beta * before.u + rate * damped
    e.add(
      "u" + x, e.quantity(.uW, .uB), "β·u\(x) + η·\(term)",
      [n(e.h.beta), "·", n(before.u), " + ", n(rate), "·", n(damped)], u)
    return u
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
  /// The gradient with PyTorch's L2 term, g + λ·w (g itself when λ = 0 or the decay is
  /// decoupled), rounded once as
  /// PyTorch's `grad.add(param, alpha=λ)` is (a fused multiply-add): near the L2 equilibrium
  /// g ≈ −λ·w and the sum cancels, so a second rounding would show.
  @inline(__always)
  func l2Gradient(_ s: StepContext) -> Double {
    s.h.takesL2 ? gradient.addingProduct(s.h.weightDecay, parameter) : gradient
  }
}
