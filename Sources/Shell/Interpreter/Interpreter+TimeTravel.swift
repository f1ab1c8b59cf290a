import Optimization

extension Interpreter {
  /// `back [N]`: N updates back, every value recomputed from a checkpoint exactly as it was.
  mutating func back(_ count: Int) throws(ShellError) -> Reply {
    guard count <= session.t else {
      throw ShellError(
        "cannot go back \(count) update\(count == 1 ? "" : "s") from t=\(session.t)"
          + (session.t > 0 ? " ('back \(session.t)' reaches the start)" : ""))
    }
    session.rewind(to: session.t - count)
    return arrival()
  }

  /// `goto T`: back exactly, or forward by stepping (watches stop it as `step` does).
  mutating func goto(_ target: Int) throws(ShellError) -> Reply {
    if target <= session.t {
      session.rewind(to: target)
      return arrival()
    }
    let count = target - session.t
    return try stepping { $0.step(count) }
  }

  /// `back to t=3` with the summary and the displays.
  private func arrival() -> Reply {
    withDisplays(
      Reply(
        lines: [summaryLine],
        json: .object([
          ("t", .integer(session.t)), ("loss", .number(session.loss)),
          ("w", .array(session.state.parameters.dropLast().map(JSON.number))),
          ("b", .number(session.state.parameters.last!)),
        ])))
  }

  /// `fork NAME`: keep a copy of the session as it is; `fork` alone lists the copies.
  mutating func fork(_ name: String?) throws(ShellError) -> Reply {
    guard let name else { return forkList() }
    guard name != forkName, forks[name] == nil else {
      throw ShellError(
        name == forkName
          ? "'\(name)' is the session you are on; fork under another name"
          : "a fork named '\(name)' exists ('switch \(name)' goes to it; choose another name)")
    }
    forks[name] = session
    return Reply(
      lines: ["fork \(name): a copy at t=\(session.t); 'switch \(name)' comes back to it"],
      json: .object([("fork", .string(name)), ("t", .integer(session.t))]))
  }

  /// `switch NAME`: continue from the copy; the session left is kept under its own name.
  mutating func switchTo(_ name: String) throws(ShellError) -> Reply {
    guard name != forkName else { throw ShellError("already on '\(name)'") }
    guard let other = forks[name] else {
      let names = (forks.keys.sorted() + [forkName]).sorted()
      throw ShellError(
        "no fork named '\(name)' (forks: \(names.joined(separator: ", ")))")
    }
    forks[forkName] = session
    forks[name] = nil
    let left = forkName
    session = other
    forkName = name
    var reply = arrival()
    reply.lines.insert("switched to \(name) (\(left) kept at t=\(forks[left]!.t))", at: 0)
    return reply
  }

  /// `* main  adam t=10` for the current session, then the copies.
  func forkList() -> Reply {
    func line(_ name: String, _ s: Session, current: Bool) -> String {
      "\(current ? "*" : " ") \(name)  \(s.setup.optimizer.rawValue):\(s.setup.convention.rawValue) t=\(s.t) loss=\(NumberFormat.text(s.loss))"
    }
    var lines = [line(forkName, session, current: true)]
    var objects: [JSON] = [
      .object([("name", .string(forkName)), ("t", .integer(session.t)), ("current", .bool(true))])
    ]
    for name in forks.keys.sorted() {
      lines.append(line(name, forks[name]!, current: false))
      objects.append(
        .object([
          ("name", .string(name)), ("t", .integer(forks[name]!.t)), ("current", .bool(false)),
        ]))
    }
    return Reply(lines: lines, json: .object([("forks", .array(objects))]))
  }
}
