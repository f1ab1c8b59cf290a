import Plotting

extension Interpreter {
  /// The powers of the floating-point table of `plot norms`.
  static let tablePowers: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]

  /// `plot norms [p=...] [g=...]`: the unit curves |x₁|ᵖ + |x₂|ᵖ = 1, and a table of
  /// (Σ|gᵢ|ᵖ)^(1/p) computed as written for growing p against max|gᵢ|, for the gradient of the
  /// last update or the given g.
  func norms(_ powers: [Double], gradient: [Double]?, _ request: PlotRequest) throws(ShellError)
    -> Figure
  {
    let g: [Double]
    if let gradient {
      g = gradient
    } else {
      guard session.t > 0 else {
        throw ShellError(
          "plot norms uses the gradient of the last update, and there is none yet (t=0): step first, or give one: plot norms g=0.1,1e-3"
        )
      }
      g = session.state.gradient
    }
    let series = powers.map { p in
      Series(
        name: p.isFinite ? "p=\(NumberFormat.text(p))" : "p=inf", points: LpNorm.unitCurve(p: p))
    }
    let chart = LineChart(
      series: series, title: "unit curves |x1|^p + |x2|^p = 1", xLabel: "x1", equalAspect: true,
      rows: chartRows)
    var lines = chart.text(
      width: screen.width, colour: drawsInColour, braille: !request.isAscii && screen.braille,
      palette: palette)
    let source = gradient == nil ? "the last update's gradient (dw, db)" : "g"
    lines.append("\(source) = \(NumberFormat.text(g)): the Lp norm computed as written")
    let rows = LpNorm.table(g, powers: Interpreter.tablePowers)
    var table = TextTable(header: ["p", "sum |g_i|^p", "(sum)^(1/p)", "scaled", ""])
    for row in rows {
      table.rows.append([
        NumberFormat.text(row.p), NumberFormat.text(row.powerSum, digits: 4),
        NumberFormat.text(row.direct, digits: 6), NumberFormat.text(row.scaled, digits: 6),
        row.verdict.rawValue,
      ])
    }
    let largest = g.map(abs).max() ?? 0
    table.rows.append(["inf", "", "", NumberFormat.text(largest), "max|g_i|: adamax's norm"])
    lines += table.lines
    lines.append(
      "scaled = max|g_i| * (sum (|g_i|/max|g_i|)^p)^(1/p): the same norm, never out of range")
    var json = Interpreter.json(kind: "norms", series, x: "x1", y: "x2")
    if case .object(var pairs) = json {
      pairs.append(("g", .array(g.map(JSON.number))))
      pairs.append(
        (
          "table",
          .array(
            rows.map { row in
              .object([
                ("p", .number(row.p)), ("sum", .number(row.powerSum)),
                ("direct", .number(row.direct)), ("scaled", .number(row.scaled)),
                ("verdict", .string(row.verdict.rawValue)),
              ])
            })
        ))
      pairs.append(("max", .number(largest)))
      json = .object(pairs)
    }
    return Figure(lines: lines, svg: chart.svg, json: json)
  }
}
