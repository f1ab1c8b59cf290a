extension Optimizer {
  /// The update rule as the notes write it, one line per equation (g is the gradient,
  /// t counts updates from 1), followed by the one-line reason it exists.
  public var rule: [String] {
    switch self {
    case .gd: return ["w ← w − η·g", "every parameter moves at the same rate η"]
    case .momentum:
      return ["u ← β·u + η·g", "w ← w − u", "history carries the step across flat regions"]
    case .nag:
      return [
        "g at the look-ahead point w − β·u", "u ← β·u + η·g", "w ← w − u",
        "correct the course before overshooting",
      ]
    case .adagrad:
      return [
        "v ← v + g²", "w ← w − η/(√v + ε)·g",
        "a sparse feature's weight keeps a high rate while frequent ones decay",
      ]
    case .rmsprop:
      return [
        "v ← β·v + (1 − β)·g²", "w ← w − η/(√v + ε)·g",
        "old gradients fade, so the rate stops collapsing (weights 0.1, 0.09, 0.081, …)",
      ]
    case .adadelta:
      return [
        "v ← β·v + (1 − β)·g²", "Δ ← √(u + ε)/√(v + ε)·g", "w ← w − Δ",
        "u ← β·u + (1 − β)·Δ²", "no η: the numerator is the history of past updates",
      ]
    case .adam:
      return [
        "m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²", "m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)",
        "w ← w − η/(√v̂ + ε)·m̂",
        "bias correction undoes the zero start: without it the first rates are huge (316.22)",
      ]
    case .adamax:
      return [
        "m ← β₁·m + (1 − β₁)·g", "v ← max(β₂·v, |g|)", "w ← w − η/(v + ε)·m/(1 − β₁ᵗ)",
        "the L∞ norm is the limit of L^p, without its overflow",
      ]
    case .maxprop:
      return [
        "v ← max(β·v, |g|)", "w ← w − η/(v + ε)·g", "RMSProp with the L∞ norm",
      ]
    case .nadam:
      return [
        "m, v, m̂, v̂ as Adam", "w ← w − η/(√v̂ + ε)·(β₁·m̂ + (1 − β₁)·g/(1 − β₁ᵗ))",
        "Adam with Nesterov's look-ahead on the moment",
      ]
    case .amsgrad:
      return [
        "m, v as Adam; v_max ← max(v_max, v)", "w ← w − η/(√(v_max/(1 − β₂ᵗ)) + ε)·m̂",
        "the denominator never shrinks, so the rate never grows",
      ]
    case .adamw:
      return [
        "w ← w·(1 − η·λ)", "then the Adam step",
        "weight decay decoupled from the adaptive denominator",
      ]
    }
  }
}
