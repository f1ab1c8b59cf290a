import Optimization

extension Interpreter {
  /// `compare ... at T,T... reach LOSS`: the runs side by side at the chosen updates, and
  /// when each first reached the loss; both added to the text and to each run's JSON.
  func deepen(
    _ reply: Reply, _ rows: [ComparedRun], steps: Int, at: [Int], reach: Double?,
    columns: [CompareColumn]
  ) throws(ShellError) -> Reply {
    guard !at.isEmpty || reach != nil else { return reply }
    if let beyond = at.first(where: { $0 > steps }) {
      throw ShellError(
        "'at \(beyond)' is past the \(steps) updates compared (add 'steps \(beyond)')")
    }
    var lines: [String] = []
    var extra = [[(String, JSON)]](repeating: [], count: rows.count)
    for t in at {
      lines.append("at t=\(t):")
      var table = TextTable(header: ["optimizer"] + columns.map(\.name))
      for (k, row) in rows.enumerated() {
        guard t <= row.session.t else {
          let note =
            if case .interrupted = row.report.outcome {
              "(interrupted at t=\(row.session.t))"
            } else {
              "(diverged at t=\(row.session.t + 1))"
            }
          table.rows.append([row.label, note])
          extra[k].append(("at \(t)", .null))
          continue
        }
        var kept: [Quantity] = []
        for column in columns
        where column.quantity.exists(in: row.session.setup)
          && !kept.contains(column.quantity)
        {
          kept.append(column.quantity)
        }
        let recorded = row.session.history(of: kept, from: t, to: t).first!.values
        let byQuantity = Dictionary(uniqueKeysWithValues: zip(kept, recorded))
        let values = columns.map { $0.value(in: byQuantity) }
        table.rows.append([row.label] + values.map(CompareColumn.text))
        extra[k].append(
          ("at \(t)", .object(zip(columns, values).map { ($0.name, CompareColumn.json($1)) })))
      }
      lines += table.lines(fitting: screen.width, indent: "  ")
    }
    if let reach {
      let threshold = NumberFormat.text(reach)
      var reached: [(label: String, t: Int?)] = []
      for (k, row) in rows.enumerated() {
        let first = row.session.history(of: [.loss]).first {
          if case .scalar(let x) = $0.values[0] { return x < reach }
          return false
        }?.t
        reached.append((row.label, first))
        extra[k].append(("reached", first.map(JSON.integer) ?? .null))
      }
      lines.append("first update with loss < \(threshold):")
      var table = TextTable(header: ["optimizer", "t"])
      for entry in reached {
        table.rows.append([entry.label, entry.t.map(String.init) ?? "not within \(steps)"])
      }
      lines += table.lines(fitting: screen.width, indent: "  ")
      if let best = reached.filter({ $0.t != nil }).min(by: { $0.t! < $1.t! }) {
        lines.append("first to reach loss < \(threshold): \(best.label) (t=\(best.t!))")
      } else {
        lines.append("none reached loss < \(threshold) within \(Interpreter.updates(steps))")
      }
    }
    var deepened = reply
    deepened.lines += lines
    if case .object(let pairs) = reply.json, let (key, value) = pairs.first,
      case .array(let objects) = value
    {
      let merged = zip(objects, extra).map { object, more -> JSON in
        guard case .object(let inner) = object else { return object }
        return .object(inner + more)
      }
      deepened.json = .object([(key, .array(merged))] + pairs.dropFirst())
    }
    return deepened
  }
}
