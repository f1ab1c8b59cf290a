@testable import Optimization

extension QuantityValue {
  /// The number of a scalar value, nil for a vector: `try #require(value.scalar)` fails the
  /// test when a value's shape changes, where `guard case … else { return }` passed silently.
  var scalar: Double? {
    guard case .scalar(let x) = self else { return nil }
    return x
  }

  /// The numbers of a vector value, nil for a scalar.
  var vector: [Double]? {
    guard case .vector(let xs) = self else { return nil }
    return xs
  }
}
