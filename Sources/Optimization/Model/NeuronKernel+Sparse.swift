/// Points one by one, with sparse features: cursors on each sparse column's next non-zero
/// entry, or a binary search when the points come in any order.
extension NeuronKernel {
  /// The gradient summed over `indices`, in their order, into `g` (overwritten). A sparse
  /// feature's value is found by binary search, since the points come in any order.
  func accumulateGradient<Points: Sequence<Int>>(
    at indices: Points, into g: UnsafeMutableBufferPointer<Double>
  ) {
    let d = dimension
    for j in 0...d { g[j] = 0 }
    for i in indices {
      var z = parameters[d]
      for j in 0..<d { z += parameters[j] * value(feature: j, point: i) }
      let slope = loss.slope(z: z, target: targets[i])
      for j in 0..<d { g[j] += slope * value(feature: j, point: i) }
      g[d] += slope
    }
  }

  /// Calls `body(i, zᵢ, cursors)` for every point of `range` in order, where `cursors`
  /// holds, per sparse column, the position of its first entry at a point ≥ i.
  ///
  /// Without sparse features this is the plain row-major loop. With them, each sparse column
  /// keeps a cursor on its next non-zero entry, so a point whose value is zero costs one
  /// compare.
  @inline(__always)
  func forEachPoint(
    in range: Range<Int>, _ body: (Int, Double, UnsafeMutableBufferPointer<Int>) -> Void
  ) {
    let d = dimension
    let sparseCount = sparseStarts.count - 1
    withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, sparseCount)) { cursors in
      for k in 0..<sparseCount {
        cursors[k] = firstPosition(column: k, atOrAfter: range.lowerBound)
      }
      if !hasSparseFeatures {
        for i in range {
          var z = parameters[d]
          let row = i * d
          for j in 0..<d { z += parameters[j] * dense[row + j] }
          body(i, z, cursors)
        }
        return
      }
      let row = denseCount
      for i in range {
        var z = parameters[d]
        for j in 0..<d {
          switch storage[j] {
          case .dense(let k): z += parameters[j] * dense[i * row + k]
          case .sparse(let k):
            let e = cursors[k]
            if e < sparseStarts[k + 1] && sparseIndices[e] == i {
              z += parameters[j] * sparseValues[e]
            }
          }
        }
        body(i, z, cursors)
        for k in 0..<sparseCount {
          let e = cursors[k]
          if e < sparseStarts[k + 1] && sparseIndices[e] == i { cursors[k] = e + 1 }
        }
      }
    }
  }

  /// g += slope·xᵢ, and the bias's slope; `cursors` are those of point i.
  @inline(__always)
  func addSlope(
    _ slope: Double, point i: Int, _ cursors: UnsafeMutableBufferPointer<Int>,
    into g: UnsafeMutableBufferPointer<Double>
  ) {
    let d = dimension
    if !hasSparseFeatures {
      let row = i * d
      for j in 0..<d { g[j] += slope * dense[row + j] }
    } else {
      for j in 0..<d {
        switch storage[j] {
        case .dense(let k): g[j] += slope * dense[i * denseCount + k]
        case .sparse(let k):
          let e = cursors[k]
          if e < sparseStarts[k + 1] && sparseIndices[e] == i {
            g[j] += slope * sparseValues[e]
          }
        }
      }
    }
    g[d] += slope
  }

  /// Feature `j` of point `i`, wherever it is stored.
  @inline(__always)
  private func value(feature j: Int, point i: Int) -> Double {
    switch storage[j] {
    case .dense(let k): return dense[i * denseCount + k]
    case .sparse(let k):
      let e = firstPosition(column: k, atOrAfter: i)
      return e < sparseStarts[k + 1] && sparseIndices[e] == i ? sparseValues[e] : 0
    }
  }

  /// The position of sparse column `k`'s first entry at a point ≥ `i`.
  func firstPosition(column k: Int, atOrAfter i: Int) -> Int {
    var low = sparseStarts[k]
    var high = sparseStarts[k + 1]
    while low < high {
      let middle = (low + high) / 2
      if sparseIndices[middle] < i { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
