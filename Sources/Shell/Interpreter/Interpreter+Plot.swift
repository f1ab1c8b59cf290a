import Foundation
import Optimization
import Plotting

/// A drawn picture: the terminal text, the same picture as SVG, and the plotted data.
struct Figure {
  var lines: [String]
  var svg: String
  var json: JSON
}

extension Interpreter {
  /// `plot ...`: draws the picture for the display, writes it as SVG when asked, and hands
  /// the SVG on for `export`. The session does not move.
  func plot(_ request: PlotRequest) throws(ShellError) -> Reply {
    var figure: Figure
    switch request.subject {
    case .quantities(let names): figure = try curves(names, request)
    case .surface(let pair): figure = try surface(over: pair, request)
    case .norms(let powers, let gradient): figure = try norms(powers, gradient: gradient, request)
    case .bias: figure = try bias(request)
    }
    if let file = request.file {
      try files.write(file.path, contents: figure.svg, replacing: file.replace)
      figure.lines.append("wrote \(named(file.path))")
      if case .object(var pairs) = figure.json {
        pairs.append(("file", .string(resolve(file.path))))
        figure.json = .object(pairs)
      }
    }
    var reply = Reply(lines: figure.lines, json: figure.json)
    reply.figures = [figure.svg]
    return reply
  }

  /// Whether `plot` draws the runs of the last `compare`: only while the session is where
  /// it was when they ran.
  var overlaysComparison: Bool {
    guard let comparedAt, !lastComparison.isEmpty else { return false }
    return comparedAt.setup == session.setup && comparedAt.t == session.t
  }

  /// The runs a plot draws: the compared ones, or the session alone (no label).
  var plottedRuns: [(label: String?, session: Session)] {
    overlaysComparison ? lastComparison.map { ($0.label, $0.session) } : [(nil, session)]
  }

  /// Terminal rows for a chart on the current display.
  var chartRows: Int { screen.width < 60 ? 12 : 16 }

  /// The points a plot draws from `run`: at most about `count` evenly spaced updates between
  /// `from` and `to` (clamped to the run), always with the last one.
  static func plottedHistory(
    of quantities: [Quantity], in run: Session, from: Int?, to: Int?, count: Int = 400
  ) -> [HistoryPoint] {
    let last = min(to ?? run.t, run.t)
    let first = min(max(0, from ?? 0), last)
    let every = max(1, (last - first + count - 1) / count)
    var points = run.history(of: quantities, from: first, to: last, every: every)
    if let end = points.last, end.t != last {
      points += run.history(of: quantities, from: last, to: last)
    }
    return points
  }

  /// `plot NAME...`: each quantity against t, one series per entry of a per-feature one.
  func curves(_ names: [String], _ request: PlotRequest) throws(ShellError) -> Figure {
    let runs = plottedRuns
    guard runs.contains(where: { $0.session.t > 0 }) else {
      throw ShellError("nothing recorded yet (t=0): step first, then plot")
    }
    var wanted: [(name: String, quantity: Quantity, index: Int?)] = []
    for name in names {
      let (base, index) = Interpreter.splitIndex(name)
      guard let quantity = Quantity(rawValue: base) else {
        throw ShellError("unknown quantity '\(base)'")
      }
      if !overlaysComparison { _ = try resolveQuantity(base) }
      wanted.append((name, quantity, index))
    }
    if let from = request.from, runs.allSatisfy({ from > $0.session.t }) {
      throw ShellError("nothing recorded from t=\(from): the run is at t=\(session.t)")
    }
    var series: [Series] = []
    var notes: [String] = []
    for run in runs {
      var ofRun: [Series] = []
      for item in wanted {
        guard item.quantity.exists(in: run.session.setup) else {
          notes.append(
            "(\(run.label ?? run.session.setup.optimizer.rawValue) keeps no \(item.quantity.rawValue))"
          )
          continue
        }
        let history = Interpreter.plottedHistory(
          of: [item.quantity], in: run.session, from: request.from, to: request.to)
        ofRun += try Interpreter.series(
          named: item.name, index: item.index, quantity: item.quantity, from: history)
      }
      if let label = run.label {
        for i in ofRun.indices {
          ofRun[i].name = ofRun.count == 1 ? label : "\(label) \(ofRun[i].name)"
        }
      }
      series += ofRun
    }
    guard !series.isEmpty else { throw ShellError(notes.first ?? "nothing to plot") }
    if request.isLogarithmic {
      for curve in series where !curve.points.contains(where: { $0.y > 0 && $0.y.isFinite }) {
        notes.append("(\(curve.name) has no positive values to draw on a log scale)")
      }
    }
    // The settings not at their defaults are named: a plot of lr_w with bias correction off
    // says so.
    let about =
      overlaysComparison
      ? "after compare"
      : ([Interpreter.runName(session.setup)] + Interpreter.settingsNotAtDefaults(session.setup)
        + ["t=\(session.t)"]).joined(separator: ", ")
    let title =
      "\(names.joined(separator: ", ")) against t (\(about)\(request.isLogarithmic ? ", log scale" : ""))"
    let chart = LineChart(
      series: series, title: title, logarithmic: request.isLogarithmic, rows: chartRows)
    return Figure(
      lines: chart.text(
        width: screen.width, colour: drawsInColour, braille: !request.isAscii && screen.braille,
        palette: palette)
        + notes,
      svg: chart.svg, json: Interpreter.json(kind: "curves", series))
  }

