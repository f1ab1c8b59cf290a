import Foundation
import Optimization

extension Interpreter {
  /// Values `sweep` tries when no count is given.
  static let defaultSweepCount = 5
  /// The most values one `sweep` tries: each is a whole run kept in memory and a row of the
  /// table.
  static let maximumSweepCount = 10_000

  /// `sweep SETTING FROM..TO [log] [N] [steps N]`: the current setup with one setting at
  /// each value, every run independent and from the same start, side by side.
  mutating func sweep(_ request: SweepRequest) throws(ShellError) -> Reply {
    let setting = request.setting
    let count = request.count ?? Interpreter.defaultSweepCount
    guard count <= Interpreter.maximumSweepCount else {
      // A run keeps at least its parameters and the optimizer's buffers: about eight vectors
      // of d + 1 numbers.
      let bytes = Double(count) * Double(8 * 8 * (session.setup.dataset.dimension + 1) + 256)
      throw ShellError(
        "sweep tries at most \(Interpreter.maximumSweepCount) values, found \(count) (their runs would need at least \(ByteCount.text(bytes)))"
      )
    }
    if request.logarithmic && (request.from <= 0 || request.to <= 0) {
      throw ShellError(
        "a log sweep needs both ends > 0, found \(NumberFormat.text(request.from))..\(NumberFormat.text(request.to))"
      )
    }
    let values = (0..<count).map { k -> Double in
      let f = Double(k) / Double(count - 1)
      if k == count - 1 { return request.to }
      return request.logarithmic
        ? request.from * pow(request.to / request.from, f)
        : request.from + (request.to - request.from) * f
    }
    var setups: [RunSetup] = []
    for value in values {
      do {
        setups.append(try session.setup.setting(setting, to: .number(value)))
      } catch {
        throw ShellError(error.message)
      }
    }
    let steps = request.steps ?? Interpreter.defaultCompareSteps
    let started = Interpreter.runIndependently(
      setups, updates: steps, isCancelled: isCancelled, progress: progress)
    // After Ctrl-C the values whose runs never started are left out, and said to be.
    let ranValues = zip(values, started).filter { $0.1 != nil }.map(\.0)
    let runs = started.compactMap { $0 }
    var table = TextTable(header: [setting.rawValue, "loss", "w", "b", ""])
    var objects: [JSON] = []
    for (value, run) in zip(ranValues, runs) {
      let p = run.session.state.parameters
      var note = ""
      var pairs: [(String, JSON)] = [
        ("value", .number(value)), ("t", .integer(run.session.t)),
        ("loss", .number(run.session.loss)), ("w", .array(p.dropLast().map(JSON.number))),
        ("b", .number(p.last!)),
      ]
      switch run.report.outcome {
      case .diverged(let divergence):
        note = "(diverged at t=\(divergence.step): \(divergence.quantity.rawValue))"
        pairs.append(("diverged", .integer(divergence.step)))
      case .interrupted: note = "(interrupted at t=\(run.session.t))"
      default: break
      }
      table.rows.append([
        NumberFormat.text(value), NumberFormat.text(run.session.loss),
        NumberFormat.text(Array(p.dropLast())), NumberFormat.text(p.last!), note,
      ])
      objects.append(.object(pairs))
    }
    let setup = session.setup
    var lines =
      [
        "\(setup.optimizer.rawValue) (\(setup.convention.rawValue)), "
          + "\(Interpreter.updates(steps)) from \(startDescription):"
      ]
      + notReplayingChanges + table.lines(fitting: screen.width)
    let finished = zip(ranValues, runs).filter {
      if case .diverged = $0.1.report.outcome { return false }
      return true
    }
    if runs.count < started.count {
      lines.append("interrupted: \(started.count - runs.count) of \(started.count) values not run")
    }
    if let best = finished.min(by: { $0.1.session.loss < $1.1.session.loss }) {
      lines.append("lowest loss: \(setting.rawValue) \(NumberFormat.text(best.0))")
    }
    return Reply(
      lines: lines, json: notingChangesNotReplayed(.object([("sweep", .array(objects))])))
  }
}
