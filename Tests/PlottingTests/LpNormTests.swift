import Foundation
import Testing

@testable import Plotting

@Suite struct LpNormTests {
  @Test(arguments: [1.0, 1.5, 2, 4, 16])
  func unitCurvesLieOnTheirCurve(_ p: Double) {
    for point in LpNorm.unitCurve(p: p) {
      #expect(abs(pow(abs(point.x), p) + pow(abs(point.y), p) - 1) < 1e-9)
    }
  }

  @Test func theInfinityCurveIsTheSquare() {
    for point in LpNorm.unitCurve(p: .infinity) {
      #expect(max(abs(point.x), abs(point.y)) == 1)
    }
  }

  /// g = (0.1, 1e-3): 0.1^p is a normal Double up to p = 307, subnormal up to 323, then 0.
  @Test func smallGradientsUnderflow() {
    let rows = LpNorm.table([0.1, 1e-3], powers: [1, 2, 256, 320, 512, 1000])
    #expect(abs(rows[0].direct - 0.101) < 1e-15)
    #expect(abs(rows[1].direct - (0.01 + 1e-6).squareRoot()) < 1e-15)
    #expect(rows[0].verdict == .exact && rows[1].verdict == .exact)
    #expect(rows[2].verdict == .exact)
    #expect(abs(rows[2].direct - 0.1) < 1e-15)
    #expect(rows[3].verdict == .subnormal)
    #expect(abs(rows[3].direct - 0.1) > 1e-12, "digits lost: \(rows[3].direct)")
    #expect(rows[4].verdict == .underflow && rows[4].direct == 0)
    #expect(rows[5].verdict == .underflow && rows[5].direct == 0)
    for row in rows.dropFirst(2) { #expect(abs(row.scaled - 0.1) < 1e-15) }
  }

  /// g = (10, 1): 10^p overflows past p = 308, though the norm is about 10.
  @Test func largeGradientsOverflow() {
    let rows = LpNorm.table([10, -1], powers: [2, 300, 400])
    #expect(rows[0].verdict == .exact)
    #expect(abs(rows[0].direct - 101.0.squareRoot()) < 1e-13)
    #expect(rows[1].verdict == .exact)
    #expect(rows[2].verdict == .overflow && rows[2].direct == .infinity)
    #expect(rows[2].scaled == 10)
  }
}
