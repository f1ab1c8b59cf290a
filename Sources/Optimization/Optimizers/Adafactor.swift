#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Adafactor (Shazeer & Stern 2018): RMSProp with a decay that changes every step, a step
/// size relative to the parameter's own size, and the update clipped by its RMS.
///
///     β₂ₜ = 1 − tᶜ   (c = −0.8: β₂₁ = 0, β₂₂ = 0.43, β₂₁₀ = 0.84, β₂₁₀₀ = 0.97, → 1)
///     v ← β₂ₜ·v + (1 − β₂ₜ)·(g² + ε₁)
///     u = g/√v;   d_t = max(1, RMS(u)/d);   û = u/d_t
///     ρₜ = min(η, 1/√t);   α = max(ε₂, RMS(w))·ρₜ
///     w ← w − α·û
///
/// RMS(x) = √(mean of x²) over a whole tensor: the weights w are one tensor, the bias b
/// another, so d_t and the scale are shared by the weights and separate for the bias. This
/// is why Adafactor takes its updates a tensor at a time (``takeUpdates(_:of:)``) rather
/// than a coordinate at a time.
///
/// β₂ₜ starts at 0 (v₁ = g₁² + ε₁, the first step is ±α) and rises towards 1: v averages
/// over roughly the last t^0.8 gradients, so it never has a bias to correct. The paper's
/// memory saving, a second moment of a matrix factored into its row and column sums, exists
/// only for tensors of rank 2 and more: every library keeps a vector's v whole, and adalab's
/// w is a vector, so v here is never factored (in any convention).
///
/// PyTorch: η = 0.01, ε₁ = machine ε as a floor max(v, ε₁²) instead of a term, and the
/// step w + (−α/d_t)·u; weight decay multiplies w by 1 − η·λ first. Keras: η = 0.001, the
/// paper's operations with both RMS means in float32 (its `ops.mean` computes float64 in
/// float32). optax: no relative step (learning_rate=None is η = 1 and there is no 1/√t),
/// β₂ₜ in float32, the update ·η·scale (scale = RMS(w), or ε₂ when RMS(w) ≤ ε₂), then
/// optional momentum m ← (1 − β₁)·x + β₁·m and decay x + λ·w (not scaled by η). Lecture is
/// the paper's Algorithm 4 with its ρₜ = min(10⁻², 1/√t). ε₂ = 10⁻³ everywhere (optax's is
/// fixed).
enum Adafactor: UpdateRule {
  static let optimizer = Optimizer.adafactor
  static let summary =
    "rmsprop with beta2_t = 1 - t^c, a step relative to rms(w), and the update clipped by rms"
  static let sharedNumbers: StepContext.Numbers = []

  static let rule = [
    "β₂ₜ = 1 − tᶜ", "v ← β₂ₜ·v + (1 − β₂ₜ)·(g² + ε₁)", "u = g/√v, d_t = max(1, RMS(u)/d)",
    "α = max(ε₂, RMS(w))·min(η, 1/√t), w ← w − α·u/d_t",
    "v is never factored: the libraries factor matrices only, and w is a vector",
    "no bias correction: the decay itself grows from 0; each step is relative to |w|",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.01, pytorch: 0.01, keras: 1e-3, optax: 1)
    h.epsilon = convention == .pytorch ? Double.ulpOfOne : 1e-30
    h.beta1 = 0
    h.biasCorrection = false
    h.adafactorForm = convention.pick(
      lecture: .paper, pytorch: .pytorch, keras: .keras, optax: .optax)
    return h
  }

  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    switch (setting, convention) {
    case (.beta1, .optax): return nil
    case (.beta1, _):
      return "\(convention.library)'s Adafactor has no momentum; use adafactor:optax (momentum)"
    case (.weightDecay, .keras):
      return "keras's Adafactor has no decay of its own (its base class's weight_decay shrinks "
        + "w before the step); use adafactor:pytorch or adafactor:optax"
    case (.epsilon2, .optax):
      return "optax.adafactor fixes eps2 at 1e-3 (scale_by_param_block_rms's min_scale is not "
        + "among its arguments); use adafactor:pytorch, adafactor:keras or adafactor:lecture"
    case (.weightDecay, .lecture):
      return "the paper's Algorithm 4 has no weight decay; use adafactor:pytorch or adafactor:optax"
    default: return nil
    }
  }

  static let settings: Set<Setting> = [
    .eta, .beta1, .epsilon, .weightDecay, .beta2Decay, .epsilon2, .clipThreshold,
  ]
  static let epsilonPlacements: [EpsilonPlacement] = []
  static let quantities: Set<Quantity> = [
    .vW, .vB, .mW, .mB, .mHatW, .mHatB, .beta2T, .scaleW, .scaleB, .clipW, .clipB,
  ]

  static let meanings: [(Quantity, String)] = [
    (
      .vW,
      "v, never factored: the libraries factor only matrices, and w is a vector; pytorch "
        + "floors v at ε₁² (ε₁ = machine ε) instead of adding ε₁ to g²"
    ),
    (.beta2T, "1 − tᶜ: 0 at t = 1 (v = g²), then rising towards 1 (optax: in float32)"),
    (.mHatW, "û = u/clip_w, the clipped update: RMS(û) ≤ d"),
    (.clipW, "max(1, RMS(u)/d), one number for all of w (b has its own)"),
    (
      .scaleW,
      "max(ε₂, RMS(w)), one number for all of w (keras: the mean in float32)"
    ),
    (
      .lrW,
      "α = scale_w·ρₜ, ρₜ = min(η, 1/√t); optax: η·scale_w with no 1/√t "
        + "(its learning_rate=None is η = 1)"
    ),
    (.mW, "optax's momentum of the scaled update (β₁ = 0: off; the others have none)"),
  ]

  /// The update of one tensor of one coordinate (the bias, or w with one feature): a run
  /// updates whole tensors (``update(_:_:)``).
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    withUnsafeMutablePointer(to: &c) { update(UnsafeMutableBufferPointer(start: $0, count: 1), s) }
  }

  /// A run takes its updates one general update after another, each a tensor at a time
  /// (``updateCoordinates(_:into:_:)``): never the tight per-point loop, which applies a rule
  /// one coordinate at a time.
  static func takeUpdates(_ count: Int, of run: inout Run) -> (taken: Int, divergence: Divergence?)
  {
    run.takeGeneralUpdates(count, Self.self)
  }
}

extension Convention {
  /// The library's name, as messages print it.
  var library: String {
    pick(lecture: "the paper", pytorch: "pytorch", keras: "keras", optax: "optax")
  }
}
