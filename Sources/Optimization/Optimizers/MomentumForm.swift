/// How momentum and NAG keep their history of gradients, and where η enters.
///
/// The notes and Keras keep the velocity with η inside it, uₜ = β·uₜ₋₁ + ηₜ·gₜ and
/// wₜ₊₁ = wₜ − uₜ (Keras's m is −u). PyTorch and optax keep a buffer in gradient units,
/// bₜ = β·bₜ₋₁ + gₜ, and apply the rate at the step, wₜ₊₁ = wₜ − ηₜ·bₜ. While η is
/// constant the two are the same walk (u = η·b); once η changes (a schedule, a mid-run
/// `set eta`) the buffer's past gradients are stepped at the new ηₜ, the velocity's at the
/// η of their own update, and the runs part.
public enum MomentumForm: Equatable, Sendable {
  /// The notes' and Keras's velocity u = β·u + η·g; w ← w − u.
  case velocity
  /// PyTorch's `momentum_buffer` (torch/optim/sgd.py, `_single_tensor_sgd`):
  /// b ← β·b + (1 − d)·g (b ← g at the first update), w ← w − η·b, or with `nesterov`
  /// w ← w − η·(g + β·b). Each `add_(x, alpha=a)` is rounded once (a fused multiply-add).
  case pytorchBuffer
  /// optax's `trace` then `scale_by_learning_rate` (optax/_src/transform.py, alias.py):
  /// t ← g + β·t, with `nesterov` the update g + β·t, then −η times it added to w; every
  /// product and sum rounded on its own.
  case optaxTrace

  /// The form `convention`'s SGD keeps.
  static func of(_ convention: Convention) -> MomentumForm {
    switch convention {
    case .pytorch: return .pytorchBuffer
    case .optax: return .optaxTrace
    case .lecture, .keras: return .velocity
    }
  }
}

extension Hyperparameters {
  /// What adalab's u is a library's momentum buffer b times: η while u is the notes'
  /// velocity (u = η·b), 1 where u is the buffer itself. `diagnose` divides by it to read a
  /// `momentum_buffer` column.
  public var velocityPerBuffer: Double {
    momentumForm == .velocity ? learningRate : 1
  }
}
