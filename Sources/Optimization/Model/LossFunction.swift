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

extension LossFunction {
  /// Cross-entropy reads each target as a probability: a target outside [0, 1] makes the loss
  /// meaningless (and negative or unbounded), so it is refused, naming the first one.
  public func checkTargets(of dataset: Dataset) throws(SettingError) {
    guard self == .crossEntropy,
      let i = dataset.targets.firstIndex(where: { !($0 >= 0 && $0 <= 1) })
    else { return }
    throw SettingError(
      "cross_entropy needs targets in [0, 1], found \(dataset.targetName) = \(dataset.targets[i]) at point \(i + 1) of \(dataset.name)"
    )
  }
}
