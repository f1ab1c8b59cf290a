import Dispatch
import Optimization

extension Interpreter {
  /// The updates `compare` takes when no `steps N` is given.
  static let defaultCompareSteps = 100

  /// `compare SPEC SPEC... [steps N] [at T,T...] [reach LOSS] [show NAME,...]`: every
  /// optimizer from the session's start, on its data and batching, side by side. The session
  /// itself is not changed.
  ///
  /// A run of the session's own optimizer and convention starts from the session's current
  /// settings (after `set eta 1`, `compare adam adam[beta2=0.99]` runs both at η = 1); any
  /// other starts from its convention's defaults. Rows whose settings are not all in their
  /// label are followed by the settings that differ from the defaults. The table fits the
  /// screen: columns that do not fit beside each other are stacked; `show` picks them.
  mutating func compare(
    _ specs: [OptimizerSpec], steps: Int?, at: [Int] = [], reach: Double? = nil,
    show: [QuantityRef] = []
  ) throws(ShellError) -> Reply {
    let count = steps ?? Interpreter.defaultCompareSteps
    let columns = try compareColumns(show)
    var setups: [RunSetup] = []
    for spec in specs {
      setups.append(try Interpreter.setup(for: spec, from: session.setup, keepingSettings: true))
    }
    let started = Interpreter.runIndependently(
      setups, updates: count, isCancelled: isCancelled, progress: progress)
    let runs = started.compactMap { $0 }
    guard runs.count == started.count else {
      throw ShellError(
        "interrupted: 'compare' stopped before every run had started; the session is as it was")
    }
    let rows = zip(specs, runs).map {
      ComparedRun(label: Interpreter.label($0), session: $1.session, report: $1.report)
    }
    lastComparison = rows
    var table = TextTable(header: ["optimizer"] + columns.map(\.name) + [""])
    var objects: [JSON] = []
    for row in rows {
      let s = row.session.state
      var note = ""
      switch row.report.outcome {
      case .diverged(let divergence): note = "(diverged at t=\(divergence.step))"
      case .interrupted: note = "(interrupted at t=\(row.session.t))"
      default: break
      }
      let values = columns.map { $0.value(in: row.session) }
      table.rows.append([row.label] + values.map(CompareColumn.text) + [note])
      objects.append(
        .object(
          [
            ("optimizer", .string(row.label)), ("t", .integer(row.session.t)),
            ("loss", .number(row.session.loss)),
            ("w", .array(s.parameters.dropLast().map(JSON.number))),
            ("b", .number(s.parameters.last!)),
            ("lr_w", .array(s.rate.dropLast().map(JSON.number))), ("lr_b", .number(s.rate.last!)),
          ]
            + zip(columns, values).filter { column, _ in
              !CompareColumn.defaults.contains { $0.name == column.name }
            }
            .map { ($0.0.name, CompareColumn.json($0.1)) }))
    }
    var lines = ["after \(Interpreter.updates(count)) from \(startDescription):"]
    lines += notReplayingChanges
    lines += table.lines(fitting: screen.width)
    var settingLines: [String] = []
    for (spec, row) in zip(specs, rows) {
      let differing = Interpreter.settingsNotAtDefaults(row.session.setup)
      let inLabel = Set(spec.overrides.map(\.setting.rawValue))
      if differing.contains(where: { !inLabel.contains(String($0.prefix { $0 != " " })) }) {
        settingLines.append("  \(row.label): \(differing.joined(separator: ", "))")
      }
    }
    if !settingLines.isEmpty { lines += ["settings not at their defaults:"] + settingLines }
    if let best = rows.min(by: { $0.session.loss < $1.session.loss }), rows.count > 1 {
      lines.append("lowest loss: \(best.label)")
    }
    let reply = Reply(
      lines: lines, json: notingChangesNotReplayed(.object([("compare", .array(objects))])))
    return try deepen(reply, rows, steps: count, at: at, reach: reach, columns: columns)
  }

  /// `1 update`, `1000 updates`.
  static func updates(_ count: Int) -> String {
    count == 1 ? "1 update" : "\(count) updates"
  }

  /// The columns `show` names, or loss, w, b, lr_w and lr_b; checked against the data.
  func compareColumns(_ quantities: [QuantityRef]) throws(ShellError) -> [CompareColumn] {
    var columns: [CompareColumn] = []
    for ref in quantities.isEmpty ? CompareColumn.defaults : quantities {
      let dimension = session.setup.dataset.dimension
      if let index = ref.index, !ref.quantity.isPerFeature || !(1...dimension).contains(index) {
        throw ShellError("\(ref.name) is out of range")
      }
      columns.append(CompareColumn(name: ref.name, quantity: ref.quantity, index: ref.index))
    }
    return columns
  }

  /// Runs every setup from its start for `updates` updates, each independent of the
  /// others (what `compare` and `sweep` do); stops all of them when cancelled. A run not yet
  /// started when `isCancelled` turns true is not started: its slot is nil (setting up a run
  /// on a million points is itself a pass over them).
  ///
  /// The runs share nothing, so they run concurrently on all cores (one Dispatch iteration
  /// per setup); each is deterministic and the results come back in the order of `setups`.
  /// `isCancelled` is then called from several threads at once: the host's flag is atomic.
  ///
  /// With `progress`, each run steps in pieces and the runs' updates are added up for the
  /// host's progress line (see ``RunTally``); the results are the same bits.
  static func runIndependently(
    _ setups: [RunSetup], updates: Int, isCancelled: () -> Bool,
    progress: ((StepProgress) -> Void)? = nil
  ) -> [(session: Session, report: StepReport)?] {
    let tally = progress.map { RunTally(runs: setups.count, updates: updates, report: $0) }
    guard setups.count > 1 else {
      return setups.map { setup in
        guard !isCancelled() else { return nil }
        var run = Session(setup: setup)
        let report =
          tally.map { run.step(updates, isCancelled: isCancelled, tally: $0) }
          ?? run.step(updates, isCancelled: isCancelled)
        return (run, report)
      }
    }
    var results = [(session: Session, report: StepReport)?](repeating: nil, count: setups.count)
    results.withUnsafeMutableBufferPointer { slots in
      withoutActuallyEscaping(isCancelled) { isCancelled in
        // Each iteration writes only its own slot, and concurrentPerform returns after the
        // last one, so handing the buffer and the closure to the threads is safe.
        let shared = IndependentRuns(slots: slots, isCancelled: isCancelled, tally: tally)
        DispatchQueue.concurrentPerform(iterations: setups.count) { k in
          guard !shared.isCancelled() else { return }
          var run = Session(setup: setups[k])
          let report =
            shared.tally.map { run.step(updates, isCancelled: shared.isCancelled, tally: $0) }
            ?? run.step(updates, isCancelled: shared.isCancelled)
          shared.slots[k] = (run, report)
        }
      }
    }
    return results
  }

  /// `adam`, `adam:keras`, `adam[beta2=0.99]`, as written.
  static func label(_ spec: OptimizerSpec) -> String {
    var label = spec.optimizer.rawValue
    if let convention = spec.convention { label += ":\(convention.rawValue)" }
    if !spec.overrides.isEmpty {
      label +=
        "["
        + spec.overrides.map { "\($0.setting.rawValue)=\(text($0.value))" }.joined(separator: ",")
        + "]"
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
  let tally: RunTally?
}
