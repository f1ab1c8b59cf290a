/// The optimizers adalab can step, in the order the notes build them up.
///
/// Every rule is elementwise: each weight wⱼ and the bias b keep their own state and their
/// own effective learning rate. g is the gradient of the step, t counts updates from 1.
public enum Optimizer: String, CaseIterable, Sendable {
  /// Plain gradient descent: w ← w − η·g. Every parameter moves at the same rate η, so a
  /// weight whose feature is rarely non-zero (a sparse feature) barely moves at all.
  case gd
  /// Momentum: u ← β·u + η·g; w ← w − u. History carries the step across flat regions.
  case momentum
  /// Nesterov accelerated gradient: the gradient is taken at the look-ahead w − β·u.
  case nag
  /// AdaGrad: v ← v + g²; w ← w − η/(√v + ε)·g. The rate decays with the update history,
  /// so a sparse feature's weight keeps a high rate while b's decays fast.
  case adagrad
  /// RMSProp: v ← β·v + (1 − β)·g²; w ← w − η/(√v + ε)·g. A decaying average keeps the
  /// denominator from growing without bound, so the rate can rise again.
  case rmsprop
  /// AdaDelta: v ← β·v + (1 − β)·g²; Δ ← √(u + ε)/√(v + ε)·g; w ← w − Δ;
  /// u ← β·u + (1 − β)·Δ². No learning rate: the numerator is a history of past updates.
  case adadelta
  /// Adam: m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²; m̂ = m/(1 − β₁ᵗ);
  /// v̂ = v/(1 − β₂ᵗ); w ← w − η/(√v̂ + ε)·m̂. The bias correction undoes the zero start.
  case adam
  /// AdaMax: Adam with the L∞ norm: v ← max(β₂·v, |g|); w ← w − η/(v + ε)·m̂.
  case adamax
  /// MaxProp: RMSProp with the L∞ norm and no moment: v ← max(β·v, |g|);
  /// w ← w − η/(v + ε)·g.
  case maxprop
  /// NAdam: Adam with a Nesterov look-ahead on the first moment:
  /// w ← w − η/(√v̂ + ε)·(β₁·m̂ + (1 − β₁)·g/(1 − β₁ᵗ)).
  case nadam
  /// AMSGrad: Adam whose denominator never shrinks: v_max ← max(v_max, v).
  case amsgrad
  /// AdamW: Adam with decoupled weight decay: w ← w·(1 − η·λ) before the Adam step.
  case adamw

  /// Optimizers that keep Adam's first moment m and its bias correction.
  public var isAdamFamily: Bool {
    switch self {
    case .adam, .adamax, .nadam, .amsgrad, .adamw: return true
    default: return false
    }
  }
}
