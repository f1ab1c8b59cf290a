/// AdaMax: Adam with the L∞ norm in place of the L² one.
///
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·∇wₜ        m̂ₜ = mₜ/(1 − β₁ᵗ)
///     vₜ = max(β₂·vₜ₋₁, |∇wₜ|)
///     wₜ₊₁ = wₜ − η/(vₜ + ε)·m̂ₜ
///
/// The L^p norm (|x₁|ᵖ + … + |xₙ|ᵖ)^(1/p) overflows or underflows for large p in floating
/// point; its limit p → ∞ is simply max|xᵢ|, which v tracks, and a maximum needs no bias
/// correction. The notes and Keras add ε to v; PyTorch and optax put it inside the maximum
/// (``EpsilonPlacement/max``): v ← max(β₂·v, |g| + ε); w ← w − η/v·m̂.
enum AdaMax: UpdateRule {
  static let optimizer = Optimizer.adamax
  static let summary = "adam with the infinity norm: v is a running maximum of |dw|"
  /// Only 1 − β₁ᵗ: v is an infinity norm, never corrected.
  static let sharedNumbers: StepContext.Numbers = [.correction1]

  static let rule = [
    "m ← β₁·m + (1 − β₁)·g", "v ← max(β₂·v, |g|)", "w ← w − η/(v + ε)·m/(1 − β₁ᵗ)",
    "the L∞ norm is the limit of L^p, without its overflow",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 2e-3, keras: 1e-3, optax: 0.1)
    switch convention {
    case .lecture: break
    case .keras:
      h.epsilon = 1e-7
      h.decoupledWeightDecay = true
    case .pytorch:
      h.epsilonPlacement = .max
      h.lerpsMean = true
    case .optax: h.epsilonPlacement = .max
    }
    return h
  }

  static let settings = Adam.familySettings.union(options)
  static let options: Set<Setting> = [.weightDecay]
  static let optionRules = TorchWeightDecay.rules.filter { $0.key == .weightDecay }

  static let epsilonPlacements: [EpsilonPlacement] = [.outside, .max]
  static let quantities: Set<Quantity> = [.mW, .mB, .vW, .vB, .mHatW, .mHatB]

  /// Only PyTorch's Adamax adds the L2 term; no library puts ε under a root it does not take.
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    TorchWeightDecay.missing(setting, under: convention, name: "adamax")
      ?? OptaxEpsilonRoot.absent(
        setting, name: "adamax", because: "v is a maximum, not under a root")
  }

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyTorchWeightDecay(s)
    c.m = c.m.averaged(with: c.gradient, decay: s.h.beta1, lerp: s.h.lerpsMean)
    c.finishAdaMax(s)
  }

  /// 1 − β₁ᵗ only: v needs no correction.
  static func explainShared(_ e: inout ExplanationBuilder) {
    e.biasCorrections(second: false)
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    let before = e.torchWeightDecay(original)
    let m = e.firstMoment(before)
    let mHat = e.correctedFirstMoment(m)
    let rate = MaxProp.explainInfinityNorm(&e, before, decay: e.h.beta2, symbol: "β₂")
    e.step(before.parameter, rate: rate, direction: mHat)
  }
}

extension Coordinate {
  /// AdaMax after m is updated: the correction, the infinity norm v and the step.
  @inline(__always)
  mutating func finishAdaMax(_ s: StepContext) {
    mHat = m / s.correction1
    takeInfinityNorm(decay: s.h.beta2, s)
    vHat = v
    parameter -= rate * mHat
  }
}

extension Double {
  /// The running mean moved toward `x`: β·m + (1 − β)·x, or with `lerp` PyTorch's
  /// `lerp_`, m + (1 − β)·(x − m) with one rounding (``Hyperparameters/lerpsMean``).
  @inline(__always)
  func averaged(with x: Double, decay: Double, lerp: Bool) -> Double {
    lerp ? addingProduct(1 - decay, x - self) : decay * self + (1 - decay) * x
  }
}
