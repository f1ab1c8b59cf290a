import Optimization

extension Interpreter {
  /// `display NAME...`: remember quantities to show after every stepping command; `display`
  /// alone shows them now.
  mutating func display(_ names: [String]) throws(ShellError) -> Reply {
    guard !names.isEmpty else {
      guard !displayList.isEmpty else {
        return Reply(lines: ["nothing to display ('display v_b lr_b' adds some)"])
      }
      return displayReply()
    }
    for name in names {
      let (base, _) = Interpreter.splitIndex(name)
      guard let quantity = Quantity(rawValue: base) else {
        throw ShellError("unknown quantity '\(base)'")
      }
      guard quantity.exists(in: session.setup) else {
        throw ShellError("\(session.setup.optimizer.rawValue) keeps no \(base)")
      }
      if !displayList.contains(where: { $0.name == name }) {
        displayList.append((nextDisplayNumber, name))
        nextDisplayNumber += 1
      }
    }
    return displayReply()
  }

  /// `undisplay [N...]`, `delete display [N...]`: forget the numbered displays, or all of
  /// them, and say which went.
  mutating func undisplay(_ numbers: [Int]) throws(ShellError) -> Reply {
    try Interpreter.remove(
      numbers, from: &displayList, number: { $0.number }, text: { "\($0.number): \($0.name)" },
      kind: ("display", "displays"), each: "stopped displaying")
  }

  /// `watch CONDITION`: checked now against the optimizer, kept for every stepping command.
  mutating func watch(_ condition: Condition) throws(ShellError) -> Reply {
    _ = try ConditionEvaluator(condition, session: session)
    let number = nextWatchNumber
    watchList.append((number, condition))
    nextWatchNumber += 1
    let text = ConditionEvaluator.describe(condition)
    return Reply(
      lines: ["watch \(number): \(text) (step, epoch and run stop when it turns true)"],
      json: .object([("watch", .integer(number)), ("condition", .string(text))]))
  }

  /// `unwatch [N...]`, `delete [N...]`: remove the numbered watches, or all of them, and say
  /// which went.
  mutating func unwatch(_ numbers: [Int]) throws(ShellError) -> Reply {
    try Interpreter.remove(
      numbers, from: &watchList, number: { $0.number },
      text: { "\($0.number): \(ConditionEvaluator.describe($0.condition))" },
      kind: ("watch", "watches"), each: "removed watch")
  }

  /// Removes the entries of `list` numbered `numbers` (all of them when `numbers` is empty),
  /// gdb's way: numbers are never reused, an unknown one is refused before anything goes,
  /// and the reply names what went.
  private static func remove<Entry>(
    _ numbers: [Int], from list: inout [Entry], number: (Entry) -> Int,
    text: (Entry) -> String, kind: (one: String, many: String), each: String
  ) throws(ShellError) -> Reply {
    guard !numbers.isEmpty else {
      let all = list.map(text)
      list.removeAll()
      let lines =
        all.isEmpty
        ? ["no \(kind.many) to remove"] : ["removed every \(kind.one):"] + all.map { "  " + $0 }
      return Reply(lines: lines, json: .object([("removed", .array(all.map(JSON.string)))]))
    }
    for wanted in numbers where !list.contains(where: { number($0) == wanted }) {
      let kept = list.map { String(number($0)) }.joined(separator: ", ")
      throw ShellError(
        "no \(kind.one) \(wanted) (" + (kept.isEmpty ? "there are none" : "\(kind.many): \(kept)")
          + "; 'info \(kind.one)')")
    }
    let texts = list.filter { numbers.contains(number($0)) }.map(text)
    list.removeAll { numbers.contains(number($0)) }
    return Reply(
      lines: texts.map { "\(each) \($0)" },
      json: .object([("removed", .array(texts.map(JSON.string)))]))
  }

  /// `info display`, `info watch`, `info forks`.
  func info(_ topic: String) -> Reply {
    switch topic {
    case "display":
      let lines = displayList.map { "\($0.number): \($0.name)" }
      return Reply(
        lines: lines.isEmpty ? ["no displays"] : lines,
        json: .object([("display", .array(displayList.map { JSON.string($0.name) }))]))
    case "watch":
      let texts = watchList.map { ConditionEvaluator.describe($0.condition) }
      let lines = zip(watchList, texts).map { "\($0.number): \($1)" }
      return Reply(
        lines: lines.isEmpty ? ["no watches"] : lines,
        json: .object([("watch", .array(texts.map(JSON.string)))]))
    default:
      return forkList()
    }
  }

