import Foundation

/// Contour lines of a surface sampled on a grid, with paths drawn on top: the error surface
/// over two parameters and the road an optimizer took across it.
///
/// The levels are quantiles of the sampled values, not evenly spaced values. The sigmoid
/// neuron's surface is a steep valley beside a wide, almost flat plateau: evenly spaced
/// levels would all fall in the valley and leave the plateau blank, while quantiles put as
/// many lines on the plateau as it has area, so its slight slope still shows.
public struct ContourPlot: Sendable {
  /// The scales; the grid covers them exactly.
  public var axes: Axes
  /// The sampled values; row `i` is at y = lower + i·(upper − lower)/(rows − 1), and
  /// likewise for columns along x.
  public var grid: [[Double]]
  /// The paths, drawn in order; each starts at its first point and ends at its last.
  public var paths: [Series]
  public var title: String
  public var xLabel: String
  public var yLabel: String
  /// The contour levels.
  public var levels: [Double]
  /// Rows of the drawing area in the terminal.
  public var rows: Int

  public init(
    axes: Axes, grid: [[Double]], paths: [Series], title: String, xLabel: String,
    yLabel: String, levelCount: Int = 8, rows: Int = 18
  ) {
    self.axes = axes
    self.grid = grid
    self.paths = paths
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.levels = ContourPlot.levels(grid.flatMap { $0 }, count: levelCount)
    self.rows = rows
  }

  /// Scales that hold every point of `paths` with a margin around them.
  public static func axes(covering paths: [Series], margin: Double = 0.25) -> Axes {
    let points = paths.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
    func range(_ values: [Double]) -> NiceScale {
      let low = values.min() ?? -1
      let high = values.max() ?? 1
      let pad = max((high - low) * margin, 0.5)
      return NiceScale(minimum: low - pad, maximum: high + pad)
    }
    return Axes(x: range(points.map(\.x)), y: range(points.map(\.y)))
  }

  /// The coordinates of the grid's columns (`along: x`) or rows on the scale.
  public static func samples(of scale: NiceScale, count: Int) -> [Double] {
    (0..<count).map { scale.lower + Double($0) * (scale.upper - scale.lower) / Double(count - 1) }
  }

  /// `count` levels at the quantiles k/(count + 1) of the finite values, without repeats.
  public static func levels(_ values: [Double], count: Int) -> [Double] {
    let sorted = values.filter(\.isFinite).sorted()
    guard let low = sorted.first, let high = sorted.last, low < high else { return [] }
    var levels: [Double] = []
    for k in 1...max(1, count) {
      let position = Double(k) / Double(count + 1) * Double(sorted.count - 1)
      let below = Int(position.rounded(.down))
      let above = min(sorted.count - 1, below + 1)
      let fraction = position - Double(below)
      let level = sorted[below] + fraction * (sorted[above] - sorted[below])
      if level > low, level < high, levels.last.map({ level > $0 }) ?? true {
        levels.append(level)
      }
    }
    return levels
  }

  /// Every contour segment in data coordinates.
  public var contourSegments: [((Double, Double), (Double, Double))] {
    levels.flatMap(segments(at:))
  }

  /// The contour segments of one level in data coordinates.
  func segments(at level: Double) -> [((Double, Double), (Double, Double))] {
    guard let columnCount = grid.first?.count, grid.count >= 2, columnCount >= 2 else { return [] }
    let dx = (axes.x.upper - axes.x.lower) / Double(columnCount - 1)
    let dy = (axes.y.upper - axes.y.lower) / Double(grid.count - 1)
    return MarchingSquares.segments(grid, level: level).map { segment in
      (
        (axes.x.lower + segment.start.x * dx, axes.y.lower + segment.start.y * dy),
        (axes.x.lower + segment.end.x * dx, axes.y.lower + segment.end.y * dy)
      )
    }
  }

