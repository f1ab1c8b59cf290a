/// Plain gradient descent: wₜ₊₁ = wₜ − η·∇wₜ.
///
/// Every parameter moves at the same rate η. For the notes' neuron
/// ∇w = Σᵢ (f(xᵢ) − yᵢ)·f(xᵢ)·(1 − f(xᵢ))·xᵢ, so a weight whose feature is zero for most
/// points (a sparse feature) gets a zero gradient from most points and barely moves: the
/// problem every adaptive rule that follows sets out to solve.
///
/// Weight decay λ, off by default: PyTorch's SGD adds λ·w to the gradient (L2); Keras's base
/// class shrinks w ← w·(1 − η·λ) before the step (``TorchWeightDecay``).
enum GradientDescent: PlainUpdate {
  static let optimizer = Optimizer.gd
  static let summary = "plain gradient descent: w = w - eta * dw"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = ["w ← w − η·g", "every parameter moves at the same rate η"]

  /// The libraries' SGD: η = 0.001 (PyTorch, a required argument there), 0.01 (Keras).
  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 1e-3, keras: 1e-2, optax: 0.1)
    h.decoupledWeightDecay = convention == .keras
    return h
  }

  static let settings: Set<Setting> = [.eta, .weightDecay]
  static let options: Set<Setting> = [.weightDecay]
  static let optionRules = TorchWeightDecay.rules.filter { $0.key == .weightDecay }

  /// PyTorch's L2 term or Keras's decoupled decay, as for ``Momentum``.
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    Momentum.sgdOption(setting, under: convention, name: "gd")
  }
  static let epsilonPlacements: [EpsilonPlacement] = []
  static let quantities: Set<Quantity> = []

  /// The effective rate is η itself; the direction m̂ is the gradient.
  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyTorchWeightDecay(s)
    applyPlain(&c, s)
  }

  /// No weight decay.
  static func isPlain(_ h: Hyperparameters) -> Bool { h.weightDecay == 0 }

  /// ``apply(_:_:)`` without weight decay.
  @inline(__always)
  static func applyPlain(_ c: inout Coordinate, _ s: StepContext) {
    c.rate = s.h.learningRate
    c.mHat = c.gradient
    c.parameter -= c.rate * c.gradient
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    let before = e.torchWeightDecay(original)
    let rate = e.h.learningRate
    e.add("lr" + e.suffix, e.quantity(.lrW, .lrB), "η", [], rate)
    e.step(before.parameter, rate: rate, gradient: before.gradient)
  }
}
