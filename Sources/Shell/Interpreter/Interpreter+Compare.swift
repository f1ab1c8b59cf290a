import Dispatch
import Optimization

extension Interpreter {
  /// The updates `compare` takes when no `steps N` is given.
  static let defaultCompareSteps = 100

  /// `compare SPEC SPEC... [steps N] [at T,T...] [reach LOSS]`: every optimizer from the
  /// session's start, on its data and batching, side by side. The session itself is not
  /// changed.
  mutating func compare(
    _ specs: [OptimizerSpec], steps: Int?, at: [Int] = [], reach: Double? = nil
  ) throws(ShellError) -> Reply {
    let count = steps ?? Interpreter.defaultCompareSteps
    var setups: [RunSetup] = []
    for spec in specs {
      setups.append(try Interpreter.setup(for: spec, from: session.setup))
    }
    let started = Interpreter.runIndependently(setups, updates: count, isCancelled: isCancelled)
    let runs = started.compactMap { $0 }
    guard runs.count == started.count else {
      throw ShellError(
        "interrupted: 'compare' stopped before every run had started; the session is as it was")
    }
    let rows = zip(specs, runs).map {
      ComparedRun(label: Interpreter.label($0), session: $1.session, report: $1.report)
    }
    lastComparison = rows
    var table = TextTable(header: ["optimizer", "loss", "w", "b", "lr_w", "lr_b", ""])
    var objects: [JSON] = []
    for row in rows {
      let s = row.session.state
      var note = ""
      switch row.report.outcome {
      case .diverged(let divergence): note = "(diverged at t=\(divergence.step))"
      case .interrupted: note = "(interrupted at t=\(row.session.t))"
      default: break
      }
      table.rows.append([
        row.label, NumberFormat.text(row.session.loss),
        NumberFormat.text(Array(s.parameters.dropLast())), NumberFormat.text(s.parameters.last!),
        NumberFormat.text(Array(s.rate.dropLast())), NumberFormat.text(s.rate.last!), note,
      ])
      objects.append(
        .object([
          ("optimizer", .string(row.label)), ("t", .integer(row.session.t)),
          ("loss", .number(row.session.loss)),
          ("w", .array(s.parameters.dropLast().map(JSON.number))),
          ("b", .number(s.parameters.last!)),
          ("lr_w", .array(s.rate.dropLast().map(JSON.number))), ("lr_b", .number(s.rate.last!)),
        ]))
    }
    var lines = ["after \(count) updates from \(startDescription):"] + table.lines
    if let best = rows.min(by: { $0.session.loss < $1.session.loss }), rows.count > 1 {
      lines.append("lowest loss: \(best.label)")
    }
    let reply = Reply(lines: lines, json: .object([("compare", .array(objects))]))
    return try deepen(reply, rows, steps: count, at: at, reach: reach)
  }

  /// Runs every setup from its start for `updates` updates, each independent of the
  /// others (what `compare` and `sweep` do); stops all of them when cancelled. A run not yet
  /// started when `isCancelled` turns true is not started: its slot is nil (setting up a run
  /// on a million points is itself a pass over them).
  ///
  /// The runs share nothing, so they run concurrently on all cores (one Dispatch iteration
  /// per setup); each is deterministic and the results come back in the order of `setups`.
  /// `isCancelled` is then called from several threads at once: the host's flag is atomic.
  static func runIndependently(
    _ setups: [RunSetup], updates: Int, isCancelled: () -> Bool
  ) -> [(session: Session, report: StepReport)?] {
    guard setups.count > 1 else {
      return setups.map { setup in
        guard !isCancelled() else { return nil }
        var run = Session(setup: setup)
        let report = run.step(updates, isCancelled: isCancelled)
        return (run, report)
      }
    }
    var results = [(session: Session, report: StepReport)?](repeating: nil, count: setups.count)
    results.withUnsafeMutableBufferPointer { slots in
      withoutActuallyEscaping(isCancelled) { isCancelled in
        // Each iteration writes only its own slot, and concurrentPerform returns after the
        // last one, so handing the buffer and the closure to the threads is safe.
        let shared = IndependentRuns(slots: slots, isCancelled: isCancelled)
        DispatchQueue.concurrentPerform(iterations: setups.count) { k in
          guard !shared.isCancelled() else { return }
          var run = Session(setup: setups[k])
          let report = run.step(updates, isCancelled: shared.isCancelled)
          shared.slots[k] = (run, report)
        }
      }
    }
    return results
  }

  /// `adam`, `adam:keras`, `adam[beta2=0.99]`, as written.
  static func label(_ spec: OptimizerSpec) -> String {
    var label = spec.optimizer
    if let convention = spec.convention { label += ":\(convention)" }
    if !spec.overrides.isEmpty {
      label +=
        "[" + spec.overrides.map { "\($0.name)=\(text($0.value))" }.joined(separator: ",") + "]"
    }
    return label
  }

  static func text(_ value: SettingValue) -> String {
    switch value {
    case .number(let x): return NumberFormat.text(x)
    case .word(let w): return w
    }
  }
}

/// What the threads of ``Interpreter/runIndependently(_:updates:isCancelled:)`` share.
private struct IndependentRuns: @unchecked Sendable {
  let slots: UnsafeMutableBufferPointer<(session: Session, report: StepReport)?>
  let isCancelled: () -> Bool
}
