/// AdaGrad: vₜ = vₜ₋₁ + (∇wₜ)²; wₜ₊₁ = wₜ − η/(√vₜ + ε)·∇wₜ.
///
/// The learning rate decays in proportion to the update history: v only grows, so the
/// effective rate η/(√v + ε) only falls, and it falls fastest for the parameters that get
/// gradients most often. A weight whose feature is sparse sees ∇w = 0 most of the time, so
/// its v stays small and its rate stays high: exactly the parameter the notes want to take
/// seriously, while b, whose gradient is non-zero at every point, decays fast.
///
/// PyTorch also decays η by 1/(1 + (t − 1)·lr_decay); Keras and optax start v at 0.1 and
/// put ε inside the root, η/√(v + ε).
enum AdaGrad: PlainUpdate {
  static let optimizer = Optimizer.adagrad
  static let summary = "divide eta by the root of the sum of all squared gradients so far"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = [
    "v ← v + g²", "w ← w − η/(√v + ε)·g",
    "a sparse feature's weight keeps a high rate while frequent ones decay",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 1e-2, keras: 1e-3, optax: 0.1)
    switch convention {
    case .lecture: h.epsilon = 1e-8
    case .pytorch: h.epsilon = 1e-10
    case .keras, .optax:
      h.epsilon = 1e-7
      h.epsilonPlacement = .inside
      h.initialAccumulator = 0.1
      h.decoupledWeightDecay = convention == .keras
    }
    return h
  }

  static let settings = Set<Setting>([.eta, .epsilon, .epsPlacement, .vInit, .lrDecay])
    .union(options)
  static let options: Set<Setting> = [.weightDecay]
  static let optionRules = TorchWeightDecay.rules.filter { $0.key == .weightDecay }

  /// Only PyTorch's Adagrad decays η.
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    if let reason = TorchWeightDecay.missing(setting, under: convention, name: "adagrad") {
      return reason
    }
    guard setting == .lrDecay, convention == .keras || convention == .optax else { return nil }
    let name = convention == .keras ? "keras's Adagrad" : "optax's adagrad"
    return "\(name) has no lr_decay (η stays fixed); "
      + "use pytorch's adagrad or the lecture convention"
  }
  static let epsilonPlacements: [EpsilonPlacement] = [.outside, .inside]
  static let quantities: Set<Quantity> = [.vW, .vB]

  /// The step's η is ``StepContext/learningRate``, decayed by `lr_decay`.
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
    c.v += c.gradient * c.gradient
    c.rate = s.rate(s.learningRate, over: c.v)
    c.mHat = c.gradient
    c.parameter -= c.rate * c.gradient
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    let before = e.torchWeightDecay(original)
    let n = ExplanationBuilder.n
    let x = e.suffix
    let (g, v0) = (before.gradient, before.v)
    let v = v0 + g * g
    e.add(
      "v" + x, e.quantity(.vW, .vB), "v\(x) + \(e.ruleGradientName)²", [n(v0), " + ", n(g), "²"], v)
    let rate = e.rootRate(e.s.learningRate, v: v, name: "v" + x, etaName: e.etaName)
    e.step(before.parameter, rate: rate, gradient: g)
  }
}
