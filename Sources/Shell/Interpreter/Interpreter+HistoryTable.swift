import Optimization

extension Interpreter {
  /// The most rows `history NAME...` prints when no `every` is given.
  static let historyRows = 20

  /// `history NAME... [FROM..TO] [every K]`: the values the run had, recomputed exactly.
  func historyTable(_ request: HistoryRequest) throws(ShellError) -> Reply {
    var columns: [(name: String, quantity: Quantity, index: Int?)] = []
    for name in request.names {
      let (base, index) = Interpreter.splitIndex(name)
      guard let quantity = Quantity(rawValue: base) else {
        throw ShellError("unknown quantity '\(base)'")
      }
      guard quantity.exists(for: session.setup.optimizer) else {
        throw ShellError("\(session.setup.optimizer.rawValue) keeps no \(base)")
      }
      if let index, !quantity.isPerFeature || index > session.setup.dataset.dimension {
        throw ShellError("\(name) is out of range")
      }
      columns.append((name, quantity, index))
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
    let quantities = columns.map(\.quantity)
    var points = session.history(of: quantities, from: from, to: to, every: every)
    if points.last?.t != to {
      points += session.history(of: quantities, from: to, to: to)
    }
    var table = TextTable(header: ["t"] + columns.map(\.name))
    var series = [[JSON]](repeating: [], count: columns.count)
    for point in points {
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
      [("t", .array(points.map { .integer($0.t) }))]
      + zip(columns, series).map { ($0.name, .array($1)) }
    return Reply(lines: lines, json: .object(pairs))
  }
}
