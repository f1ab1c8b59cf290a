import Optimization

extension Interpreter {
  /// The most rows `history NAME...` prints when no `every` is given.
  static let historyRows = 20
  /// The most rows a table may have on the screen, and in a file: a table is built in
  /// memory, so its size is refused up front rather than grown without bound.
  static let maximumScreenRows = 100_000
  static let maximumFileRows = 1_000_000

  /// One column of a history table: a quantity, and the entry of a per-feature one.
  private struct HistoryColumn {
    var name: String
    var quantity: Quantity
    /// 1-based, as typed; nil for every entry.
    var index: Int?
  }

  /// `history NAME... [FROM..TO] [every K] [to FILE]`: the values the run had, recomputed
  /// exactly, printed or written to FILE.csv or FILE.json at full precision.
  func historyTable(_ request: HistoryRequest) throws(ShellError) -> Reply {
    let format = try request.file.map { file throws(ShellError) in try tableFormat(file.path) }
    var columns: [HistoryColumn] = []
    for name in request.names {
      let (base, index) = Interpreter.splitIndex(name)
      guard let quantity = Quantity(rawValue: base) else {
        throw ShellError("unknown quantity '\(base)'")
      }
      guard quantity.exists(in: session.setup) else {
        throw ShellError("\(session.setup.optimizer.rawValue) keeps no \(base)")
      }
      if let index, !quantity.isPerFeature || index > session.setup.dataset.dimension {
        throw ShellError("\(name) is out of range")
      }
      // t is the table's first column already.
      if quantity == .t { continue }
      columns.append(HistoryColumn(name: name, quantity: quantity, index: index))
    }
    // Quantities of the last update have no value at t = 0: start at 1.
    let needsUpdate = columns.contains { $0.quantity.describesLastUpdate }
    let from = Swift.max(request.from ?? 0, needsUpdate && session.t > 0 ? 1 : 0)
    let to = Swift.min(request.to ?? session.t, session.t)
    guard from <= to else {
      throw ShellError("the run has reached t=\(session.t); nothing recorded from t=\(from)")
    }
    let every =
      request.every
      ?? Swift.max(1, (to - from + Interpreter.historyRows - 1) / Interpreter.historyRows)
    let rows = (to - from) / every + 1 + ((to - from) % every == 0 ? 0 : 1)
    let limit = format == nil ? Interpreter.maximumScreenRows : Interpreter.maximumFileRows
    guard rows <= limit else {
      throw ShellError(
        "the table would have \(rows) rows; at most \(limit) \(format == nil ? "on the screen" : "in a file"): choose a larger 'every'"
          + (format == nil ? ", or write it with 'to FILE.csv'" : ""))
    }
    if let file = request.file, let format {
      return try write(
        columns, from: from, to: to, every: every, into: file, as: format)
    }
    var table = TextTable(header: ["t"] + columns.map(\.name))
    var series = [[JSON]](repeating: [], count: columns.count)
    var ts: [JSON] = []
    try forEachRecordedPoint(columns.map(\.quantity), from: from, to: to, every: every) {
      point throws(ShellError) in
      ts.append(.integer(point.t))
      var row = [String(point.t)]
      for (k, column) in columns.enumerated() {
        let value = try Interpreter.select(
          point.values[k], quantity: column.quantity, index: column.index)
        switch value {
        case .scalar(let x):
          row.append(NumberFormat.text(x))
          series[k].append(.number(x))
        case .vector(let xs):
          row.append(NumberFormat.text(xs))
          series[k].append(.array(xs.map(JSON.number)))
        }
      }
      table.rows.append(row)
    }
    var lines = table.lines
    if request.every == nil && every > 1 {
      lines.insert("every \(every) updates ('every 1' for all of them)", at: 0)
    }
    let pairs: [(String, JSON)] =
      [("t", .array(ts))] + zip(columns, series).map { ($0.name, .array($1)) }
    return Reply(lines: lines, json: .object(pairs))
  }

