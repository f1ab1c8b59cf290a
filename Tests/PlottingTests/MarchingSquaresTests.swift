import Testing

@testable import Plotting

@Suite struct MarchingSquaresTests {
  /// A 2 × 2 grid for a case number: a corner is 1 (inside) when its bit is set, else 0.
  /// Rows run along y: grid[0] = (bottom-left, bottom-right), grid[1] = (top-left, top-right).
  static func cell(_ number: Int) -> [[Double]] {
    let v00: Double = number & 1 != 0 ? 1 : 0
    let v10: Double = number & 2 != 0 ? 1 : 0
    let v11: Double = number & 4 != 0 ? 1 : 0
    let v01: Double = number & 8 != 0 ? 1 : 0
    return [[v00, v10], [v01, v11]]
  }

  /// Whether a point lies on the side of the unit cell where the corners differ, at the
  /// midpoint (values 0 and 1, level 0.5).
  static func crossesAt(_ point: (x: Double, y: Double), grid: [[Double]]) -> Bool {
    let (v00, v10, v01, v11) = (grid[0][0], grid[0][1], grid[1][0], grid[1][1])
    if point.y == 0 { return point.x == 0.5 && v00 != v10 }
    if point.y == 1 { return point.x == 0.5 && v01 != v11 }
    if point.x == 0 { return point.y == 0.5 && v00 != v01 }
    if point.x == 1 { return point.y == 0.5 && v10 != v11 }
    return false
  }

  @Test(arguments: 0..<16)
  func everyCaseCrossesExactlyTheEdgesWhoseCornersDiffer(_ number: Int) {
    let grid = Self.cell(number)
    #expect(
      MarchingSquares.caseNumber(grid[0][0], grid[0][1], grid[1][1], grid[1][0], level: 0.5)
        == number)
    let segments = MarchingSquares.segments(grid, level: 0.5)
    let expectedCount = [0, 15].contains(number) ? 0 : [5, 10].contains(number) ? 2 : 1
    #expect(segments.count == expectedCount)
    let crossedEdges = [
      grid[0][0] != grid[0][1], grid[0][1] != grid[1][1], grid[1][0] != grid[1][1],
      grid[0][0] != grid[1][0],
    ].filter { $0 }.count
    #expect(segments.count * 2 == crossedEdges)
    for segment in segments {
      #expect(Self.crossesAt(segment.start, grid: grid), "case \(number): \(segment.start)")
      #expect(Self.crossesAt(segment.end, grid: grid), "case \(number): \(segment.end)")
    }
  }

  /// Whether two lists of segments agree to 1e-12.
  static func same(
    _ segments: [MarchingSquares.Segment], _ expected: [((Double, Double), (Double, Double))]
  ) -> Bool {
    segments.count == expected.count
      && zip(segments, expected).allSatisfy { segment, pair in
        abs(segment.start.x - pair.0.0) < 1e-12 && abs(segment.start.y - pair.0.1) < 1e-12
          && abs(segment.end.x - pair.1.0) < 1e-12 && abs(segment.end.y - pair.1.1) < 1e-12
      }
  }

  @Test func saddleFiveJoinsThroughTheCentreOnlyWhenTheCentreIsInside() {
    // Corners bottom-left and top-right are 1, the others 0; the centre is 0.5.
    let grid = Self.cell(5)
    // Centre 0.5 ≥ 0.4, inside: the two outside corners (top-left, bottom-right) are cut off.
    let joined = MarchingSquares.segments(grid, level: 0.4)
    #expect(Self.same(joined, [((0, 0.6), (0.4, 1)), ((0.6, 0), (1, 0.4))]))
    // Centre outside: the two inside corners (bottom-left, top-right) are cut off.
    let apart = MarchingSquares.segments(grid, level: 0.6)
    #expect(Self.same(apart, [((0, 0.4), (0.4, 0)), ((1, 0.6), (0.6, 1))]))
  }

  @Test func saddleTenJoinsThroughTheCentreOnlyWhenTheCentreIsInside() {
    // Corners bottom-right and top-left are 1.
    let grid = Self.cell(10)
    let joined = MarchingSquares.segments(grid, level: 0.4)
    #expect(Self.same(joined, [((0, 0.4), (0.4, 0)), ((1, 0.6), (0.6, 1))]))
    let apart = MarchingSquares.segments(grid, level: 0.6)
    #expect(Self.same(apart, [((0.6, 0), (1, 0.4)), ((0, 0.6), (0.4, 1))]))
  }

  @Test func crossingsAreInterpolated() {
    #expect(MarchingSquares.crossing(0, 2, 0.5) == 0.25)
    #expect(MarchingSquares.crossing(3, 1, 2.5) == 0.25)
    let segments = MarchingSquares.segments([[0, 2], [0, 2]], level: 0.5)
    #expect(Self.same(segments, [((0.25, 0), (0.25, 1))]))
  }

  @Test func aCircleComesOutRound() {
    // f = x² + y² on [-2, 2]², 41 × 41 samples; the level 1 is the unit circle.
    let n = 41
    let grid = (0..<n).map { row in
      (0..<n).map { column -> Double in
        let x = -2 + 4 * Double(column) / Double(n - 1)
        let y = -2 + 4 * Double(row) / Double(n - 1)
        return x * x + y * y
      }
    }
    let segments = MarchingSquares.segments(grid, level: 1)
    #expect(segments.count > 30)
    for segment in segments {
      for point in [segment.start, segment.end] {
        let x = -2 + 4 * point.x / Double(n - 1)
        let y = -2 + 4 * point.y / Double(n - 1)
        #expect(abs((x * x + y * y).squareRoot() - 1) < 0.01)
      }
    }
  }

  @Test func cellsWithMissingValuesAreSkipped() {
    #expect(MarchingSquares.segments([[0, .nan], [1, 1]], level: 0.5).isEmpty)
  }
}
