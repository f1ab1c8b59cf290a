#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// RMSProp: vₜ = β·vₜ₋₁ + (1 − β)·(∇wₜ)²; wₜ₊₁ = wₜ − η/(√vₜ + ε)·∇wₜ.
///
/// AdaGrad's denominator only grows, so the frequent parameters soon receive very small
/// updates. RMSProp decays it instead: unrolled, vₜ = (1 − β)·Σ βᵗ⁻ᶻ·(∇w_z)², and with
/// β = 0.9 the weights of the last gradients are 0.1, 0.09, 0.081, …, so old gradients fade
/// and the rate may rise, fall or stay, which is also why it can oscillate about a minimum.
/// The notes' listing uses β = 0.5 and ε = 1e-4; Keras and optax put ε inside the root.
///
/// The libraries' options, off by default, in their order of operations:
/// - PyTorch's L2 `weight_decay`: g ← g + λ·w first; Keras's (its base class's, decoupled):
///   w ← w·(1 − η·λ) first (``TorchWeightDecay``).
/// - `centered` (all three): ḡ ← β·ḡ + (1 − β)·g, kept in m, and the root is taken of the
///   variance v − ḡ² rather than of v (Graves 2013). PyTorch: √(v − ḡ²) + ε; Keras:
///   √(v − ḡ² + ε); optax either, as `eps_placement` says.
/// - optax's `bias_correction`: v̂ = v/(1 − βᵗ) (and ḡ/(1 − βᵗ)) under the root. optax's
///   arithmetic (``Hyperparameters/powersBySquaring``) raises β to the integer count by
///   repeated squaring and squares g before weighting it, (1 − β)·(g·g): with both on, the
///   centered variance v̂ − ḡ̂² is exactly 0 at t = 1 but for rounding, and only the same
///   rounding gives optax's first step.
/// - `momentum` μ (all three): u ← μ·u + η·g/(√v + ε); w ← w − u, in the notes' scale
///   (optax keeps −u); optax's `nesterov` steps along η·g/(√v + ε) + μ·u. PyTorch keeps its
///   buffer without η, u ← μ·u + g/(√v + ε); w ← w − η·u (``MomentumForm/pytorchBuffer``),
///   so a schedule or a new η steps its whole history at the new rate.
enum RMSProp: PlainUpdate {
  static let optimizer = Optimizer.rmsprop
  static let summary = "divide eta by the root of a decaying average of squared gradients"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = [
    "v ← β·v + (1 − β)·g²", "w ← w − η/(√v + ε)·g",
    "old gradients fade, so the rate stops collapsing (weights 0.1, 0.09, 0.081, …)",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 1e-2, keras: 1e-3, optax: 0.1)
    h.biasCorrection = false
    switch convention {
    case .lecture:
      h.beta = 0.5
      h.epsilon = 1e-4
    case .pytorch:
      h.beta = 0.99
      h.lerpsMean = true
      h.momentumForm = .pytorchBuffer
    case .keras:
      h.epsilon = 1e-7
      h.epsilonPlacement = .inside
      h.decoupledWeightDecay = true
    case .optax:
      h.epsilonPlacement = .inside
      h.powersBySquaring = true
    }
    return h
  }

  static let settings = Set<Setting>([.eta, .beta, .epsilon, .epsPlacement, .vInit])
    .union(options)
  static let options: Set<Setting> = [
    .weightDecay, .centered, .momentum, .nesterov, .biasCorrection,
  ]
  static let optionRules: [Setting: String] = [
    .weightDecay: TorchWeightDecay.rules[.weightDecay]!,
    .centered: "m ← β·m + (1 − β)·g; the root is of v − m², the variance, not of v",
    .momentum: "u ← μ·u + lr·g; w ← w − u, where lr = η/(√v + ε)",
    .nesterov: "with momentum: w ← w − (lr·g + μ·u), a look-ahead",
    .biasCorrection:
      "v/(1 − βᵗ) (and m/(1 − βᵗ)) under the root; centered, v − m² is then 0 at t = 1",
  ]
  static let epsilonPlacements: [EpsilonPlacement] = [.outside, .inside]
  static let quantities: Set<Quantity> = [.vW, .vB]

  /// ḡ in m when centered, u with momentum, v̂ with bias correction.
  static func quantities(for h: Hyperparameters) -> Set<Quantity> {
    var kept = quantities
    if h.centered { kept.formUnion([.mW, .mB]) }
    if h.momentum != 0 { kept.formUnion([.uW, .uB]) }
    if h.biasCorrection { kept.formUnion([.vHatW, .vHatB]) }
    return kept
  }

  static let meanings: [(Quantity, String)] = [
    (.mW, "with centered on: ḡ, the running mean of g, β·ḡ + (1 − β)·g"),
    (
      .uW,
      "with momentum μ: the velocity, μ·u + lr·g (optax keeps −u); pytorch's buffer μ·u + g/(√v + ε), w ← w − η·u"
    ),
    (.vHatW, "with bias_correction on (optax): v/(1 − βᵗ)"),
  ]

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyTorchWeightDecay(s)
    let g = c.gradient
    c.v = c.v.averagedSquare(of: g, decay: s.h.beta, squaringFirst: s.h.powersBySquaring)
    let root = c.rmsDenominatorRoot(s)
    c.rate = s.rate(s.learningRate, over: root)
    guard s.h.momentum != 0 else {
      c.mHat = g
      c.parameter -= c.rate * g
      return
    }
    if s.h.momentumForm == .pytorchBuffer {
      // torch: `buf.mul_(μ).addcdiv_(g, avg)`, then `param.add_(buf, alpha=-lr)`.
      c.u = s.h.momentum * c.u + g / s.h.rmsDenominator(of: root)
      c.mHat = c.u
      c.parameter = c.parameter.addingProduct(-s.learningRate, c.u)
      return
    }
    c.u = s.h.momentum * c.u + c.rate * g
    let step = s.h.nesterov ? c.rate * g + s.h.momentum * c.u : c.u
    c.mHat = step / c.rate
    c.parameter -= step
  }
}

