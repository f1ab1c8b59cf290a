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
  /// x2 is 1 with probability `density` and 0 otherwise (the notes' x² = {0, 0, …, 1, 0, …}).
  /// The dense features x1, x3 and x4 have the same size as x2 when it is seen: a random sign
  /// times a magnitude uniform in [0.5, 1.5], so |x| is 1 on average. Only rarity sets x2
  /// apart, which is the notes' argument: AdaGrad's v_w2 = Σ (∇w2)² gains a term only at the
  /// few points where x2 ≠ 0, so it stays small and w2's rate η/(√v_w2 + ε) stays the
  /// highest, while v_w1, v_w3, v_w4 and v_b grow at every point. Targets come from a hidden
  /// neuron y = σ(w*·x + b*) with w* = (1, 2, −1, 0.5), b* = 0, in which x2 matters most:
  /// an important feature that is rarely seen, so its weight starves under plain gradient
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
      let x1 = dense(&generator)
      let x2: Double = generator.nextDouble() < density ? 1 : 0
      let x3 = dense(&generator)
      let x4 = dense(&generator)
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

  /// A dense feature of the sparse set: ±(0.5 + u) with u uniform in [0, 1), so |x| averages 1.
  private static func dense(_ generator: inout SplitMix64) -> Double {
    let sign: Double = generator.nextDouble() < 0.5 ? -1 : 1
    return sign * (0.5 + generator.nextDouble())
  }
}