  /// Visits the values after updates from, from + every, … and always `to`, replayed from
  /// the nearest checkpoint, one at a time (nothing is kept); the replay polls the interrupt.
  private func forEachRecordedPoint(
    _ quantities: [Quantity], from: Int, to: Int, every: Int,
    _ visit: (RecordedPoint) throws(ShellError) -> Void
  ) throws(ShellError) {
    let needsUpdate = quantities.contains(where: \.describesLastUpdate)
    var replay = session
    replay.rewind(to: from)
    var position = from
    while true {
      if !(needsUpdate && position == 0) {
        try visit(RecordedPoint(t: position, values: quantities.map { replay.value(of: $0) }))
      }
      guard position < to else { break }
      let next = Swift.min(position + every, to)
      let report = replay.step(next - position, isCancelled: isCancelled)
      if report.outcome == .interrupted || isCancelled() {
        throw ShellError("history interrupted at t=\(replay.t): nothing printed or written")
      }
      position = next
    }
  }

  /// One row of a table: the update and the values asked for, in order.
  private struct RecordedPoint {
    var t: Int
    var values: [QuantityValue]
  }

  /// The kinds of file a table is written as.
  private enum TableFormat { case csv, json }

  private func tableFormat(_ path: String) throws(ShellError) -> TableFormat {
    let lowered = path.lowercased()
    if lowered.hasSuffix(".csv") { return .csv }
    if lowered.hasSuffix(".json") { return .json }
    throw ShellError(
      "expected a file ending in .csv or .json after 'to', found '\(Excerpt.of(path))'")
  }

  /// Writes the table with one column per number, named as `diagnose` reads them (`w`, or
  /// `w[1]`, `w[2]` with several features), every number in its shortest round-trip form,
  /// row by row as the replay reaches it.
  private func write(
    _ columns: [HistoryColumn], from: Int, to: Int, every: Int, into file: OutputFile,
    as format: TableFormat
  ) throws(ShellError) -> Reply {
    let d = session.setup.dataset.dimension
    var names = ["t"]
    var pick: [(column: Int, entry: Int?)] = []
    for (k, column) in columns.enumerated() {
      if column.quantity.isPerFeature {
        let entries = column.index.map { [$0] } ?? Array(1...d)
        for j in entries {
          names.append(d == 1 ? column.quantity.rawValue : "\(column.quantity.rawValue)[\(j)]")
          pick.append((k, j - 1))
        }
      } else {
        names.append(column.quantity.rawValue)
        pick.append((k, nil))
      }
    }
    func number(_ point: RecordedPoint, _ p: (column: Int, entry: Int?)) -> String {
      switch point.values[p.column] {
      case .scalar(let x): return Recovery.exact(x)
      case .vector(let xs): return Recovery.exact(xs[p.entry ?? 0])
      }
    }
    var text = format == .csv ? names.joined(separator: ",") + "\n" : ""
    // JSON is written by column: one string per column, joined at the end.
    var jsonColumns = [String](repeating: "", count: format == .json ? names.count : 0)
    var count = 0
    var span: (Int, Int)?
    try forEachRecordedPoint(columns.map(\.quantity), from: from, to: to, every: every) {
      point throws(ShellError) in
      span = (span?.0 ?? point.t, point.t)
      let separator = count == 0 ? "" : ", "
      count += 1
      switch format {
      case .csv:
        text += String(point.t)
        for p in pick { text += "," + number(point, p) }
        text += "\n"
      case .json:
        jsonColumns[0] += separator + String(point.t)
        for (n, p) in pick.enumerated() { jsonColumns[n + 1] += separator + number(point, p) }
      }
    }
    if format == .json {
      let fields = names.indices.map { "  \"\(names[$0])\": [" + jsonColumns[$0] + "]" }
      text = "{\n" + fields.joined(separator: ",\n") + "\n}\n"
    }
    try files.write(file.path, contents: text, replacing: file.replace)
    let range = span.map { " (t=\($0.0)…\($0.1))" } ?? ""
    return Reply(
      lines: [
        "wrote \(named(file.path)): \(count) rows\(range), columns \(names.joined(separator: ", "))"
      ],
      json: .object([("wrote", .string(resolve(file.path))), ("rows", .integer(count))]))
  }
}
