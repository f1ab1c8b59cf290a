extension Dataset {
  /// The lecture's toy problem: X = [0.5, 2.5], Y = [0.2, 0.9], one feature.
  ///
  /// At w = b = −2 its summed squared error is L = 0.41581990101999289 with
  /// ∂L/∂w = −0.0054923192156398635 and ∂L/∂b = −0.0077111592152144257.
  public static let toy = Dataset(
    name: "toy", featureNames: ["x"], targetName: "y",
    rows: [[0.5], [2.5]], targets: [0.2, 0.9])

  /// Default size of the generated sparse set.
  public static let sparseDefaultCount = 200
  /// Default fraction of points in which the sparse feature x2 is non-zero.
  public static let sparseDefaultDensity = 0.05
  /// Default seed of the generated sparse set.
  public static let sparseDefaultSeed: UInt64 = 1

  /// The notes' scenario: four features of which x2 is zero for most points.
  ///
  /// x1, x3 and x4 are uniform in [−1, 1]; x2 is 1 with probability `density` and 0
  /// otherwise (the notes' x² = {0, 0, …, 1, 0, …}). Targets come from a hidden neuron
  /// y = σ(w*·x + b*) with w* = (1, 2, −1, 0.5), b* = 0, in which x2 matters most: an
  /// important feature that is rarely seen, so its weight starves under plain gradient
  /// descent. The same `seed` always gives the same set.
  public static func sparse(
    count: Int = sparseDefaultCount, density: Double = sparseDefaultDensity,
    seed: UInt64 = sparseDefaultSeed
  ) -> Dataset {
    var generator = SplitMix64(seed: seed)
    let hiddenWeights = [1.0, 2.0, -1.0, 0.5]
    var features: [Double] = []
    features.reserveCapacity(count * 4)
    var targets: [Double] = []
    targets.reserveCapacity(count)
    for _ in 0..<count {
      let x1 = generator.nextDouble() * 2 - 1
      let x2: Double = generator.nextDouble() < density ? 1 : 0
      let x3 = generator.nextDouble() * 2 - 1
      let x4 = generator.nextDouble() * 2 - 1
      let point = [x1, x2, x3, x4]
      features.append(contentsOf: point)
      var z = 0.0
      for j in 0..<4 { z += hiddenWeights[j] * point[j] }
      targets.append(sigmoid(z))
    }
    var dataset = Dataset(
      name: "sparse", featureNames: ["x1", "x2", "x3", "x4"], targetName: "y",
      flatFeatures: features, targets: targets)
    dataset.recipe = "sparse n=\(count) density=\(density) seed=\(seed)"
    return dataset
  }
}
