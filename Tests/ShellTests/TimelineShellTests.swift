import Optimization
import Testing

@testable import Shell

/// Mid-run changes, `show timeline`, `undo`/`redo` and `save` of a timeline, through the
/// interpreter as the shell drives it.
@Suite struct TimelineShellTests {
  func run(_ lines: String..., files: MemoryFiles = MemoryFiles()) -> Interpreter {
    var interpreter = Interpreter(files: files)
    for line in lines { #expect(interpreter.execute(line).error == nil, "\(line)") }
    return interpreter
  }

  @Test func setMidRunTakesEffectFromTheNextUpdateAndSaysSo() throws {
    var interpreter = run("step 20")
    let before = interpreter.session.state
    let reply = interpreter.execute("set eta 0.5").replies[0]
    #expect(reply.lines == ["eta = 0.5 from t=21"])
    #expect(
      reply.json
        == .object([("eta", .number(0.5)), ("from_t", .integer(21)), ("dropped", .integer(0))]))
    #expect(interpreter.session.t == 20 && interpreter.session.state == before)
    #expect(interpreter.execute("set eta 0.5").replies[0].lines == ["eta = 0.5 (unchanged)"])
    #expect(interpreter.session.timeline.changes.count == 1)
    #expect(
      interpreter.execute("set beta2 0.99 restart").replies[0].lines == [
        "beta2 = 0.99 (restarted at t=0); dropped 1 change"
      ])
    #expect(interpreter.session.t == 0 && interpreter.session.timeline.changes.isEmpty)
    _ = interpreter.execute("step 3")
    #expect(
      interpreter.execute("set batch 1").replies[0].lines == [
        "batch = 1 (restarted at t=0: it decides the points each update reads)"
      ])
  }

  @Test func useFromHereContinuesWithAFreshState() throws {
    var interpreter = run("step 10")
    let parameters = interpreter.session.state.parameters
    let reply = interpreter.execute("use rmsprop[eta=0.01] from here").replies[0]
    #expect(
      reply.lines.dropLast().joined(separator: "\n")
        == "rmsprop (lecture): eta 0.01, beta 0.5, epsilon 0.0001, eps_placement outside,\n  v_init 0"
    )
    #expect(
      reply.lines.last
        == "from t=11 on, at the current parameters, with a fresh state (its own t from 1)")
    #expect(interpreter.session.state.parameters == parameters)
    #expect(interpreter.session.state.v.allSatisfy { $0 == 0 })
    #expect(interpreter.prompt == "rmsprop t=10> ")
    // Update 10 was Adam's; update 12 is RMSProp's second.
    #expect(
      interpreter.execute("explain").replies[0].lines[0]
        == "update t=10 of adam (lecture); on the right, the values before the update")
    _ = interpreter.execute("step 2")
    #expect(
      interpreter.execute("explain").replies[0].lines.prefix(2) == [
        "update t=12 of rmsprop (lecture); on the right, the values before the update",
        "rmsprop took over after t=10: this is its own update 2",
      ])
    let refused = interpreter.execute("use adam[batch=1] from here").error
    #expect(
      refused?.message
        == "'from here' keeps how the data is read, found batch changed (drop 'from here' to start a new run)"
    )
    // The settings line, wrapped at 80 columns; no "from t=" line.
    #expect(!interpreter.execute("use adam").replies[0].lines.contains { $0.hasPrefix("from t=") })
    #expect(interpreter.session.t == 0)
  }

  @Test func showTimelineListsTheChangesAndAnEditDropsThoseAhead() throws {
    var interpreter = run(
      "step 20", "set eta 0.05", "step 20", "use gd from here", "step 10", "back 35")
    #expect(
      interpreter.execute("show timeline").replies[0].lines == [
        "start   adam (lecture), w=[-2] b=-2",
        "t=20    eta 0.1 → 0.05  (ahead of t=15)",
        "t=40    use gd:lecture from here (fresh state)  (ahead of t=15)",
      ])
    // Stepping on replays the changes ahead, exactly.
    var forward = interpreter
    _ = forward.execute("goto 50")
    _ = interpreter.execute("undo")
    #expect(forward.session == interpreter.session)
    _ = interpreter.execute("back 35")
    #expect(
      interpreter.execute("set eta 0.2").replies[0].lines == [
        "eta = 0.2 from t=16; dropped 2 later changes"
      ])
    #expect(interpreter.session.timeline.changes.map(\.t) == [15])
  }

  /// `save` writes the timeline and `source` rebuilds the same session, bit for bit,
  /// changes ahead of t included.
  @Test(arguments: [
    "step 7",
    "step 12; set eta 0.03; step 5; set beta1 0.5; step 9",
    "step 30; use rmsprop:keras[eta=0.002] from here; set beta 0.8; step 30; back 40",
    "set batch 1; step 10; set eps_placement inside; step 3; use nag from here; step 4",
  ])
  func saveAndSourceRebuildTheTimelineBitForBit(_ script: String) {
    expectSaveAndSourceRebuildTheRun(script)
  }

  /// A fork keeps its own timeline; a stop condition sees the changes ahead replayed.
  @Test func forksKeepTimelinesAndRunUntilReplaysTheChangesAhead() throws {
    var interpreter = run("step 10", "set eta 0.02", "step 10", "fork a", "set eta 0.3", "step 5")
    #expect(interpreter.session.timeline.changes.map(\.t) == [10, 20])
    _ = interpreter.execute("switch a")
    #expect(interpreter.session.timeline.changes.map(\.t) == [10])
    #expect(interpreter.session.t == 20)
    _ = interpreter.execute("switch main")
    let end = interpreter.session
    _ = interpreter.execute("back 25")
    #expect(interpreter.execute("run until t >= 25").error == nil)
    #expect(interpreter.session == end)
  }

  @Test func undoAndRedoWalkTheCommandsThatChangedTheSession() throws {
    var interpreter = run("step 10", "set eta 0.5", "show t", "step 5", "back 3")
    #expect(interpreter.execute("undo").replies[0].lines[0] == "undid 'back 3'")
    #expect(interpreter.session.t == 15)
    #expect(interpreter.execute("undo").replies[0].lines[0] == "undid 'step 5'")
    let reply = interpreter.execute("undo").replies[0]
    #expect(reply.lines[0] == "undid 'set eta 0.5'")
    #expect(interpreter.session.timeline.changes.isEmpty)
    #expect(interpreter.session.setup.hyperparameters.learningRate == 0.1)
    #expect(interpreter.execute("redo").replies[0].lines[0] == "redid 'set eta 0.5'")
    #expect(interpreter.session.setup.hyperparameters.learningRate == 0.5)
    _ = interpreter.execute("step 1")
    #expect(
      interpreter.execute("redo").error?.message == "nothing to redo: 'redo' follows an 'undo'")
    // A failed command is not a level.
    #expect(interpreter.execute("set beta2 7").error != nil)
    #expect(interpreter.execute("undo").replies[0].lines[0] == "undid 'step 1'")
  }

  @Test func undoKeepsAtLeastAHundredLevels() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    var sessions: [Session] = [interpreter.session]
    for k in 1...150 {
      _ = interpreter.execute(k % 10 == 0 ? "set eta \(0.1 / Double(k))" : "step 1")
      sessions.append(interpreter.session)
    }
    for level in 1...Interpreter.undoLimit {
      #expect(interpreter.execute("undo").error == nil)
      #expect(interpreter.session == sessions[150 - level], "level \(level)")
    }
    #expect(
      interpreter.execute("undo").error?.message
        == "nothing to undo (undo keeps the last 128 commands that changed the session)")
    for _ in 1...Interpreter.undoLimit { _ = interpreter.execute("redo") }
    #expect(interpreter.session == sessions[150])
  }
}
