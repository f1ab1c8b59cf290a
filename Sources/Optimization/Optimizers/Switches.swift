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

/// What t in the bias corrections 1 − βᵗ counts.
public enum BiasPower: String, CaseIterable, Sendable {
  /// The number of updates so far: every library, and the notes' formulas.
  case update
  /// The number of the current epoch (pass over the data), from 1: the notes' Adam listing,
  /// which raises β to i + 1 with i the epoch while it updates once per point.
  case epoch
}

/// Where AMSGrad takes its running maximum.
public enum AMSGradMaximum: String, CaseIterable, Sendable {
  /// v_max ← max(v_max, v) on the raw moment, corrected afterwards (PyTorch, Keras).
  case raw
  /// v_max ← max(v_max, v̂) after bias correction (optax).
  case corrected
}

/// How Nesterov's look-ahead is computed.
public enum NesterovForm: String, CaseIterable, Sendable {
  /// The notes: the gradient is evaluated at the look-ahead point w − β·u.
  case lookahead
  /// The libraries' rewrite: u ← β·u + η·g at w itself; w ← w − (η·g + β·u).
  case reformulated
}

/// Which NAdam.
public enum NAdamForm: String, CaseIterable, Sendable {
  /// The notes: w ← w − η/(√v̂ + ε)·(β₁·m̂ + (1 − β₁)·g/(1 − β₁ᵗ)).
  case lecture
  /// Dozat's momentum schedule μₜ = β₁(1 − ½·0.96^(t·ψ)) with ψ the momentum decay
  /// (PyTorch ψ = 0.004; Keras ψ = 1):
  /// w ← w − η/(√v̂ + ε)·((1 − μₜ)/(1 − Πμ)·g + μₜ₊₁/(1 − Πμ·μₜ₊₁)·m).
  case schedule
  /// optax: m̂ = β₁·m/(1 − β₁ᵗ⁺¹) + (1 − β₁)·g/(1 − β₁ᵗ).
  case optax
}
