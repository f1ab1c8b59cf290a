import Optimization
import Plotting

extension Interpreter {
  /// Grid samples across and up the error surface.
  static let surfaceGrid = (columns: 73, rows: 49)

  /// `plot surface [over P Q]`: contour lines of the loss over two parameters (w and b
  /// when d = 1), the others held at the session's current values, with each run's path on
  /// top.
  func surface(over pair: [QuantityRef], _ request: PlotRequest) throws(ShellError) -> Figure {
    let d = session.setup.dataset.dimension
    let parameters =
      pair.isEmpty ? [QuantityRef(quantity: .w, index: 1), QuantityRef(quantity: .b)] : pair
    var indices: [Int] = []
    for parameter in parameters {
      if parameter.quantity == .b {
        indices.append(d)
        continue
      }
      let i = parameter.index ?? 1
      guard i >= 1 && i <= d else {
        throw ShellError("w has \(d) entr\(d == 1 ? "y" : "ies") (1...\(d)), found index \(i)")
      }
      indices.append(i - 1)
    }
    guard indices[0] != indices[1] else {
      throw ShellError(
        "expected two different parameters after 'over', found \(parameters[0].name) twice")
    }
    func label(_ i: Int) -> String { i == d ? "b" : d == 1 ? "w" : "w[\(i + 1)]" }
    let (xName, yName) = (label(indices[0]), label(indices[1]))

    var paths: [Series] = []
    for run in plottedRuns {
      let history = Interpreter.plottedHistory(
        of: [.w, .b], in: run.session, from: request.from, to: request.to, count: 600)
      let points = history.map { point -> Point in
        var theta = point.values[0].entries
        theta.append(Interpreter.scalar(point.values[1]))
        return Point(theta[indices[0]], theta[indices[1]])
      }.filter { $0.x.isFinite && $0.y.isFinite }
      paths.append(Series(name: run.label ?? run.session.setup.optimizer.rawValue, points: points))
    }
    let axes = try surfaceAxes(covering: paths, indices: indices, request)
    let held = session.state.parameters
    let setup = session.setup
    let xs = ContourPlot.samples(of: axes.x, count: Interpreter.surfaceGrid.columns)
    let ys = ContourPlot.samples(of: axes.y, count: Interpreter.surfaceGrid.rows)
    var theta = held
    // Each value is a pass over the data: on a million points Ctrl-C is polled every few
    // milliseconds, and an interrupted surface draws nothing.
    var grid: [[Double]] = []
    for y in ys {
      var row: [Double] = []
      for x in xs {
        if isCancelled() {
          throw ShellError("interrupted: 'plot surface' drew nothing; the session is as it was")
        }
        theta[indices[0]] = x
        theta[indices[1]] = y
        row.append(setup.loss(at: theta))
      }
      grid.append(row)
    }
    let plot = ContourPlot(
      axes: axes, grid: grid, paths: paths,
      title: "loss over (\(xName), \(yName))\(overlaysComparison ? " after compare" : "")",
      xLabel: xName, yLabel: yName)
    var lines = plot.text(
      width: screen.width, colour: drawsInColour, braille: !request.isAscii && screen.braille,
      palette: palette)
    let others = (0...d).filter { !indices.contains($0) }
    if !others.isEmpty {
      lines.append(
        "  others held at their current values: "
          + others.map { "\(label($0))=\(NumberFormat.text(held[$0]))" }.joined(separator: " "))
    }
    let json = JSON.object([
      ("plot", .string("surface")), ("x", .string(xName)), ("y", .string(yName)),
      ("levels", .array(plot.levels.map(JSON.number))),
      (
        "paths",
        .array(
          paths.map { path in
            .object([
              ("name", .string(path.name)),
              (xName, .array(path.points.map { JSON.number($0.x) })),
              (yName, .array(path.points.map { JSON.number($0.y) })),
            ])
          })
      ),
    ])
    return Figure(lines: lines, svg: plot.svg, json: json)
  }
}

extension Interpreter {
  /// The window of `plot surface`: around the paths (with a margin), or centred where
  /// `around` says, `width` wide in both parameters (4 when only `around` is given; the
  /// paths' own extent when only `width` is).
  func surfaceAxes(covering paths: [Series], indices: [Int], _ request: PlotRequest)
    throws(ShellError) -> Axes
  {
    let fitted = ContourPlot.axes(covering: paths)
    guard !request.around.isEmpty || request.windowWidth != nil else { return fitted }
    let d = session.setup.dataset.dimension
    var centre = [
      (fitted.x.lower + fitted.x.upper) / 2, (fitted.y.lower + fitted.y.upper) / 2,
    ]
    for given in request.around {
      let isBias = given.parameter.quantity == .b
      let index = given.parameter.index ?? 1
      let parameter = isBias ? d : index - 1
      guard isBias || (1...d).contains(index),
        let slot = indices.firstIndex(of: parameter)
      else {
        let shown = indices.map { $0 == d ? "b" : d == 1 ? "w" : "w[\($0 + 1)]" }
        throw ShellError(
          "'around \(given.parameter.name)=...' names a parameter the surface does not show (it shows \(shown.joined(separator: " and ")))"
        )
      }
      centre[slot] = given.value
    }
    let width = request.windowWidth ?? (request.around.isEmpty ? nil : 4)
    let spanX = width ?? (fitted.x.upper - fitted.x.lower)
    let spanY = width ?? (fitted.y.upper - fitted.y.lower)
    return Axes(
      x: NiceScale(minimum: centre[0] - spanX / 2, maximum: centre[0] + spanX / 2),
      y: NiceScale(minimum: centre[1] - spanY / 2, maximum: centre[1] + spanY / 2))
  }
}

extension QuantityValue {
  /// The numbers of the value: one, or one per feature.
  var entries: [Double] {
    switch self {
    case .scalar(let x): return [x]
    case .vector(let xs): return xs
    }
  }
}
