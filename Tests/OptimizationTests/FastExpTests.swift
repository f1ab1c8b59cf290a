import Foundation
import Testing

@testable import Optimization

/// ``fastExp(_:)`` against libm, and the large gradient that uses it against the plain loop.
@Suite struct FastExpTests {
  /// |a − b| in units in the last place of b (the spacing of Doubles at b, subnormals included).
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / b.ulp
  }

  @Test func isWithinOneUlpOfLibmOverTheWholeRange() {
    // A dense sweep of [−745, 710] with an irregular step, so the points fall everywhere
    // within the reduction's intervals, plus the neighbourhood of 0.
    var worst = 0.0
    var x = -745.0
    while x <= 710 {
      worst = max(worst, FastExpTests.ulps(fastExp(x), exp(x)))
      x += 0.000_731_9
    }
    for k in -20_000...20_000 {
      let x = Double(k) * 1e-5
      worst = max(worst, FastExpTests.ulps(fastExp(x), exp(x)))
    }
    #expect(worst <= 1)
  }

  @Test func specialValuesAreExact() {
    #expect(fastExp(0) == 1)
    #expect(fastExp(-0.0) == 1)
    #expect(fastExp(.infinity) == .infinity)
    #expect(fastExp(-.infinity) == 0)
    #expect(fastExp(710) == .infinity)
    #expect(fastExp(1e300) == .infinity)
    #expect(fastExp(-746) == 0)
    #expect(fastExp(-1e300) == 0)
    #expect(fastExp(.nan).isNaN)
    #expect(fastExp(709.78).isFinite)
    #expect(fastExp(-745.1) == Double.leastNonzeroMagnitude)
    #expect(fastExp(-708.5).isSubnormal)
  }

  @Test func theSigmoidSaturatesToExactlyZeroAndOne() {
    for z: Double in [-1e300, -1000, -746, -710, -.infinity] {
      #expect(1 / (1 + fastExp(-z)) == 0)
    }
    for z: Double in [1e300, 1000, 746, 40, .infinity] {
      #expect(1 / (1 + fastExp(-z)) == 1)
    }
  }

  @Test(arguments: LossFunction.allCases)
  func theLargeGradientStaysWithin1e13OfThePlainLoop(loss: LossFunction) {
    let n = 300_001
    let data = Dataset.sparse(count: n, density: 0.05, seed: 21)
    let neuron = Neuron(dataset: data, loss: loss)
    let p = [0.8, -2.1, 0.4, 1.9, -0.3]
    var g = [Double](repeating: 0, count: 5)
    neuron.gradient(at: p, over: 0..<n, into: &g)
    var again = g
    neuron.gradient(at: p, over: 0..<n, into: &again)
    #expect(g == again)
    let d = data.dimension
    let x = data.features
    var reference = [Double](repeating: 0, count: d + 1)
    for i in 0..<n {
      var z = p[d]
      for j in 0..<d { z += p[j] * x[i * d + j] }
      let slope = loss.slope(z: z, target: data.targets[i])
      for j in 0..<d { reference[j] += slope * x[i * d + j] }
      reference[d] += slope
    }
    for j in 0...d {
      #expect(abs(g[j] - reference[j]) <= 1e-13 * abs(reference[j]))
    }
  }
}
