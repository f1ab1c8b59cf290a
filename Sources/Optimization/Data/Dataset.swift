/// A table of points (x, y): `count` rows of `dimension` features and one target each.
///
/// Features are stored row-major in one flat array, so the point i is
/// `features[i * dimension ..< (i + 1) * dimension]`. The target of a sigmoid neuron lives in
/// [0, 1] for the squared error to make sense, but any finite number is accepted.
public struct Dataset: Equatable, Sendable {
  /// How the user refers to the data: `toy`, `sparse`, or a file name.
  public var name: String
  /// One name per feature column (`x1`, `x2`, ... for generated data).
  public var featureNames: [String]
  /// The name of the target column.
  public var targetName: String
  /// The words after `load` that rebuild this data set (`sparse n=200 density=0.05 seed=1`).
  public var recipe: String
  /// Row-major features, `count × dimension` numbers.
  public private(set) var features: [Double]
  /// One target per point.
  public private(set) var targets: [Double]

  /// The number of points, n.
  public var count: Int { targets.count }
  /// The number of features, d: the length of w.
  public var dimension: Int { featureNames.count }

  /// Builds a data set from rows of features; every row must have one entry per feature name.
  public init(
    name: String, featureNames: [String], targetName: String = "y",
    rows: [[Double]], targets: [Double]
  ) {
    precondition(rows.count == targets.count, "one target per row")
    precondition(rows.allSatisfy { $0.count == featureNames.count }, "ragged rows")
    self.name = name
    self.featureNames = featureNames
    self.targetName = targetName
    self.recipe = name
    self.features = rows.flatMap { $0 }
    self.targets = targets
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
    self.features = flatFeatures
    self.targets = targets
  }

  /// The features of point `i`.
  public func point(_ i: Int) -> ArraySlice<Double> {
    features[i * dimension..<(i + 1) * dimension]
  }

  /// The fraction of points whose feature `j` (0-based) is not zero.
  public func density(ofFeature j: Int) -> Double {
    guard count > 0 else { return 0 }
    var nonZero = 0
    for i in 0..<count where features[i * dimension + j] != 0 { nonZero += 1 }
    return Double(nonZero) / Double(count)
  }
}
