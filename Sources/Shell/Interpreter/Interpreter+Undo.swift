import Optimization

/// A session as it was before a command changed it, and the command's text.
struct UndoEntry {
  /// The command as typed (`set eta 0.5`).
  var text: String
  /// The session before it ran (or, on the redo stack, after).
  var session: Session
}

/// `undo` and `redo`: sessions are values, so each level is the session as it was; the
/// copies share every array they did not change (the trajectory's checkpoints, the data,
/// the timeline), so a level costs what the command changed, not a whole session.
extension Interpreter {
  /// The levels of `undo` kept; older ones are forgotten.
  static let undoLimit = 128

  /// Keeps `previous` for `undo` when `command` changed the session (a step, a set, a use, a
  /// load, a back, …) and is not itself `undo` or `redo`; a new change forgets the redo.
  mutating func remember(_ previous: Session, before command: LocatedCommand) {
    switch command.command {
    case .undo, .redo, .switchTo, .source, .fork: return
    default: break
    }
    guard
      session.t != previous.t || session.timeline != previous.timeline
        || session.setup != previous.setup
    else { return }
    undoStack.append(UndoEntry(text: command.text, session: previous))
    if undoStack.count > Interpreter.undoLimit { undoStack.removeFirst() }
    redoStack.removeAll()
  }

  /// `undo`: back to the session as it was before the last command that changed it.
  mutating func undo() throws(ShellError) -> Reply {
    guard let entry = undoStack.popLast() else {
      throw ShellError(
        "nothing to undo (undo keeps the last \(Interpreter.undoLimit) commands that changed the session)"
      )
    }
    redoStack.append(UndoEntry(text: entry.text, session: session))
    session = entry.session
    return moved("undid '\(entry.text)'", text: entry.text, key: "undid")
  }

  /// `redo`: re-applies the command the last `undo` reverted.
  mutating func redo() throws(ShellError) -> Reply {
    guard let entry = redoStack.popLast() else {
      throw ShellError("nothing to redo: 'redo' follows an 'undo'")
    }
    undoStack.append(UndoEntry(text: entry.text, session: session))
    session = entry.session
    return moved("redid '\(entry.text)'", text: entry.text, key: "redid")
  }

  private func moved(_ line: String, text: String, key: String) -> Reply {
    let setup = session.setup
    return Reply(
      lines: [line, "\(setup.optimizer.rawValue) (\(setup.convention.rawValue))  " + summaryLine],
      json: .object([
        (key, .string(text)), ("t", .integer(session.t)), ("loss", .number(session.loss)),
        ("optimizer", .string(setup.optimizer.rawValue)),
      ]))
  }
}
