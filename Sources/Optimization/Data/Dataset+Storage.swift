/// Where one feature of a ``Dataset`` is kept.
enum FeatureStorage: Equatable, Sendable {
  /// Column `k` of the row-major dense block.
  case dense(Int)
  /// Sparse column `k`: only the non-zero entries.
  case sparse(Int)
}

/// The non-zero entries of the mostly-zero features, every column in one pair of arrays
/// (so the neuron's loop holds three buffers however many sparse features there are).
struct SparseColumns: Equatable, Sendable {
  /// Column k's entries are `starts[k] ..< starts[k + 1]`.
  var starts: [Int] = [0]
  /// The points whose value is not zero, increasing within each column.
  var indices: [Int] = []
  /// Their values.
  var values: [Double] = []

  /// The number of sparse columns.
  var count: Int { starts.count - 1 }

  /// The positions of column `k`'s entries.
  func entries(ofColumn k: Int) -> Range<Int> { starts[k]..<starts[k + 1] }

  /// Column `k`'s value at point `i` (0 when it is not listed), by binary search.
  func value(column k: Int, point i: Int) -> Double {
    let position = firstPosition(column: k, atOrAfter: i)
    return position < starts[k + 1] && indices[position] == i ? values[position] : 0
  }

  /// The position of column `k`'s first entry at a point ≥ `i`.
  func firstPosition(column k: Int, atOrAfter i: Int) -> Int {
    var low = starts[k]
    var high = starts[k + 1]
    while low < high {
      let middle = (low + high) / 2
      if indices[middle] < i { low = middle + 1 } else { high = middle }
    }
    return low
  }
}

extension Dataset {
  /// A feature is stored sparsely when at most this fraction of its values is non-zero.
  ///
  /// An entry kept sparsely costs an index and a value instead of a value, and a compare in
  /// the neuron's loop; below a quarter the zeros it skips more than pay for that.
  static let sparseDensityLimit = 0.25

  /// Splits row-major `features` into dense and sparse storage, feature by feature.
  ///
  /// Skipping a zero feature is exact: its term w·0 in z = b + Σ wⱼxⱼ and slope·0 in a
  /// gradient sum add a zero, which leaves every finite sum unchanged (at most the sign of
  /// a zero sum differs, and σ(+0) = σ(−0)).
  static func layOut(_ features: [Double], dimension d: Int)
    -> (storage: [FeatureStorage], dense: [Double], denseCount: Int, sparse: SparseColumns)
  {
    let n = d == 0 ? 0 : features.count / d
    var storage: [FeatureStorage] = []
    var sparse = SparseColumns()
    var denseFeatures: [Int] = []
    for j in 0..<d {
      var nonZero = 0
      for i in 0..<n where features[i * d + j] != 0 { nonZero += 1 }
      if n > 0 && Double(nonZero) <= sparseDensityLimit * Double(n) {
        storage.append(.sparse(sparse.count))
        for i in 0..<n where features[i * d + j] != 0 {
          sparse.indices.append(i)
          sparse.values.append(features[i * d + j])
        }
        sparse.starts.append(sparse.indices.count)
      } else {
        storage.append(.dense(denseFeatures.count))
        denseFeatures.append(j)
      }
    }
    if denseFeatures.count == d { return (storage, features, d, sparse) }
    var dense: [Double] = []
    dense.reserveCapacity(n * denseFeatures.count)
    for i in 0..<n {
      for j in denseFeatures { dense.append(features[i * d + j]) }
    }
    return (storage, dense, denseFeatures.count, sparse)
  }
}