  /// The displays with their values now: `1: v_b = 5.9462e-08`.
  func displayReply() -> Reply {
    let (lines, pairs) = displayedValues()
    return Reply(lines: lines, json: .object([("display", .object(pairs))]))
  }

  func displayedValues() -> (lines: [String], pairs: [(String, JSON)]) {
    var lines: [String] = []
    var pairs: [(String, JSON)] = []
    for (number, name) in displayList {
      do {
        let (text, json) = try showOne(name)
        lines.append("\(number): \(name) = \(text)")
        pairs.append((name, json))
      } catch {
        lines.append("\(number): \(name) unavailable (\(error.message))")
        pairs.append((name, .null))
      }
    }
    return (lines, pairs)
  }

  /// Adds the displays to a reply (text and JSON).
  func withDisplays(_ reply: Reply) -> Reply {
    guard !displayList.isEmpty else { return reply }
    var reply = reply
    let (lines, pairs) = displayedValues()
    reply.lines += lines
    if case .object(var object) = reply.json {
      object.append(("display", .object(pairs)))
      reply.json = .object(object)
    }
    return reply
  }

  /// Runs a stepping command with the watches armed, then says which watch stopped it and
  /// adds the displays.
  mutating func stepping(_ body: (inout Interpreter) throws(ShellError) -> Reply)
    throws(ShellError) -> Reply
  {
    let monitor = WatchMonitor()
    var notes: [String] = []
    for (number, condition) in watchList {
      do throws(ShellError) {
        let evaluator = try ConditionEvaluator(condition, session: session)
        // Before the first update nothing has turned true yet.
        let now = session.t > 0 ? try evaluator.holds(now: session) : false
        monitor.watches.append((number, evaluator, now))
      } catch {
        notes.append("(watch \(number) is off for now: \(error.message))")
      }
    }
    watchStop = monitor.watches.isEmpty ? nil : monitor.stop
    defer { watchStop = nil }
    var reply = try body(&self)
    reply.lines.insert(contentsOf: notes, at: 0)
    if let fired = monitor.fired {
      let text = fired.evaluator.text
      let condition = watchList.first { $0.number == fired.number }!.condition
      let values = Interpreter.names(in: condition).compactMap { name in
        (try? showOne(name)).map { "\(name) = \($0.0)" }
      }
      let message =
        "watch \(fired.number): \(text) turned true at t=\(session.t)"
        + (values.isEmpty ? "" : " (\(values.joined(separator: ", ")))")
      if let index = reply.lines.firstIndex(where: { $0.hasPrefix("stopped at t=") }) {
        reply.lines[index] = message
      } else {
        reply.lines.insert(message, at: 0)
      }
      if case .object(var object) = reply.json {
        object.append(
          ("watch", .object([("number", .integer(fired.number)), ("condition", .string(text))])))
        reply.json = .object(object)
      }
    }
    return withDisplays(reply)
  }

  /// `run until`'s own condition, and the watches.
  func alsoWatching(_ stop: @escaping (Observation) -> Bool) -> (Observation) -> Bool {
    guard let watchStop else { return stop }
    return { observation in
      let watched = watchStop(observation)
      return stop(observation) || watched
    }
  }

  /// The quantity names a condition reads, in order, each once.
  static func names(in condition: Condition) -> [String] {
    func operand(_ o: Operand) -> [String] { o.quantityNames }
    var names: [String] = []
    func walk(_ c: Condition) {
      switch c {
      case .compare(let l, _, let r): names += operand(l) + operand(r)
      case .and(let a, let b), .or(let a, let b):
        walk(a)
        walk(b)
      }
    }
    walk(condition)
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
  }
}

/// The watches of one stepping command: each one's truth after the last update, and the
/// first that turned from false to true.
final class WatchMonitor {
  var watches: [(number: Int, evaluator: ConditionEvaluator, wasTrue: Bool)] = []
  var fired: (number: Int, evaluator: ConditionEvaluator)?

  var stop: (Observation) -> Bool {
    { [self] observation in
      var stops = false
      for k in watches.indices {
        let now = watches[k].evaluator.stop(observation)
        if now && !watches[k].wasTrue && fired == nil {
          fired = (watches[k].number, watches[k].evaluator)
          stops = true
        }
        watches[k].wasTrue = now
      }
      return stops
    }
  }
}
