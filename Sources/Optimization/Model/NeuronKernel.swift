/// The neuron's inner loops over buffers: no bounds or uniqueness checks, no reference
/// counting, safe to share between the threads of a parallel sum (it only reads, and each
/// thread writes its own slot).
struct NeuronKernel: @unchecked Sendable {
  let loss: LossFunction
  let parameters: UnsafeBufferPointer<Double>
  let dense: UnsafeBufferPointer<Double>
  let denseCount: Int
  let targets: UnsafeBufferPointer<Double>
  let storage: UnsafeBufferPointer<FeatureStorage>
  let sparseStarts: UnsafeBufferPointer<Int>
  let sparseIndices: UnsafeBufferPointer<Int>
  let sparseValues: UnsafeBufferPointer<Double>

  var dimension: Int { storage.count }
  var hasSparseFeatures: Bool { sparseStarts.count > 1 }

  /// Ranges at least this long go through the blocked loops.
  static let blockedMinimum = 64
  /// Points per block of the blocked loops (two blocks of numbers live on the stack).
  static let blockSize = 256

  /// Σ ℓ(zᵢ, yᵢ) over `range`, in order.
  func loss(over range: Range<Int>) -> Double {
    var total = 0.0
    guard range.count >= NeuronKernel.blockedMinimum else {
      forEachPoint(in: range) { i, z, _ in total += loss.value(z: z, target: targets[i]) }
      return total
    }
    inBlocks(of: range) { block, z, _, _ in
      for i in block { total += loss.value(z: z[i - block.lowerBound], target: targets[i]) }
    }
    return total
  }

  /// The gradient summed over `range` into `g` (d + 1 entries, overwritten).
  ///
  /// With `fastExp` (the parallel sums only) the blocked loop evaluates σ with ``fastExp(_:)``,
  /// vectorised, instead of libm's `exp`: within 1 ulp, so the sums move by about 1e-16
  /// relative, and still the same bits on every run and machine.
  func accumulateGradient(
    over range: Range<Int>, into g: UnsafeMutableBufferPointer<Double>, fastExp: Bool = false
  ) {
    let d = dimension
    for j in 0...d { g[j] = 0 }
    guard range.count >= NeuronKernel.blockedMinimum else {
      forEachPoint(in: range) { i, z, sparsePositions in
        let slope = loss.slope(z: z, target: targets[i])
        addSlope(slope, point: i, sparsePositions, into: g)
      }
      return
    }
    withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, denseCount)) { sums in
      for k in 0..<denseCount { sums[k] = 0 }
      var bias = 0.0
      inBlocks(of: range, denseFirst: fastExp) { block, z, slopes, firstEntries in
        let start = block.lowerBound
        if fastExp {
          fastSlopes(of: block, z: z, into: slopes)
          addBlockSums(of: block, slopes: slopes, into: sums, bias: &bias)
        } else {
          for i in block {
            slopes[i - start] = loss.slope(z: z[i - start], target: targets[i])
          }
          // Each sum is its own chain, accumulated point by point in data order as before;
          // the dense features' chains run side by side, the sparse ones over their entries.
          for i in block {
            let slope = slopes[i - start]
            let row = i &* denseCount
            for k in 0..<denseCount { sums[k] += slope * dense[row &+ k] }
            bias += slope
          }
        }
        for j in 0..<d {
          guard case .sparse(let k) = storage[j] else { continue }
          var e = firstEntries[k]
          while e < sparseStarts[k + 1] && sparseIndices[e] < block.upperBound {
            g[j] += slopes[sparseIndices[e] - start] * sparseValues[e]
            e += 1
          }
        }
      }
      for j in 0..<d {
        if case .dense(let k) = storage[j] { g[j] = sums[k] }
      }
      g[d] = bias
    }
  }

}
