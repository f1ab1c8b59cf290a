/// Contour lines of a grid of values by marching squares.
///
/// Each cell of the grid has four corners; a corner is "inside" when its value is at least
/// the level. The four inside/outside answers make one of 16 cases, numbered by the bits
///
///     8 (x, y+1) ── 4 (x+1, y+1)
///     │                        │
///     1 (x, y)   ── 2 (x+1, y)
///
/// and each case crosses the level on two or four of the cell's edges. Where it crosses, the
/// point is placed by linear interpolation between the two corner values. Cases 5 and 10
/// are saddles: two opposite corners inside, two outside. Two pairs of segments fit; the
/// value at the centre (the mean of the four corners) decides whether the inside corners
/// join through the middle (centre inside) or stay apart (centre outside).
public enum MarchingSquares {
  /// A side of a cell.
  public enum Edge: Equatable, Sendable {
    case bottom, right, top, left
  }

  /// One piece of a contour line, in grid coordinates (x = column, y = row).
  public struct Segment: Equatable, Sendable {
    public var start: (x: Double, y: Double)
    public var end: (x: Double, y: Double)

    public static func == (a: Segment, b: Segment) -> Bool {
      a.start == b.start && a.end == b.end
    }
  }

  /// The case number of a cell from its corners, given as bottom-left, bottom-right,
  /// top-right, top-left.
  public static func caseNumber(
    _ v00: Double, _ v10: Double, _ v11: Double, _ v01: Double, level: Double
  ) -> Int {
    (v00 >= level ? 1 : 0) | (v10 >= level ? 2 : 0) | (v11 >= level ? 4 : 0)
      | (v01 >= level ? 8 : 0)
  }

  /// The pairs of edges a case joins; `centreInside` matters only for the saddles 5 and 10.
  public static func edges(case number: Int, centreInside: Bool) -> [(Edge, Edge)] {
    switch number {
    case 0, 15: return []
    case 1, 14: return [(.left, .bottom)]
    case 2, 13: return [(.bottom, .right)]
    case 3, 12: return [(.left, .right)]
    case 4, 11: return [(.right, .top)]
    case 6, 9: return [(.bottom, .top)]
    case 7, 8: return [(.left, .top)]
    case 5:
      // Corners 1 and 4 inside. Joined through the centre: cut off corners 2 and 8.
      return centreInside
        ? [(.left, .top), (.bottom, .right)] : [(.left, .bottom), (.right, .top)]
    case 10:
      // Corners 2 and 8 inside. Joined through the centre: cut off corners 1 and 4.
      return centreInside
        ? [(.left, .bottom), (.right, .top)] : [(.bottom, .right), (.left, .top)]
    default:
      preconditionFailure("a marching-squares case is 0...15, found \(number)")
    }
  }

  /// Every segment of the contour at `level` through `grid`, whose rows run along y and whose
  /// columns run along x. Cells with a non-finite corner are skipped.
  public static func segments(_ grid: [[Double]], level: Double) -> [Segment] {
    guard grid.count >= 2, let width = grid.first?.count, width >= 2 else { return [] }
    var result: [Segment] = []
    for row in 0..<(grid.count - 1) {
      for column in 0..<(width - 1) {
        let v00 = grid[row][column]
        let v10 = grid[row][column + 1]
        let v11 = grid[row + 1][column + 1]
        let v01 = grid[row + 1][column]
        guard v00.isFinite, v10.isFinite, v11.isFinite, v01.isFinite else { continue }
        let number = caseNumber(v00, v10, v11, v01, level: level)
        let centre = (v00 + v10 + v11 + v01) / 4
        for (from, to) in edges(case: number, centreInside: centre >= level) {
          let x = Double(column)
          let y = Double(row)
          func point(_ edge: Edge) -> (x: Double, y: Double) {
            switch edge {
            case .bottom: return (x + crossing(v00, v10, level), y)
            case .right: return (x + 1, y + crossing(v10, v11, level))
            case .top: return (x + crossing(v01, v11, level), y + 1)
            case .left: return (x, y + crossing(v00, v01, level))
            }
          }
          result.append(Segment(start: point(from), end: point(to)))
        }
      }
    }
    return result
  }

  /// Where between 0 (at `a`) and 1 (at `b`) the straight line between the values meets
  /// `level`.
  static func crossing(_ a: Double, _ b: Double, _ level: Double) -> Double {
    a == b ? 0.5 : min(1, max(0, (level - a) / (b - a)))
  }
}
