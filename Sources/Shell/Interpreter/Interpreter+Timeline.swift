import Optimization

/// Changing course mid-run: `set` at t > 0, `use … from here`, and `show timeline`.
extension Interpreter {
  /// `set NAME VALUE` at t > 0: `next` governs the updates after t, the state is kept.
  /// Replies `eta = 0.5 from t=21`, and how many later changes the edit dropped.
  mutating func changeCourse(to next: RunSetup, setting: Setting) -> Reply {
    let value = next.value(of: setting)
    let name = setting.rawValue
    guard next != session.setup else {
      return Reply(
        lines: ["\(name) = \(Interpreter.text(value)) (unchanged)"],
        json: .object([(name, Interpreter.json(value))]))
    }
    let from = session.t + 1
    let dropped = session.change(to: next, startingFresh: false)
    return Reply(
      lines: [
        "\(name) = \(Interpreter.text(value)) from t=\(from)" + Interpreter.droppedText(dropped)
      ],
      json: .object([
        (name, Interpreter.json(value)), ("from_t", .integer(from)), ("dropped", .integer(dropped)),
      ]))
  }

  /// `use SPEC from here`: the optimizer takes over at the current parameters, its state
  /// initialised afresh (its own count starts from 1); at t = 0, the same as `use SPEC`.
  mutating func useFromHere(_ spec: OptimizerSpec) throws(ShellError) -> Reply {
    guard session.t > 0 else { return try use(spec) }
    let next = try Interpreter.setup(for: spec, from: session.setup)
    if let changed = Setting.allCases.first(where: {
      $0.isTraining && next.value(of: $0) != session.setup.value(of: $0)
    }) {
      throw ShellError(
        "'from here' keeps how the data is read, found \(changed.rawValue) changed"
          + " (drop 'from here' to start a new run)")
    }
    let from = session.t + 1
    let dropped = session.change(to: next, startingFresh: true)
    var reply = describeOptimizer()
    reply.lines.append(
      "from t=\(from) on, at the current parameters, with a fresh state (its own t from 1)"
        + Interpreter.droppedText(dropped))
    if case .object(var pairs) = reply.json {
      pairs += [("from_t", .integer(from)), ("fresh", .bool(true)), ("dropped", .integer(dropped))]
      reply.json = .object(pairs)
    }
    return reply
  }

  /// `; dropped 2 later changes`, or nothing.
  static func droppedText(_ dropped: Int, later: Bool = true) -> String {
    dropped == 0
      ? "" : "; dropped \(dropped)\(later ? " later" : "") change\(dropped == 1 ? "" : "s")"
  }

  /// `show timeline`: the start, then each change at its update; changes ahead of t (left
  /// by going back, replayed by stepping on) are marked.
  func showTimeline() -> (lines: [String], pairs: [(String, JSON)]) {
    let timeline = session.timeline
    let start = timeline.start
    var lines = [
      "start   \(start.optimizer.rawValue) (\(start.convention.rawValue)), \(startDescription)"
        + (start.schedule.map { ", schedule eta " + $0.description } ?? "")
        + ScheduledBeta.allCases.compactMap { beta in
          start.betaSchedules[beta].map { ", schedule \(beta.rawValue) " + $0.description }
        }.joined()
    ]
    var changes: [JSON] = []
    var previous = start
    for change in timeline.changes {
      let text = Interpreter.describe(change, after: previous)
      let ahead = change.t > session.t
      lines.append(
        "t=\(change.t)".padding(to: 7) + " \(text)" + (ahead ? "  (ahead of t=\(session.t))" : ""))
      changes.append(
        .object([
          ("t", .integer(change.t)), ("change", .string(text)),
          ("fresh", .bool(change.startsFresh)),
          ("ahead", .bool(ahead)),
        ]))
      previous = change.setup
    }
    if timeline.changes.isEmpty { lines.append("no changes: one setup from t=0") }
    return (
      lines,
      [
        ("start", .string("\(start.optimizer.rawValue):\(start.convention.rawValue)")),
        ("changes", .array(changes)),
      ]
    )
  }

  /// `eta 0.1 → 0.01`, or `use gd:lecture from here` with the settings it was given.
  static func describe(_ change: Change, after previous: RunSetup) -> String {
    let setup = change.setup
    if change.startsFresh {
      return "use \(command(for: setup)) from here (fresh state)"
    }
    var differences = Setting.applicable(to: setup.optimizer, convention: setup.convention)
      .filter { setup.value(of: $0) != previous.value(of: $0) }
      .map {
        "\($0.rawValue) \(text(previous.value(of: $0))) → \(text(setup.value(of: $0)))"
      }
    differences += scheduleCommands(setup, after: previous)
    return differences.isEmpty ? "no setting changed" : differences.joined(separator: ", ")
  }

  /// `adam:pytorch[beta2=0.99]`: the spec `use` rebuilds `setup`'s optimizer from, with
  /// each setting that differs from the convention's default at its exact value.
  static func command(for setup: RunSetup) -> String {
    let defaults = RunSetup(
      dataset: setup.dataset, optimizer: setup.optimizer, convention: setup.convention)
    let overrides = Setting.applicable(to: setup.optimizer, convention: setup.convention)
      .filter { !$0.isTraining && setup.value(of: $0) != defaults.value(of: $0) }
      .map { "\($0.rawValue)=\(exactText(setup.value(of: $0)))" }
    let name = "\(setup.optimizer.rawValue):\(setup.convention.rawValue)"
    return overrides.isEmpty ? name : "\(name)[\(overrides.joined(separator: ", "))]"
  }

  /// The lines of `save` after the start: the steps to each change and the command that
  /// made it, then the way to the current t (back with `goto` when changes lie ahead), so
  /// `source` rebuilds the same timeline and the same run bit for bit.
  func timelineScript() -> [String] {
    var lines: [String] = []
    var position = 0
    var previous = session.timeline.start
    for change in session.timeline.changes {
      if change.t > position { lines.append("step \(change.t - position)") }
      position = change.t
      if change.startsFresh {
        lines.append("use \(Interpreter.command(for: change.setup)) from here")
      } else {
        let setup = change.setup
        let changed = Setting.applicable(to: setup.optimizer, convention: setup.convention)
          .filter { setup.value(of: $0) != previous.value(of: $0) }
        // A clipping turned off before another is turned on: one form at a time.
        let turnedOff = changed.filter { $0.isClipping && setup.value(of: $0) == .word("off") }
        for setting in turnedOff + changed.filter({ !turnedOff.contains($0) }) {
          lines.append("set \(setting.rawValue) \(Interpreter.exactText(setup.value(of: setting)))")
        }
        lines += Interpreter.scheduleCommands(setup, after: previous)
      }
      previous = change.setup
    }
    if session.t > position { lines.append("step \(session.t - position)") }
    if session.t < position { lines.append("goto \(session.t)") }
    return lines
  }
}
