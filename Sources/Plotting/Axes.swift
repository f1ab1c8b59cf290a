/// Two scales and the frame around a canvas: tick marks on the left and bottom edges,
/// labels at round numbers, in text or in SVG.
public struct Axes: Equatable, Sendable {
  public var x: NiceScale
  public var y: NiceScale

  public init(x: NiceScale, y: NiceScale) {
    self.x = x
    self.y = y
  }

  /// The pixel of a data point on `canvas`, or nil when the point cannot be drawn.
  public func pixel<C: Canvas>(x value: Double, y other: Double, on canvas: C) -> (x: Int, y: Int)?
  {
    guard let fx = x.fraction(of: value), let fy = y.fraction(of: other) else { return nil }
    let px = (fx * Double(canvas.pixelWidth - 1)).rounded()
    let py = ((1 - fy) * Double(canvas.pixelHeight - 1)).rounded()
    guard abs(px) < 1e6, abs(py) < 1e6 else { return nil }
    return (Int(px), Int(py))
  }

  /// The width of the widest y tick label.
  public var labelWidth: Int { y.ticks.map { y.label($0).count }.max() ?? 1 }

  /// The canvas inside a frame: y labels and `┤` ticks on the left, `┬` ticks and x labels
  /// at the bottom. ASCII frames use `+`, `-` and `|`.
  public func frame<C: Canvas>(
    _ canvas: C, colour: Bool, ascii: Bool, palette: Palette = .okabeIto
  ) -> [String] {
    let labelWidth = self.labelWidth
    let pad = String(repeating: " ", count: labelWidth + 1)
    let (corner1, corner2, corner3, corner4) = ascii ? ("+", "+", "+", "+") : ("┌", "┐", "└", "┘")
    let (horizontal, vertical) = ascii ? ("-", "|") : ("─", "│")
    let (leftTick, bottomTick) = ascii ? ("+", "+") : ("┤", "┬")
    var rowLabels: [Int: String] = [:]
    for tick in y.ticks {
      guard let fy = y.fraction(of: tick) else { continue }
      let py = Int(((1 - fy) * Double(canvas.pixelHeight - 1)).rounded())
      rowLabels[min(canvas.rows - 1, max(0, py / C.pixelsPerRow))] = y.label(tick)
    }
    var tickColumns: [(column: Int, label: String)] = []
    for tick in x.ticks {
      guard let fx = x.fraction(of: tick) else { continue }
      let px = Int((fx * Double(canvas.pixelWidth - 1)).rounded())
      tickColumns.append((min(canvas.columns - 1, max(0, px / C.pixelsPerColumn)), x.label(tick)))
    }
    let body = canvas.lines(colour: colour, palette: palette)
    var lines = [pad + corner1 + String(repeating: horizontal, count: canvas.columns) + corner2]
    for (row, text) in body.enumerated() {
      let label = rowLabels[row] ?? ""
      let left = String(repeating: " ", count: labelWidth - label.count) + label + " "
      lines.append(left + (rowLabels[row] == nil ? vertical : leftTick) + text + vertical)
    }
    var bottom = Array(repeating: horizontal, count: canvas.columns)
    for tick in tickColumns { bottom[tick.column] = bottomTick }
    lines.append(pad + corner3 + bottom.joined() + corner4)
    // X labels centred under their ticks, skipping any that would touch the previous one.
    var labels = ""
    let total = labelWidth + 3 + canvas.columns
    for tick in tickColumns {
      let centre = labelWidth + 2 + tick.column
      var start = centre - tick.label.count / 2
      start = min(start, total - tick.label.count)
      guard start > labels.count || (labels.isEmpty && start >= 0) else { continue }
      labels += String(repeating: " ", count: start - labels.count) + tick.label
    }
    lines.append(labels)
    return lines
  }

  /// The plot rectangle of an SVG picture, with the axes, tick labels and faint grid lines.
  public func draw(
    into document: inout SVGDocument, left: Double, top: Double, width: Double, height: Double
  ) {
    let grid = "#e4e4e4"
    for tick in x.ticks {
      guard let fx = x.fraction(of: tick) else { continue }
      let px = left + fx * width
      document.line(px, top, px, top + height, stroke: grid)
      document.text(x.label(tick), x: px, y: top + height + 16, anchor: "middle")
    }
    for tick in y.ticks {
      guard let fy = y.fraction(of: tick) else { continue }
      let py = top + (1 - fy) * height
      document.line(left, py, left + width, py, stroke: grid)
      document.text(y.label(tick), x: left - 6, y: py + 4, anchor: "end")
    }
    document.rect(left, top, width, height, stroke: "#444444")
  }

  /// The SVG position of a data point inside the rectangle, or nil.
  public func position(
    x value: Double, y other: Double, left: Double, top: Double, width: Double, height: Double
  ) -> (Double, Double)? {
    guard let fx = x.fraction(of: value), let fy = y.fraction(of: other) else { return nil }
    return (left + fx * width, top + (1 - fy) * height)
  }
}
