/// AdaDelta, as the notes number its steps:
/// 1. ∇wₜ;
/// 2. vₜ = β·vₜ₋₁ + (1 − β)·(∇wₜ)²;
/// 3. Δwₜ = −√(uₜ₋₁ + ε)/√(vₜ + ε)·∇wₜ;
/// 4. wₜ₊₁ = wₜ + Δwₜ;
/// 5. uₜ = β·uₜ₋₁ + (1 − β)·(Δwₜ)².
///
/// It avoids choosing η₀: the numerator of the effective rate √(u + ε)/√(v + ε) is a
/// history of past updates, so the units of the step match the units of w, and the u
/// computed at t is used only at t + 1. The libraries still multiply Δ by a learning rate
/// (PyTorch and optax 1.0, Keras 0.001); the notes' version has none, so under `lecture`
/// η is fixed at 1 and not a setting. adalab stores Δ without its sign (Δ ← …·g; w ← w − η·Δ).
enum AdaDelta: PlainUpdate {
  static let optimizer = Optimizer.adadelta
  static let summary = "rmsprop with the step size taken from past updates instead of eta"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = [
    "v ← β·v + (1 − β)·g²", "Δ ← √(u + ε)/√(v + ε)·g", "w ← w − Δ",
    "u ← β·u + (1 − β)·Δ²", "no η: the numerator is the history of past updates",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 1, pytorch: 1, keras: 1e-3, optax: 1)
    h.epsilon = 1e-6
    h.epsilonPlacement = .inside
    if convention == .keras {
      h.beta = 0.95
      h.epsilon = 1e-7
      h.decoupledWeightDecay = true
    }
    return h
  }

  static let settings = Set<Setting>([.eta, .beta, .epsilon]).union(options)
  static let options: Set<Setting> = [.weightDecay]
  static let optionRules = TorchWeightDecay.rules.filter { $0.key == .weightDecay }

  /// Only PyTorch's Adadelta adds the L2 term.
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    TorchWeightDecay.missing(setting, under: convention, name: "adadelta")
  }
  static let epsilonPlacements: [EpsilonPlacement] = []
  static let quantities: Set<Quantity> = [.vW, .vB, .uW, .uB]

  /// The notes' AdaDelta has no η.
  static func reads(_ setting: Setting, under convention: Convention) -> Bool {
    settings.contains(setting) && !(setting == .eta && convention == .lecture)
      && missing(setting, under: convention) == nil
  }

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
    c.v = s.h.beta * c.v + (1 - s.h.beta) * c.gradient * c.gradient
    let ratio = (c.u + s.h.epsilon).squareRoot() / (c.v + s.h.epsilon).squareRoot()
    let delta = ratio * c.gradient
    c.rate = s.h.learningRate * ratio
    c.mHat = c.gradient
    c.parameter -= s.h.learningRate * delta
    c.u = s.h.beta * c.u + (1 - s.h.beta) * delta * delta
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    let before = e.torchWeightDecay(original)
    let n = ExplanationBuilder.n
    let (x, p, h) = (e.suffix, e.parameterName, e.h)
    let (p0, g, u0) = (before.parameter, before.gradient, before.u)
    let v = RMSProp.explainAverage(&e, before)
    let ratio = (u0 + h.epsilon).squareRoot() / (v + h.epsilon).squareRoot()
    let delta = ratio * g
    e.add(
      "Δ" + x, nil, "√(u\(x) + ε)/√(v\(x) + ε)·\(e.ruleGradientName)",
      ["√(", n(u0), " + ", n(h.epsilon), ")/√(", n(v), " + ", n(h.epsilon), ")·", n(g)], delta)
    let rate = h.learningRate * ratio
    e.add(
      "lr" + x, e.quantity(.lrW, .lrB), "η·√(u\(x) + ε)/√(v\(x) + ε)",
      [n(h.learningRate), "·", n(ratio)], rate)
    e.add(
      p, e.quantity(.w, .b), "\(p) − η·Δ\(x)", [n(p0), " − ", n(h.learningRate), "·", n(delta)],
      p0 - h.learningRate * delta)
    e.add(
      "u" + x, e.quantity(.uW, .uB), "β·u\(x) + (1 − β)·Δ\(x)²",
      [n(h.beta), "·", n(u0), " + ", n(1 - h.beta), "·", n(delta), "²"],
      h.beta * u0 + (1 - h.beta) * delta * delta)
  }
}
