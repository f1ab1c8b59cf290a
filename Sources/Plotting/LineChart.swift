/// A point of a series.
public struct Point: Equatable, Sendable {
  public var x: Double
  public var y: Double

  public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
}

/// A named curve: the points in drawing order. Non-finite y values (and values ≤ 0 on a log
/// scale) leave a gap.
public struct Series: Equatable, Sendable {
  public var name: String
  public var points: [Point]

  public init(name: String, points: [Point]) {
    self.name = name
    self.points = points
  }
}

/// Curves against a common x axis, framed, with ticks at round numbers and a legend; as
/// terminal text (braille or ASCII, coloured on request) or as an SVG document.
public struct LineChart: Sendable {
  public var series: [Series]
  /// The line above the picture.
  public var title: String
  /// The name under the x axis.
  public var xLabel: String
  /// Whether y is drawn on a log₁₀ scale.
  public var isLogarithmic: Bool
  /// Whether one unit of x is as long as one unit of y (for shapes such as unit circles).
  public var hasEqualAspect: Bool
  /// Rows of the drawing area in the terminal.
  public var rows: Int

  public init(
    series: [Series], title: String, xLabel: String = "t", logarithmic: Bool = false,
    equalAspect: Bool = false, rows: Int = 16
  ) {
    self.series = series
    self.title = title
    self.xLabel = xLabel
    self.isLogarithmic = logarithmic
    self.hasEqualAspect = equalAspect
    self.rows = rows
  }

  /// Whether `point` can be drawn on this chart's scales.
  func isDrawable(_ point: Point) -> Bool {
    point.x.isFinite && point.y.isFinite && (!isLogarithmic || point.y > 0)
  }

  /// The scales that hold every drawable point.
  public var axes: Axes {
    let drawable = series.flatMap(\.points).filter(isDrawable)
    let xs = drawable.map(\.x)
    let ys = drawable.map(\.y)
    var x = NiceScale(
      minimum: xs.min() ?? 0, maximum: xs.max() ?? 1, wholeNumbers: xLabel == "t")
    var y =
      isLogarithmic
      ? NiceScale(logarithmicMinimum: ys.min() ?? 1, maximum: ys.max() ?? 10)
      : NiceScale(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1)
    if hasEqualAspect {
      let low = min(xs.min() ?? 0, ys.min() ?? 0)
      let high = max(xs.max() ?? 1, ys.max() ?? 1)
      // A margin, so that a curve along the edge of the range stays off the frame.
      let pad = (high - low) * 0.05
      let both = NiceScale(minimum: low - pad, maximum: high + pad, ticks: 9)
      (x, y) = (both, both)
    }
    return Axes(x: x, y: y)
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
    let axes = self.axes
    // Room for the labels, the frame, and the axis name after the last tick label.
    var columns = max(10, width - axes.labelWidth - 3 - xLabel.count - 2)
    // Braille dots and ASCII cells are both twice as tall as wide per cell: 2 columns per row
    // make a square.
    if hasEqualAspect { columns = min(columns, 2 * rows) }
    var canvas = C(columns: columns, rows: rows)
    let labelled = series.count > 1
    for (index, curve) in series.enumerated() {
      let ink = Ink(index)
      var previous: (x: Int, y: Int)?
      var last: (x: Int, y: Int)?
      for point in curve.points {
        guard isDrawable(point), let pixel = axes.pixel(x: point.x, y: point.y, on: canvas) else {
          previous = nil
          continue
        }
        if let previous {
          canvas.line(from: previous, to: pixel, ink: ink)
        } else {
          canvas.set(x: pixel.x, y: pixel.y, ink: ink)
        }
        previous = pixel
        last = pixel
      }
      if labelled, let last {
        canvas.put(
          LineChart.marker(index), column: last.x / C.pixelsPerColumn,
          row: last.y / C.pixelsPerRow, ink: ink)
      }
    }
    var lines =
      [title]
      + axes.frame(
        canvas, colour: colour, ascii: C.self == AsciiCanvas.self, palette: palette)
    lines[lines.count - 1] += lines[lines.count - 1].isEmpty ? "" : "  "
    lines[lines.count - 1] += xLabel
    lines += legend(
      width: width, colour: colour, ascii: C.self == AsciiCanvas.self, palette: palette)
    return lines
  }

  /// The character that labels series `index` at its last point: 1, 2, … 9, then a, b, ….
  static func marker(_ index: Int) -> Character {
    let digits = Array("123456789abcdefghijklmnopqrstuvwxyz")
    return digits[index % digits.count]
  }

  /// `1 loss   2 lr_b`: the series' markers (and colours) and names, wrapped at `width`.
  func legend(
    width: Int, colour: Bool, ascii: Bool, palette: Palette = .okabeIto
  ) -> [String] {
    guard series.count > 1 || ascii else { return [] }
    var lines: [String] = []
    var line = ""
    var visible = 0
    for (index, curve) in series.enumerated() {
      let ink = Ink(index)
      var mark = String(LineChart.marker(index))
      if ascii {
        mark = String(AsciiCanvas.marks[index % AsciiCanvas.marks.count])
        if series.count > 1 { mark += String(LineChart.marker(index)) }
      }
      let painted = colour ? ink.escape(in: palette) + mark + Ink.reset : mark
      let entry = "\(mark) \(curve.name)"
      if visible > 0 && visible + 3 + entry.count > width {
        lines.append(line)
        line = ""
        visible = 0
      }
      line += (visible == 0 ? "  " : "   ") + painted + " " + curve.name
      visible += (visible == 0 ? 2 : 3) + entry.count
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// The same picture as a standalone SVG document.
  public var svg: String {
    let axes = self.axes
    let (width, height) = hasEqualAspect ? (520.0, 480.0) : (720.0, 420.0)
    let left = 70.0
    let top = 36.0
    let plotHeight = height - top - 80
    let plotWidth = hasEqualAspect ? plotHeight : width - left - 24
    var document = SVGDocument(width: width, height: height)
    document.text(title, x: left, y: 22, size: 14)
    axes.draw(into: &document, left: left, top: top, width: plotWidth, height: plotHeight)
    document.text(xLabel, x: left + plotWidth / 2, y: top + plotHeight + 34, anchor: "middle")
    for (index, curve) in series.enumerated() {
      let colour = Ink(index).svgColour
      var run: [(Double, Double)] = []
      for point in curve.points {
        if isDrawable(point),
          let position = axes.position(
            x: point.x, y: point.y, left: left, top: top, width: plotWidth, height: plotHeight)
        {
          run.append(position)
        } else {
          document.polyline(run, stroke: colour)
          run = []
        }
      }
      document.polyline(run, stroke: colour)
    }
    var x = left
    let y = top + plotHeight + 58
    for (index, curve) in series.enumerated() {
      let colour = Ink(index).svgColour
      document.line(x, y - 4, x + 18, y - 4, stroke: colour, width: 3)
      document.text(curve.name, x: x + 24, y: y)
      x += 40 + Double(curve.name.count) * 7
    }
    return document.rendered
  }
}