  /// The lowest sampled value and where it is, and whether it lies on the edge of the grid
  /// (then the surface may go lower outside the window).
  public var minimum: (x: Double, y: Double, value: Double, isOnEdge: Bool)? {
    var best: (row: Int, column: Int, value: Double)?
    for (row, values) in grid.enumerated() {
      for (column, value) in values.enumerated() where value.isFinite {
        if best == nil || value < best!.value { best = (row, column, value) }
      }
    }
    guard let best, let columnCount = grid.first?.count, grid.count >= 2, columnCount >= 2
    else { return nil }
    let x =
      axes.x.lower + Double(best.column) * (axes.x.upper - axes.x.lower) / Double(columnCount - 1)
    let y = axes.y.lower + Double(best.row) * (axes.y.upper - axes.y.lower) / Double(grid.count - 1)
    let isOnEdge =
      best.row == 0 || best.row == grid.count - 1 || best.column == 0
      || best.column == columnCount - 1
    return (x, y, best.value, isOnEdge)
  }

  /// The letter that labels contour level `index` on the picture: a, b, c, ...
  static func levelLetter(_ index: Int) -> Character {
    Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(index % 26)))
  }

  /// The picture for a terminal `width` columns wide.
  public func text(
    width: Int, colour: Bool, braille: Bool, palette: Palette = .okabeIto
  ) -> [String] {
    braille
      ? text(BrailleCanvas.self, width: width, colour: colour, palette: palette)
      : text(AsciiCanvas.self, width: width, colour: colour, palette: palette)
  }

  private func text<C: Canvas>(
    _ kind: C.Type, width: Int, colour: Bool, palette: Palette
  ) -> [String] {
    var canvas = C(columns: max(10, width - axes.labelWidth - 3 - xLabel.count - 2), rows: rows)
    var contours = canvas
    for (start, end) in contourSegments {
      guard let a = axes.pixel(x: start.0, y: start.1, on: contours),
        let b = axes.pixel(x: end.0, y: end.1, on: contours)
      else { continue }
      contours.line(from: a, to: b, ink: .faint, dotted: C.self == BrailleCanvas.self)
    }
    var ends: [(Int, Int, Character, Ink)] = []
    for (index, path) in paths.enumerated() {
      let ink = Ink(index)
      let pixels = path.points.compactMap { axes.pixel(x: $0.x, y: $0.y, on: canvas) }
      for (a, b) in zip(pixels, pixels.dropFirst()) { canvas.line(from: a, to: b, ink: ink) }
      if let first = pixels.first, let last = pixels.last {
        ends.append((first.x / C.pixelsPerColumn, first.y / C.pixelsPerRow, "o", ink))
        let mark: Character = paths.count > 1 ? LineChart.marker(index) : "x"
        ends.append((last.x / C.pixelsPerColumn, last.y / C.pixelsPerRow, mark, ink))
      }
    }
    if let minimum, let pixel = axes.pixel(x: minimum.x, y: minimum.y, on: canvas) {
      canvas.put(
        "*", column: pixel.x / C.pixelsPerColumn, row: pixel.y / C.pixelsPerRow, ink: .faint)
    }
    for (column, row, character, ink) in ends {
      canvas.put(character, column: column, row: row, ink: ink)
    }
    // Contours only in the cells the paths leave free, so a path stays readable without colour.
    for row in 0..<canvas.rows {
      for column in 0..<canvas.columns where canvas.cell(column: column, row: row).character == " "
      {
        let contour = contours.cell(column: column, row: row).character
        if contour != " " { canvas.put(contour, column: column, row: row, ink: .faint) }
      }
    }
    // Each level's letter on one of its lines, in a cell no path or mark uses: the segment
    // nearest the middle of the level's list, else the first free one.
    for (index, level) in levels.enumerated() {
      let segments = segments(at: level)
      let order = segments.indices.sorted {
        abs($0 - segments.count / 2) < abs($1 - segments.count / 2)
      }
      for k in order {
        let ((x0, y0), (x1, y1)) = segments[k]
        guard let pixel = axes.pixel(x: (x0 + x1) / 2, y: (y0 + y1) / 2, on: canvas) else {
          continue
        }
        let (column, row) = (pixel.x / C.pixelsPerColumn, pixel.y / C.pixelsPerRow)
        guard column >= 0, column < canvas.columns, row >= 0, row < canvas.rows else { continue }
        let cell = canvas.cell(column: column, row: row)
        guard cell.character == " " || cell.ink?.isFaint == true, cell.character != "*" else {
          continue
        }
        canvas.put(ContourPlot.levelLetter(index), column: column, row: row, ink: .faint)
        break
      }
    }
    var lines = ["\(title)   (\(yLabel) up, \(xLabel) across)"]
    lines += axes.frame(
      canvas, colour: colour, ascii: C.self == AsciiCanvas.self, palette: palette)
    lines[lines.count - 1] += "  \(xLabel)"
    lines.append(contentsOf: legend(width: width, colour: colour, palette: palette))
    return lines
  }

  /// The paths' names and marks, and the levels.
  func legend(width: Int, colour: Bool, palette: Palette = .okabeIto) -> [String] {
    var lines: [String] = []
    if paths.count > 1 {
      var line = "  o start;"
      for (index, path) in paths.enumerated() {
        let mark = String(LineChart.marker(index))
        line +=
          " " + (colour ? Ink(index).escape(in: palette) + mark + Ink.reset : mark)
          + " \(path.name)"
      }
      lines.append(line)
    } else if let path = paths.first {
      lines.append("  o start, x end of \(path.name)")
    }
    if let minimum {
      let place =
        "(\(xLabel), \(yLabel)) = (\(ContourPlot.levelText(minimum.x)), \(ContourPlot.levelText(minimum.y)))"
      lines.append(
        "  * lowest loss on the grid, \(ContourPlot.levelText(minimum.value)), at \(place)")
      if minimum.isOnEdge {
        lines.append(
          "    on the edge: it may go lower outside ('plot surface around ... width ...')")
      }
    }
    let shown = levels.enumerated().map {
      "\(ContourPlot.levelLetter($0)) \(ContourPlot.levelText($1))"
    }
    var line = "  contours"
    for (index, level) in shown.enumerated() {
      let piece = " " + level + (index == shown.count - 1 ? "" : ",")
      if line.count + piece.count > width {
        lines.append(line)
        line = "   "
      }
      line += piece
    }
    if !shown.isEmpty { lines.append(line) }
    return lines
  }

  /// A level with three significant digits.
  static func levelText(_ x: Double) -> String {
    NiceScale.compact(String(format: "%.3g", x))
  }

  /// The same picture as a standalone SVG document.
  public var svg: String {
    let (width, height) = (720.0, 520.0)
    let (left, top) = (70.0, 36.0)
    let plotWidth = width - left - 24
    let plotHeight = height - top - 90
    var document = SVGDocument(width: width, height: height)
    document.text(title, x: left, y: 22, size: 14)
    axes.draw(into: &document, left: left, top: top, width: plotWidth, height: plotHeight)
    func place(_ point: (Double, Double)) -> (Double, Double)? {
      axes.position(
        x: point.0, y: point.1, left: left, top: top, width: plotWidth, height: plotHeight)
    }
    let segments = contourSegments.compactMap { segment -> ((Double, Double), (Double, Double))? in
      guard let a = place(segment.0), let b = place(segment.1) else { return nil }
      return (a, b)
    }
    document.segments(segments, stroke: "#a8a8a8", width: 0.8)
    for (index, path) in paths.enumerated() {
      let colour = Ink(index).svgColour
      let points = path.points.compactMap { place(($0.x, $0.y)) }
      document.polyline(points, stroke: colour, width: 1.8)
      if let first = points.first {
        document.circle(first.0, first.1, radius: 4, fill: "#ffffff", stroke: colour)
      }
      if let last = points.last { document.circle(last.0, last.1, radius: 4, fill: colour) }
    }
    document.text(xLabel, x: left + plotWidth / 2, y: top + plotHeight + 34, anchor: "middle")
    document.text(yLabel, x: 16, y: top + plotHeight / 2, anchor: "middle")
    var x = left
    let y = top + plotHeight + 58
    for (index, path) in paths.enumerated() {
      let colour = Ink(index).svgColour
      document.line(x, y - 4, x + 18, y - 4, stroke: colour, width: 3)
      document.text(path.name, x: x + 24, y: y)
      x += 40 + Double(path.name.count) * 7
    }
    document.text("○ start  ● end", x: x, y: y, fill: "#555555")
    document.text(
      "contours at " + levels.map { ContourPlot.levelText($0) }.joined(separator: ", "), x: left,
      y: y + 20, fill: "#555555", size: 11)
    return document.rendered
  }
}
