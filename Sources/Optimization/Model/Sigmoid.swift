import Foundation

/// The logistic function σ(z) = 1 / (1 + e^−z), the notes' neuron activation.
///
/// Written exactly as the notes write it, which IEEE arithmetic already makes safe: for
/// z < −709, e^−z overflows to +∞ and 1/(1 + ∞) is exactly 0, never NaN; for large z,
/// e^−z underflows to 0 and σ is exactly 1. The true σ(−709) ≈ 1.2e−308 is at the edge
/// of the normal numbers anyway. Keeping the textbook form keeps adalab's numbers
/// bit-identical to the notes' own (Python `1/(1+np.exp(-z))`).
@inlinable
public func sigmoid(_ z: Double) -> Double {
  1 / (1 + exp(-z))
}

/// softplus(z) = ln(1 + e^z), computed without overflow.
///
/// Used for the cross-entropy loss: −ln σ(z) = softplus(−z) and −ln(1 − σ(z)) = softplus(z).
@inlinable
public func softplus(_ z: Double) -> Double {
  if z > 0 {
    return z + log1p(exp(-z))
  }
  return log1p(exp(z))
}
