/// Where ε enters the denominator of an adaptive rate.
public enum EpsilonPlacement: String, CaseIterable, Sendable {
  /// η/(√v + ε): PyTorch, the notes' code.
  case outside
  /// η/√(v + ε): Keras and optax for AdaGrad and RMSProp; optax's `eps_root` for Adam.
  case inside
  /// Keras's "ε-hat" Adam: ε is added to the root of the raw v, with the bias correction
  /// folded into the step size: αₜ = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ); w ← w − αₜ·m/(√v + ε).
  case hat
  /// AdaMax in PyTorch and optax: ε joins the max, v ← max(β₂·v, |g| + ε); w ← w − η·m̂/v.
  case max
}
