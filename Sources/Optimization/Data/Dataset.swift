/// A table of points (x, y): `count` rows of `dimension` features and one target each.
///
/// The features are stored column by column as the data suggest, a choice made once at
/// construction: a feature that is zero for most points (the notes' sparse x2) keeps only
/// its non-zero entries as (index, value) pairs, so the neuron spends nothing on its zeros;
/// the other features stay row-major in one flat array. `features` rebuilds the full
/// row-major table on request. The target of a sigmoid neuron lives in [0, 1] for the
/// squared error to make sense, but any finite number is accepted.
public struct Dataset: Equatable, Sendable {
  /// How the user refers to the data: `toy`, `sparse`, or a file name.
  public var name: String
  /// One name per feature column (`x1`, `x2`, ... for generated data).
  public var featureNames: [String]
  /// The name of the target column.
  public var targetName: String
  /// The words after `load` that rebuild this data set (`sparse n=200 density=0.05 seed=1`).
  public var recipe: String
  /// The file the points were read from, as the shell opened it (relative to the current
  /// folder, or absolute); nil for the built-in and generated sets.
  public var file: String?
  /// Where each feature lives, in feature order.
  private(set) var storage: [FeatureStorage]
  /// Row-major values of the dense features: `count × denseCount` numbers.
  private(set) var denseValues: [Double]
  /// The number of features stored densely.
  private(set) var denseCount: Int
  /// The features stored sparsely.
  private(set) var sparseColumns: SparseColumns
  /// One target per point.
  public private(set) var targets: [Double]

  /// The number of points, n.
  public var count: Int { targets.count }
  /// The number of features, d: the length of w.
  public var dimension: Int { featureNames.count }

  /// Row-major features, `count × dimension` numbers (rebuilt from the storage: O(n·d)).
  public var features: [Double] {
    var table = [Double](repeating: 0, count: count * dimension)
    for i in 0..<count {
      for j in 0..<dimension { table[i * dimension + j] = denseValue(feature: j, point: i) }
    }
    for (j, place) in storage.enumerated() {
      guard case .sparse(let k) = place else { continue }
      for e in sparseColumns.entries(ofColumn: k) {
        table[sparseColumns.indices[e] * dimension + j] = sparseColumns.values[e]
      }
    }
    return table
  }

  /// Builds a data set from rows of features; every row must have one entry per feature name.
  public init(
    name: String, featureNames: [String], targetName: String = "y",
    rows: [[Double]], targets: [Double]
  ) {
    precondition(rows.count == targets.count, "one target per row")
    precondition(rows.allSatisfy { $0.count == featureNames.count }, "ragged rows")
    self.init(
      name: name, featureNames: featureNames, targetName: targetName,
      flatFeatures: rows.flatMap { $0 }, targets: targets)
  }

  /// Builds a data set from already flattened row-major features.
  public init(
    name: String, featureNames: [String], targetName: String = "y",
    flatFeatures: [Double], targets: [Double]
  ) {
    precondition(flatFeatures.count == targets.count * featureNames.count, "ragged features")
    self.name = name
    self.featureNames = featureNames
    self.targetName = targetName
    self.recipe = name
    self.targets = targets
    (storage, denseValues, denseCount, sparseColumns) = Dataset.layOut(
      flatFeatures, dimension: featureNames.count)
  }

  /// The features of point `i`.
  public func point(_ i: Int) -> ArraySlice<Double> {
    var row = [Double](repeating: 0, count: dimension)
    for j in 0..<dimension { row[j] = value(feature: j, point: i) }
    return row[...]
  }

  /// Feature `j` of point `i`, wherever it is stored.
  func value(feature j: Int, point i: Int) -> Double {
    switch storage[j] {
    case .dense: return denseValue(feature: j, point: i)
    case .sparse(let k): return sparseColumns.value(column: k, point: i)
    }
  }

  private func denseValue(feature j: Int, point i: Int) -> Double {
    guard case .dense(let k) = storage[j] else { return 0 }
    return denseValues[i * denseCount + k]
  }

  /// The fraction of points whose feature `j` (0-based) is not zero.
  public func density(ofFeature j: Int) -> Double {
    guard count > 0 else { return 0 }
    var nonZero = 0
    switch storage[j] {
    case .sparse(let k): nonZero = sparseColumns.entries(ofColumn: k).count
    case .dense: for i in 0..<count where denseValue(feature: j, point: i) != 0 { nonZero += 1 }
    }
    return Double(nonZero) / Double(count)
  }
}