  /// The series of one quantity from its history: one, or one per feature.
  static func series(
    named name: String, index: Int?, quantity: Quantity, from history: [HistoryPoint]
  ) throws(ShellError) -> [Series] {
    guard let first = history.first else { return [] }
    switch first.values[0] {
    case .scalar:
      guard index == nil else {
        throw ShellError("\(quantity.rawValue) is one number; it takes no index [\(index!)]")
      }
      return [Series(name: name, points: history.map { Point(Double($0.t), scalar($0.values[0])) })]
    case .vector(let entries):
      if let index {
        guard index >= 1 && index <= entries.count else {
          throw ShellError(
            "\(quantity.rawValue) has \(entries.count) entr\(entries.count == 1 ? "y" : "ies") (1...\(entries.count)), found index \(index)"
          )
        }
        return [
          Series(
            name: name, points: history.map { Point(Double($0.t), entry($0.values[0], index - 1)) })
        ]
      }
      return entries.indices.map { i in
        Series(
          name: entries.count == 1 ? quantity.rawValue : "\(quantity.rawValue)[\(i + 1)]",
          points: history.map { Point(Double($0.t), entry($0.values[0], i)) })
      }
    }
  }

  static func scalar(_ value: QuantityValue) -> Double {
    if case .scalar(let x) = value { return x }
    return .nan
  }

  static func entry(_ value: QuantityValue, _ i: Int) -> Double {
    if case .vector(let xs) = value, i < xs.count { return xs[i] }
    return .nan
  }

  /// `{"plot": KIND, "series": [{"name", "t", "values"}]}`.
  static func json(kind: String, _ series: [Series], x: String = "t", y: String = "values") -> JSON
  {
    .object([
      ("plot", .string(kind)),
      (
        "series",
        .array(
          series.map { curve in
            .object([
              ("name", .string(curve.name)),
              (x, .array(curve.points.map { JSON.number($0.x) })),
              (y, .array(curve.points.map { JSON.number($0.y) })),
            ])
          })
      ),
    ])
  }

  /// `plot bias`: Adam's m_b and m_hat_b against the running mean of db over the first
  /// updates, so that the shrinkage of m by 1 − beta1^t shows.
  func bias(_ request: PlotRequest) throws(ShellError) -> Figure {
    let setup = session.setup
    guard setup.optimizer.isAdamFamily else {
      let what =
        Quantity.mB.exists(for: setup.optimizer)
        ? "keeps m but never corrects its bias" : "keeps no first moment m"
      throw ShellError(
        "\(setup.optimizer.rawValue) \(what), so it has no bias correction to draw (try 'use adam')"
      )
    }
    guard session.t > 0 else {
      throw ShellError("nothing recorded yet (t=0): step first, then plot bias")
    }
    let last = min(request.to ?? 50, session.t)
    let first = max(1, min(request.from ?? 1, last))
    let history = session.history(of: [.db, .mB, .mHatB], from: 1, to: last)
    var db: [Point] = []
    var mean: [Point] = []
    var m: [Point] = []
    var mHat: [Point] = []
    var sum = 0.0
    for (count, point) in history.enumerated() {
      sum += Interpreter.scalar(point.values[0])
      guard point.t >= first else { continue }
      let t = Double(point.t)
      db.append(Point(t, Interpreter.scalar(point.values[0])))
      mean.append(Point(t, sum / Double(count + 1)))
      m.append(Point(t, Interpreter.scalar(point.values[1])))
      mHat.append(Point(t, Interpreter.scalar(point.values[2])))
    }
    let series = [
      Series(name: "db", points: db), Series(name: "mean of db so far", points: mean),
      Series(name: "m_b", points: m), Series(name: "m_hat_b", points: mHat),
    ]
    let beta1 = setup.hyperparameters.beta1
    let chart = LineChart(
      series: series,
      title:
        "bias correction: m_b, m_hat_b and the mean of db ("
        + ([Interpreter.runName(setup), "beta1 \(NumberFormat.text(beta1))"]
        + Interpreter.settingsNotAtDefaults(setup).filter { !$0.hasPrefix("beta1 ") })
        .joined(separator: ", ") + ")",
      logarithmic: request.isLogarithmic, rows: chartRows)
    var lines = chart.text(
      width: screen.width, colour: drawsInColour, braille: !request.isAscii && screen.braille,
      palette: palette)
    let marks = [1, 2, 5, 10, 20, 50].filter { $0 < last } + [last]
    lines.append(
      "1 - beta1^t: "
        + marks.map { "t=\($0) \(NumberFormat.text(1 - pow(beta1, Double($0)), digits: 3))" }
        .joined(separator: ", "))
    if !setup.hyperparameters.biasCorrection {
      lines.append("(bias_correction is off: m_hat_b is m_b)")
    }
    return Figure(lines: lines, svg: chart.svg, json: Interpreter.json(kind: "bias", series))
  }
}
