/// Whose Adafactor a run follows: the libraries agree on the rule and differ in the order
/// and the precision of its operations, which a conformance test at 1e-12 sees. Not a
/// setting: each convention's defaults pick it (``Adafactor/defaults(for:)``).
public enum AdafactorForm: String, CaseIterable, Sendable {
  /// Shazeer & Stern (2018), Algorithm 4 for a vector, in float64: v ← β₂ₜ·v + (1 − β₂ₜ)·(g² + ε₁).
  case paper
  /// `torch.optim.Adafactor`: v.lerp(g², tᶜ) (fused), 1/√max(v, ε₁²), w + (−α/d_t)·u fused.
  case pytorch
  /// `keras.optimizers.Adafactor`: the paper's operations, but both RMS means in float32.
  case keras
  /// `optax.adafactor`: β₂ₜ in float32, u clipped, ·η, ·scale, momentum, + λ·w, then −1.
  case optax
}
