import Optimization

extension Interpreter {
  /// `diagnose FILE.csv [tolerance X]`: where a trajectory written by someone's code parts
  /// from the session's setup run from its start, and which known mistake explains it.
  func diagnose(_ path: String, tolerance: Double?) throws(ShellError) -> Reply {
    let text = try files.read(path)
    let trace: Trace
    do {
      trace = try Trace.parsingCSV(text, name: path, dimension: session.setup.dataset.dimension)
    } catch {
      throw ShellError(error.message)
    }
    let setup = session.setup
    let diagnosis = Diagnosis.diagnose(trace, setup: setup, tolerance: tolerance)
    let reference =
      "\(setup.optimizer.rawValue) (\(setup.convention.rawValue)), batch \(setup.training.batch), from \(startDescription)"
    let ts = trace.rows.map(\.t)
    var lines = [
      "\(path): \(trace.rows.count) rows (t=\(ts.first!)…\(ts.last!)), columns "
        + trace.columns.map(\.name).joined(separator: ", "),
      "replayed with \(reference); tolerance \(NumberFormat.text(diagnosis.tolerance)) relative",
    ]
    var pairs: [(String, JSON)] = [
      ("rows", .integer(trace.rows.count)), ("tolerance", .number(diagnosis.tolerance)),
    ]
    guard let gap = diagnosis.gap else {
      lines.append("no difference: every row matches")
      pairs.append(("gap", .null))
      return Reply(lines: lines, json: .object(pairs))
    }
    lines.append(describe(gap, first: true))
    pairs.append(("gap", json(gap)))
    var tried: [JSON] = []
    lines.append("known mistakes, tried one by one:")
    for (mistake, gap) in diagnosis.tried {
      let outcome = gap.map { "parts at t=\($0.t) (\($0.column))" } ?? "matches every row"
      lines.append("  \(gap == nil ? "✓" : "✗") \(mistake.description): \(outcome)")
      tried.append(
        .object([
          ("mistake", .string(mistake.description)),
          ("parts_at", gap.map { .integer($0.t) } ?? .null),
        ]))
      if gap == nil { break }
    }
    pairs.append(("tried", .array(tried)))
    if let mistake = diagnosis.explanation {
      lines.append("explained by: \(mistake.description)")
      pairs.append(("explanation", .string(mistake.description)))
    } else {
      if let closest = diagnosis.closest {
        lines.append(
          "no known mistake explains every row; closest: \(closest.mistake.description) (agrees before t=\(closest.gap.t))"
        )
      } else {
        lines.append("no known mistake explains it")
      }
      pairs.append(("explanation", .null))
    }
    return Reply(lines: lines, json: .object(pairs))
  }

  private func describe(_ gap: TraceGap, first: Bool) -> String {
    guard let ours = gap.ours else {
      return
        "first difference at t=\(gap.t): adalab's run diverged before it; yours has \(gap.column) = \(NumberFormat.text(gap.theirs))"
    }
    return
      "first difference at t=\(gap.t), \(gap.column): yours \(NumberFormat.text(gap.theirs)), adalab's \(NumberFormat.text(ours)) (gap \(NumberFormat.text(abs(gap.theirs - ours))), relative \(NumberFormat.text(gap.relativeGap, digits: 2)))"
  }

  private func json(_ gap: TraceGap) -> JSON {
    .object([
      ("t", .integer(gap.t)), ("column", .string(gap.column)), ("theirs", .number(gap.theirs)),
      ("ours", gap.ours.map(JSON.number) ?? .null), ("relative", .number(gap.relativeGap)),
    ])
  }
}
