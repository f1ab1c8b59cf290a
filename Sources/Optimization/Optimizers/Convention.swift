/// Whose version of an optimizer to run.
///
/// The libraries agree on the ideas and differ in details that change the numbers: where ε
/// goes, what the accumulator starts at, how bias correction is folded in, the defaults.
/// A convention is a named bundle of those switches (see ``Hyperparameters``); each switch
/// can then be flipped alone.
public enum Convention: String, CaseIterable, Sendable {
  /// The lecture notes' formulas and code listings.
  case lecture
  /// `torch.optim` (PyTorch 2.x).
  case pytorch
  /// `keras.optimizers` (Keras 3).
  case keras
  /// `optax` (0.2.x).
  case optax
}

extension Convention {
  /// The value for this convention: one row of an optimizer's table of defaults.
  func pick<Value>(lecture: Value, pytorch: Value, keras: Value, optax: Value) -> Value {
    switch self {
    case .lecture: return lecture
    case .pytorch: return pytorch
    case .keras: return keras
    case .optax: return optax
    }
  }
}