extension RMSProp {
  /// No weight decay, no `centered`, no momentum, no `bias_correction`.
  static func isPlain(_ h: Hyperparameters) -> Bool {
    h.weightDecay == 0 && !h.centered && h.momentum == 0 && !h.biasCorrection
  }

  /// ``apply(_:_:)`` with every option off: v, the rate over √v and the step along g, each
  /// convention's square (optax's (1 − β)·(g·g)) and ε placement kept.
  @inline(__always)
  static func applyPlain(_ c: inout Coordinate, _ s: StepContext) {
    let g = c.gradient
    c.v = c.v.averagedSquare(of: g, decay: s.h.beta, squaringFirst: s.h.powersBySquaring)
    c.vHat = c.v
    c.rate = s.rate(s.learningRate, over: c.v)
    c.mHat = g
    c.parameter -= c.rate * g
  }
}

extension Hyperparameters {
  /// √root + ε, or √(root + ε) with ε inside: what PyTorch's RMSprop divides g by (`avg`).
  @inline(__always)
  func rmsDenominator(of root: Double) -> Double {
    epsilonPlacement == .inside ? (root + epsilon).squareRoot() : root.squareRoot() + epsilon
  }
}

extension RMSProp {
  /// 1 − βᵗ of optax's bias correction, βᵗ as optax computes it.
  @inline(__always)
  static func biasCorrection(_ h: Hyperparameters, t: Double) -> Double {
    1 - (h.powersBySquaring ? RAdam.bySquaring(h.beta, Int(t)) : pow(h.beta, t))
  }
}

extension Double {
  /// β·v + (1 − β)·g², with g² rounded first when `squaringFirst` (optax) or
  /// (1 − β)·g first (PyTorch, the notes' listing).
  @inline(__always)
  func averagedSquare(of g: Double, decay: Double, squaringFirst: Bool) -> Double {
    squaringFirst ? decay * self + (1 - decay) * (g * g) : decay * self + (1 - decay) * g * g
  }
}

extension Coordinate {
  /// What RMSProp takes the root of once v is updated: v, or with `centered` the variance
  /// v − ḡ² after updating ḡ (in m), each over 1 − βᵗ with `bias_correction` (v̂ in vHat).
  @inline(__always)
  mutating func rmsDenominatorRoot(_ s: StepContext) -> Double {
    guard s.h.biasCorrection else {
      vHat = v
      guard s.h.centered else { return v }
      m = m.averaged(with: gradient, decay: s.h.beta, lerp: s.h.lerpsMean)
      return v - m * m
    }
    let correction = RMSProp.biasCorrection(s.h, t: s.t)
    vHat = v / correction
    guard s.h.centered else { return vHat }
    m = m.averaged(with: gradient, decay: s.h.beta, lerp: s.h.lerpsMean)
    let mean = m / correction
    return vHat - mean * mean
  }
}
