/// Every number and switch an update rule reads. Which of them an optimizer uses is
/// ``Setting/applies(to:convention:)``; the rest are kept but ignored.
public struct Hyperparameters: Equatable, Sendable {
  /// η, the base learning rate.
  public var learningRate: Double
  /// β, the single decay of momentum, NAG, RMSProp, AdaDelta and MaxProp.
  public var beta: Double
  /// β₁, the decay of Adam's first moment m.
  public var beta1: Double
  /// β₂, the decay of Adam's second moment v.
  public var beta2: Double
  /// ε, which keeps a denominator away from zero.
  public var epsilon: Double
  /// ε_root, optax's ε under the root; AdaBelief adds it to s at every update.
  public var epsilonRoot: Double
  /// Where ε goes.
  public var epsilonPlacement: EpsilonPlacement
  /// Whether m and v are divided by 1 − βᵗ.
  public var biasCorrection: Bool
  /// What t counts in the bias correction.
  public var biasPower: BiasPower
  /// The value v starts from (Keras and optax start AdaGrad at 0.1).
  public var initialAccumulator: Double
  /// PyTorch AdaGrad's decay: the step uses η/(1 + (t − 1)·decay).
  public var learningRateDecay: Double
  /// λ, AdamW's decoupled weight decay; for PyTorch's other optimizers (SGD, Adagrad,
  /// RMSprop, Adadelta, Adam, Adamax, NAdam, RAdam) the L2 term added to the gradient,
  /// g ← g + λ·w.
  public var weightDecay: Double
  /// Whether PyTorch's Adam, NAdam and RAdam shrink w by 1 − η·λ instead of adding λ·w to g.
  public var decoupledWeightDecay: Bool
  /// d, PyTorch SGD's dampening: from the second update on, the velocity adds (1 − d)·g.
  public var dampening: Double
  /// Whether RMSProp divides by the root of the variance v − ḡ² (ḡ, the running mean of g,
  /// kept in m) rather than of v: `centered` in all three libraries.
  public var centered: Bool
  /// μ, RMSProp's momentum: u ← μ·u + η·g/(√v + ε); w ← w − u (0: no momentum).
  public var momentum: Double
  /// Whether optax's RMSProp steps along its Nesterov look-ahead, η·g/(√v + ε) + μ·u.
  public var nesterov: Bool
  /// ψ, the momentum decay of NAdam's schedule.
  public var momentumDecay: Double
  /// The ρₜ above which RAdam rectifies its step (5 in the libraries, 4 in the paper; optax's
  /// `threshold`, which it compares with ≥).
  public var rectificationThreshold: Double
  /// Whether RAdam's β₂ᵗ in ρₜ is raised by repeated squaring, as optax's integer power
  /// (XLA) does, rather than by `pow`: the two differ in the last bits, and ρₜ's 1 − β₂ᵗ
  /// and the square root of rₜ magnify that to 1e-12 within 30 steps. optax's RMSProp reads
  /// it as optax's arithmetic: βᵗ so raised, and g² rounded before (1 − β) weighs it.
  public var powersBySquaring: Bool
  /// Whether a running mean moves by PyTorch's `lerp_`, m + (1 − β)·(g − m) rounded once
  /// (a fused multiply-add), rather than β·m + (1 − β)·g: the two differ in the last bit,
  /// which shows where m is a small sum of large terms, near an L2 equilibrium. Set for
  /// PyTorch's Adamax m and centered RMSprop's ḡ.
  public var lerpsMean: Bool
  /// Where AMSGrad (and AdamW with `amsgrad_max`) takes its maximum; off elsewhere.
  public var amsgradMaximum: AMSGradMaximum
  /// How NAG looks ahead.
  public var nesterovForm: NesterovForm
  /// Which NAdam.
  public var nadamForm: NAdamForm
  /// How the gradient is clipped before the rule reads it (off by default).
  public var clipping: Clipping = .off
  /// c in Adafactor's β₂ₜ = 1 − tᶜ (−0.8: torch and keras `beta2_decay`, optax −decay_rate).
  public var beta2Decay: Double = -0.8
  /// ε₂, the smallest parameter scale of Adafactor's relative step, max(ε₂, RMS(w)).
  public var epsilon2: Double = 1e-3
  /// d, Adafactor's update clipping threshold: û = u/max(1, RMS(u)/d).
  public var clipThreshold: Double = 1
  /// Whose Adafactor: the library's order of operations and precision (not a setting).
  public var adafactorForm: AdafactorForm = .paper
  /// Where momentum and NAG put η: in the velocity, or at the step (PyTorch's, optax's buffer).
  public var momentumForm: MomentumForm = .velocity

  /// The values shared by every convention before its own defaults are applied.
  static let base = Hyperparameters(
    learningRate: 0.1, beta: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
    epsilonRoot: 0, epsilonPlacement: .outside, biasCorrection: true, biasPower: .update,
    initialAccumulator: 0, learningRateDecay: 0, weightDecay: 0, decoupledWeightDecay: false,
    dampening: 0, centered: false, momentum: 0, nesterov: false, momentumDecay: 0.004,
    rectificationThreshold: 5, powersBySquaring: false, lerpsMean: false, amsgradMaximum: .off,
    nesterovForm: .reformulated, nadamForm: .lecture)
}

extension Hyperparameters {
  /// The hyperparameters a fresh optimizer starts with under a convention: the library's
  /// constructor defaults, and the notes' code listings for `lecture` (each optimizer's
  /// `defaults(for:)` says where they differ).
  ///
  /// optax has no default learning rate (it is a required argument); adalab uses 0.1 there,
  /// as the notes do. Where a library's momentum defaults to 0 (plain SGD), adalab uses 0.9.
  /// MaxProp exists in no library: every convention runs the notes' rule.
  public static func defaults(for optimizer: Optimizer, convention: Convention) -> Hyperparameters {
    optimizer.updateRule.defaults(for: convention)
  }
}
