/// The loss of one point, as a function of the neuron's pre-activation z = w·x + b.
///
/// The notes use the squared error; cross-entropy is offered because it removes the
/// f(1 − f) factor that makes the squared error's plateaus so flat.
public enum LossFunction: String, CaseIterable, Sendable {
  /// ℓ = ½(f − y)², so ∂ℓ/∂z = (f − y)·f·(1 − f): the notes' gradient.
  case squared
  /// ℓ = −[y ln f + (1 − y) ln(1 − f)], so ∂ℓ/∂z = f − y.
  case crossEntropy = "cross_entropy"

  /// The loss of one point with pre-activation `z` and target `y`.
  @inlinable
  public func value(z: Double, target y: Double) -> Double {
    switch self {
    case .squared:
      let error = sigmoid(z) - y
      return 0.5 * error * error
    case .crossEntropy:
      // −ln f = softplus(−z), −ln(1 − f) = softplus(z): finite for every finite z.
      return y * softplus(-z) + (1 - y) * softplus(z)
    }
  }

  /// ∂ℓ/∂z for one point; multiply by xⱼ for ∂ℓ/∂wⱼ, by 1 for ∂ℓ/∂b.
  @inlinable
  public func slope(z: Double, target y: Double) -> Double {
    let f = sigmoid(z)
    switch self {
    case .squared: return (f - y) * f * (1 - f)
    case .crossEntropy: return f - y
    }
  }
}
