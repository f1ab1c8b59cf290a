/// The blocked loops: a block of points at a time, z for the whole block first, then the
/// slopes, then the sums; and the fast-exp variant the parallel sums use.
extension NeuronKernel {
  /// ∂ℓ/∂z at the block's points into `slopes`, with σ(z) = 1/(1 + e⁻ᶻ) and e⁻ᶻ from
  /// ``fastExp(_:)``: straight-line arithmetic the compiler vectorises, one division a point.
  @inline(__always)
  func fastSlopes(
    of block: Range<Int>, z: UnsafeMutableBufferPointer<Double>,
    into slopes: UnsafeMutableBufferPointer<Double>
  ) {
    let start = block.lowerBound
    let count = block.count
    for i in 0..<count { slopes[i] = fastExp(-z[i]) }
    switch loss {
    case .squared:
      for i in 0..<count {
        let f = 1 / (1 + slopes[i])
        slopes[i] = (f - targets[start &+ i]) * f * (1 - f)
      }
    case .crossEntropy:
      for i in 0..<count { slopes[i] = 1 / (1 + slopes[i]) - targets[start &+ i] }
    }
  }

  /// Adds the block's Σ slopeᵢ·xᵢₖ to `sums[k]` for the dense features and Σ slopeᵢ to `bias`,
  /// each through four partial sums (points i ≡ 0, 1, 2, 3 mod 4) added as (s₀ + s₁) + (s₂ + s₃):
  /// four independent chains instead of one, in an order fixed by the block alone.
  @inline(__always)
  func addBlockSums(
    of block: Range<Int>, slopes: UnsafeMutableBufferPointer<Double>,
    into sums: UnsafeMutableBufferPointer<Double>, bias: inout Double
  ) {
    let count = block.count
    let whole = count & ~3
    for k in 0..<denseCount {
      let x = dense.baseAddress! + (block.lowerBound &* denseCount &+ k)
      let step = denseCount
      var s0 = 0.0
      var s1 = 0.0
      var s2 = 0.0
      var s3 = 0.0
      var i = 0
      while i < whole {
        s0 += slopes[i] * x[i &* step]
        s1 += slopes[i &+ 1] * x[(i &+ 1) &* step]
        s2 += slopes[i &+ 2] * x[(i &+ 2) &* step]
        s3 += slopes[i &+ 3] * x[(i &+ 3) &* step]
        i &+= 4
      }
      while i < count {
        s0 += slopes[i] * x[i &* step]
        i &+= 1
      }
      sums[k] += (s0 + s1) + (s2 + s3)
    }
    var s0 = 0.0
    var s1 = 0.0
    var s2 = 0.0
    var s3 = 0.0
    var i = 0
    while i < whole {
      s0 += slopes[i]
      s1 += slopes[i &+ 1]
      s2 += slopes[i &+ 2]
      s3 += slopes[i &+ 3]
      i &+= 4
    }
    while i < count {
      s0 += slopes[i]
      i &+= 1
    }
    bias += (s0 + s1) + (s2 + s3)
  }

  /// z[i] = b + Σₖ wₖ·x₍start+i₎ₖ over the dense columns k in order, four points at a time so
  /// that four independent sums are in flight.
  @inline(__always)
  private func denseTerms(
    of block: Range<Int>, bias b: Double, weights: UnsafeMutablePointer<Double>,
    into z: UnsafeMutableBufferPointer<Double>
  ) {
    let count = block.count
    let step = denseCount
    let rows = dense.baseAddress! + block.lowerBound &* step
    var i = 0
    while i &+ 4 <= count {
      let row = rows + i &* step
      var s0 = b
      var s1 = b
      var s2 = b
      var s3 = b
      for k in 0..<step {
        let w = weights[k]
        s0 += w * row[k]
        s1 += w * row[step &+ k]
        s2 += w * row[2 &* step &+ k]
        s3 += w * row[3 &* step &+ k]
      }
      z[i] = s0
      z[i &+ 1] = s1
      z[i &+ 2] = s2
      z[i &+ 3] = s3
      i &+= 4
    }
    while i < count {
      let row = rows + i &* step
      var sum = b
      for k in 0..<step { sum += weights[k] * row[k] }
      z[i] = sum
      i &+= 1
    }
  }

  /// Calls `body(block, z, slopes, firstEntries)` for consecutive blocks of `range`, with
  /// `z[i − block.lowerBound]` = zᵢ for the block's points, scratch room for their slopes,
  /// and per sparse column the position of its first entry in the block.
  ///
  /// zᵢ = b + w₁xᵢ₁ + … is built one feature at a time over the whole block: every zᵢ still
  /// adds its terms in feature order, so the bits are those of the point-by-point loop, but
  /// the loop over points has no dependency between iterations (the compiler vectorises it),
  /// and the exp calls that follow run back to back instead of between dependent sums.
  ///
  /// With `denseFirst` (the fast-exp path, which need not match the plain loop's bits) each zᵢ
  /// is instead b + (its dense terms, in column order) + (its sparse terms), the dense part
  /// in one pass over the row held in a register rather than one pass over z per feature.
  @inline(__always)
  func inBlocks(
    of range: Range<Int>, denseFirst: Bool = false,
    _ body: (
      Range<Int>, UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>,
      UnsafeMutableBufferPointer<Int>
    ) -> Void
  ) {
    let d = dimension
    let size = NeuronKernel.blockSize
    let sparseCount = sparseStarts.count - 1
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * size + denseCount) { scratch in
      let z = UnsafeMutableBufferPointer(rebasing: scratch[0..<size])
      let slopes = UnsafeMutableBufferPointer(rebasing: scratch[size..<(2 * size)])
      let denseWeights = scratch.baseAddress! + 2 * size
      for j in 0..<d {
        if case .dense(let k) = storage[j] { denseWeights[k] = parameters[j] }
      }
      withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, sparseCount)) { cursors in
        for k in 0..<sparseCount {
          cursors[k] = firstPosition(column: k, atOrAfter: range.lowerBound)
        }
        var start = range.lowerBound
        while start < range.upperBound {
          let block = start..<min(start + size, range.upperBound)
          let b = parameters[d]
          if denseFirst {
            denseTerms(of: block, bias: b, weights: denseWeights, into: z)
          } else {
            for i in 0..<block.count { z[i] = b }
          }
          for j in 0..<d {
            let w = parameters[j]
            switch storage[j] {
            case .dense(let k):
              if denseFirst { continue }
              for i in block { z[i &- start] += w * dense[i &* denseCount &+ k] }
            case .sparse(let k):
              var e = cursors[k]
              while e < sparseStarts[k + 1] && sparseIndices[e] < block.upperBound {
                z[sparseIndices[e] &- start] += w * sparseValues[e]
                e += 1
              }
            }
          }
          body(block, z, slopes, cursors)
          for k in 0..<sparseCount {
            var e = cursors[k]
            while e < sparseStarts[k + 1] && sparseIndices[e] < block.upperBound { e += 1 }
            cursors[k] = e
          }
          start = block.upperBound
        }
      }
    }
  }

}
