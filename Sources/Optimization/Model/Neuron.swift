/// The notes' neuron f(x) = σ(w·x + b) on a data set, with a loss summed over points.
///
/// For the squared error L = Σᵢ ½(f(xᵢ) − yᵢ)² the gradient is
/// ∂L/∂wⱼ = Σᵢ (fᵢ − yᵢ)·fᵢ·(1 − fᵢ)·xᵢⱼ and ∂L/∂b = Σᵢ (fᵢ − yᵢ)·fᵢ·(1 − fᵢ): a weight
/// whose feature is zero for most points gets a zero contribution from most points.
/// Parameters are laid out as θ = (w₁, …, w_d, b).
struct Neuron {
  let dataset: Dataset
  let loss: LossFunction

  /// The pre-activation z = w·x + b of point `i`.
  @inline(__always)
  func preActivation(
    _ parameters: UnsafeBufferPointer<Double>, _ features: UnsafeBufferPointer<Double>, _ i: Int
  ) -> Double {
    let d = dataset.dimension
    var z = parameters[d]
    let row = i * d
    for j in 0..<d { z += parameters[j] * features[row + j] }
    return z
  }

  /// The loss summed over every point at `parameters`.
  func totalLoss(at parameters: [Double]) -> Double {
    parameters.withUnsafeBufferPointer { p in
      dataset.features.withUnsafeBufferPointer { x in
        var total = 0.0
        for i in 0..<dataset.count {
          total += loss.value(z: preActivation(p, x, i), target: dataset.targets[i])
        }
        return total
      }
    }
  }

  /// Writes into `gradient` the gradient at `parameters` summed over the points `indices`
  /// yields.
  func gradient<Points: Sequence<Int>>(
    at parameters: [Double], over indices: Points, into gradient: inout [Double]
  ) {
    let d = dataset.dimension
    parameters.withUnsafeBufferPointer { p in
      dataset.features.withUnsafeBufferPointer { x in
        dataset.targets.withUnsafeBufferPointer { y in
          gradient.withUnsafeMutableBufferPointer { g in
            for j in 0...d { g[j] = 0 }
            for i in indices {
              let slope = loss.slope(z: preActivation(p, x, i), target: y[i])
              let row = i * d
              for j in 0..<d { g[j] += slope * x[row + j] }
              g[d] += slope
            }
          }
        }
      }
    }
  }
}
