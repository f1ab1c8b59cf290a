import Optimization

extension Interpreter {
  /// `diagnose FILE.csv [tolerance X]`: finds the settings of the run that wrote a
  /// trajectory, replays it with them, and says where it parts (the update, the quantity,
  /// both values in full, what still agrees there) and which known mistake explains it.
  func diagnose(_ path: String, tolerance: Double?) throws(ShellError) -> Reply {
    let text = try files.read(path)
    let trace: Trace
    do {
      trace = try Trace.parsingCSV(
        text, name: path, dimension: session.setup.dataset.dimension,
        nearest: { typed, names in [Term](names.map { Term($0, "") }).suggestions(for: typed) })
    } catch {
      throw ShellError(error.message)
    }
    let recovery = Recovery.recover(trace, setup: session.setup, isCancelled: isCancelled)
    if isCancelled() { throw ShellError("diagnose interrupted: nothing changed") }
    let setup = recovery.setup
    let diagnosis: Diagnosis
    do {
      diagnosis = try Diagnosis.diagnose(
        trace, setup: setup, tolerance: tolerance, isCancelled: isCancelled)
    } catch {
      switch error {
      case .interrupted: throw ShellError("diagnose interrupted: nothing changed")
      case .tooFar(let t):
        throw ShellError(
          "\(path): the trace reaches t=\(t); diagnose replays at most \(Diagnosis.maximumUpdates) updates"
        )
      }
    }
    let ts = trace.rows.map(\.t)
    var lines = [
      "\(path): \(trace.rows.count) rows (t=\(ts.first!)…\(ts.last!)), columns "
        + trace.columns.map(\.name).joined(separator: ", ")
    ]
    lines += notReplayingChanges
    lines += describe(recovery)
    lines.append(
      "replayed with \(setup.optimizer.rawValue) (\(setup.convention.rawValue)) at those settings; tolerance \(NumberFormat.text(diagnosis.tolerance)) relative"
    )
    var pairs: [(String, JSON)] = [
      ("rows", .integer(trace.rows.count)), ("found", json(recovery)),
      ("tolerance", .number(diagnosis.tolerance)),
    ]
    if case .object(let noted) = notingChangesNotReplayed(.object([])) { pairs += noted }
    guard let gap = diagnosis.gap else {
      lines.append("no difference: every row matches")
      pairs.append(("gap", .null))
      return Reply(lines: lines, json: .object(pairs))
    }
    lines.append(describe(gap))
    pairs.append(("gap", json(gap)))
    var place: String?
    if let location = diagnosis.location {
      place = location.line(of: setup.optimizer)
      lines += describe(location, place: place!)
      pairs.append(("location", json(location, place: place!)))
    }
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
    }
    pairs.append(("tried", .array(tried)))
    if let mistake = diagnosis.explanation {
      lines.append("explained by: \(mistake.description)")
      pairs.append(("explanation", .string(mistake.description)))
    } else {
      lines.append(
        "no known mistake explains every row: the fault is in "
          + (place.map { "\($0), first at t=\(gap.t)" } ?? "update t=\(gap.t)"))
      pairs.append(("explanation", .null))
    }
    return Reply(lines: lines, json: .object(pairs))
  }

  /// "your run: …" and how each setting was found.
  private func describe(_ recovery: Recovery) -> [String] {
    let setup = recovery.setup
    let h = setup.hyperparameters
    var settings = ["\(setup.optimizer.rawValue)", "η \(Recovery.exact(h.learningRate))"]
    if setup.optimizer.isAdamFamily {
      settings += ["β₁ \(Recovery.exact(h.beta1))", "β₂ \(Recovery.exact(h.beta2))"]
    } else if [.rmsprop, .adadelta, .maxprop, .momentum, .nag].contains(setup.optimizer) {
      settings.append("β \(Recovery.exact(h.beta))")
    }
    if ![.gd, .momentum, .nag].contains(setup.optimizer) {
      let placement = recovery.rule.flatMap { rule -> EpsilonPlacement? in
        if case .epsilonPlacement(let p) = rule { return p }
        return nil
      }
      settings.append(
        "ε \(Recovery.exact(h.epsilon))" + (placement.map { " " + Interpreter.where($0) } ?? ""))
    }
    if setup.optimizer == .adamw { settings.append("λ \(Recovery.exact(h.weightDecay))") }
    settings += ["batch \(setup.training.batch)", "from \(Interpreter.startText(setup))"]
    switch recovery.method {
    case .none:
      return [
        "your run: the trace has no parameters to fit settings to; the session's are used: "
          + settings.joined(separator: ", ")
      ]
    case .grid(let tried, let fitting, let rows):
      var lines = ["your run, found by replaying settings: " + settings.joined(separator: ", ")]
      if fitting == 0 {
        lines.append(
          "  not sure: none of \(tried) settings tried fits the first \(rows) rows; this one agrees longest"
        )
      } else if fitting == 1 {
        lines.append(
          "  sure: of \(tried) settings tried, only this one fits the first \(rows) rows")
      } else {
        lines.append(
          "  not sure: \(fitting) of \(tried) settings tried fit the first \(rows) rows, such as "
            + recovery.alternatives.prefix(2).joined(separator: "; "))
      }
      lines += recovery.findings.filter { $0.name == "start" }.map { "  start: \($0.source)" }
      return lines
    case .exact:
      var lines = ["your run, found from the trace: " + settings.joined(separator: ", ")]
      if let rule = recovery.rule {
        lines.append("  (the steps fit best with: \(rule.description))")
      }
      for finding in recovery.findings {
        var line = "  \(finding.name)"
        if !finding.value.isEmpty { line += " \(finding.value)" }
        line += ": \(finding.source)"
        if let spread = finding.spread {
          line +=
            finding.name == "start"
            ? " (the first row replayed from it agrees to \(NumberFormat.text(spread, digits: 2)))"
            : spread > 1e-6
              ? " (the rows agree only to \(NumberFormat.text(spread, digits: 2)): no rule tried fits exactly)"
              : " (the rows agree to \(NumberFormat.text(spread, digits: 2)))"
        }
        lines.append(line)
      }
      return lines
    }
  }

  private static func `where`(_ placement: EpsilonPlacement) -> String {
    switch placement {
    case .inside: return "inside the root"
    case .outside: return "outside the root"
    case .hat: return "as Keras's ε-hat"
    case .max: return "inside the max"
    }
  }

  /// `w=[-2] b=-2` for a setup's start.
  static func startText(_ setup: RunSetup) -> String {
    "w=[" + setup.start.dropLast().map(Recovery.exact).joined(separator: ", ") + "] b="
      + Recovery.exact(setup.start.last!)
  }

  private func describe(_ gap: TraceGap) -> String {
    guard let ours = gap.ours else {
      return
        "first difference at t=\(gap.t): adalab's run diverged before it; yours has \(gap.column) = \(gap.theirs)"
    }
    return
      "first difference at t=\(gap.t), \(gap.column): yours \(gap.theirs), adalab's \(ours) (relative gap \(NumberFormat.text(gap.relativeGap, digits: 2)))"
  }

  private func describe(_ location: Location, place: String) -> [String] {
    var lines: [String] = []
    if !location.agreeing.isEmpty {
      lines.append(
        "at t=\(location.t) these still agree: \(location.agreeing.joined(separator: ", ")); these part: \(location.parting.joined(separator: ", "))"
      )
    }
    lines.append("so the fault is in \(place)")
    if !location.hasState {
      lines.append("(the trace has only parameters: write m and v too to narrow it down)")
    }
    return lines
  }

  private func json(_ gap: TraceGap) -> JSON {
    .object([
      ("t", .integer(gap.t)), ("column", .string(gap.column)), ("theirs", .number(gap.theirs)),
      ("ours", gap.ours.map(JSON.number) ?? .null), ("relative", .number(gap.relativeGap)),
    ])
  }

  private func json(_ location: Location, place: String) -> JSON {
    .object([
      ("t", .integer(location.t)),
      ("agreeing", .array(location.agreeing.map(JSON.string))),
      ("parting", .array(location.parting.map(JSON.string))), ("line", .string(place)),
    ])
  }

  private func json(_ recovery: Recovery) -> JSON {
    let h = recovery.setup.hyperparameters
    let method: String
    switch recovery.method {
    case .exact: method = "exact"
    case .grid: method = "grid"
    case .none: method = "none"
    }
    return .object([
      ("method", .string(method)), ("optimizer", .string(recovery.setup.optimizer.rawValue)),
      ("eta", .number(h.learningRate)), ("beta1", .number(h.beta1)),
      ("beta2", .number(h.beta2)), ("beta", .number(h.beta)), ("epsilon", .number(h.epsilon)),
      ("batch", .string("\(recovery.setup.training.batch)")),
      ("start", .array(recovery.setup.start.map(JSON.number))),
      ("rule", recovery.rule.map { .string($0.description) } ?? .null),
    ])
  }
}
