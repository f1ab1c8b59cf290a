import Testing

@testable import Optimization

/// The neuron's fast paths (sparse storage, parallel chunks) against the textbook loop over
/// the full row-major table.
@Suite struct NeuronTests {
  /// z = b + Σ wⱼxⱼ and the sums point by point, over every stored value, zeros included.
  static func referenceGradient(_ data: Dataset, at p: [Double], over points: [Int]) -> [Double] {
    let d = data.dimension
    let x = data.features
    var g = [Double](repeating: 0, count: d + 1)
    for i in points {
      var z = p[d]
      for j in 0..<d { z += p[j] * x[i * d + j] }
      let slope = LossFunction.squared.slope(z: z, target: data.targets[i])
      for j in 0..<d { g[j] += slope * x[i * d + j] }
      g[d] += slope
    }
    return g
  }

  @Test func aSparseFeatureIsStoredSparselyAndSkippingItsZerosIsExact() {
    let data = Dataset.sparse(count: 500, density: 0.05, seed: 3)
    #expect(data.storage[1] == .sparse(0))
    #expect(data.storage[0] == .dense(0))
    let neuron = Neuron(dataset: data, loss: .squared)
    let p = [0.3, -1.7, 0.2, 2.5, -0.4]
    var g = [Double](repeating: 0, count: 5)
    neuron.gradient(at: p, over: 0..<500, into: &g)
    #expect(g == NeuronTests.referenceGradient(data, at: p, over: Array(0..<500)))
    neuron.gradient(at: p, over: 123..<200, into: &g)
    #expect(g == NeuronTests.referenceGradient(data, at: p, over: Array(123..<200)))
    let shuffled = [7, 499, 0, 250, 13, 13, 42]
    neuron.gradient(at: p, over: shuffled, into: &g)
    #expect(g == NeuronTests.referenceGradient(data, at: p, over: shuffled))
  }

  @Test func theTableRebuildsFromItsStorage() {
    let rows: [[Double]] = [[1, 0, 2], [0, 0, 3], [4, 0, 5], [6, 7, 8], [9, 0, 1]]
    let data = Dataset(
      name: "t", featureNames: ["a", "b", "c"], rows: rows, targets: [0, 1, 0, 1, 0])
    #expect(data.features == rows.flatMap { $0 })
    #expect(data.point(3) == [6, 7, 8])
    #expect(data.density(ofFeature: 1) == 0.2)
  }

  @Test func aLargeSumIsDeterministicAndCloseToTheSequentialOne() {
    let n = Neuron.parallelThreshold * 2 + 17
    let data = Dataset.sparse(count: n, density: 0.05, seed: 9)
    let neuron = Neuron(dataset: data, loss: .squared)
    let p = [0.3, -1.7, 0.2, 2.5, -0.4]
    var first = [Double](repeating: 0, count: 5)
    var second = first
    neuron.gradient(at: p, over: 0..<n, into: &first)
    neuron.gradient(at: p, over: 0..<n, into: &second)
    #expect(first == second)
    let reference = NeuronTests.referenceGradient(data, at: p, over: Array(0..<n))
    for j in 0..<5 {
      #expect(abs(first[j] - reference[j]) <= 1e-12 * abs(reference[j]))
    }
    let loss = neuron.totalLoss(at: p)
    #expect(loss == neuron.totalLoss(at: p))
  }
}
