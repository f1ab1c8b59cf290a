import Optimization
import Plotting
import Testing

@testable import Shell

/// What a class sees: compare on the session's settings, columns picked and stacked to fit,
/// counts printed whole, aligned settings, and a saved start as typed.
@Suite struct ClassroomOutputTests {
  static func replies(_ interpreter: inout Interpreter, _ line: String) -> [String] {
    let outcome = interpreter.execute(line)
    #expect(outcome.error == nil, "\(line): \(outcome.error?.message ?? "")")
    return outcome.replies.flatMap(\.lines)
  }

  /// After `set eta 1; set bias_correction off`, a compared `adam` runs with η = 1 and no
  /// bias correction, exactly as the session's own step does, and says so.
  @Test func compareStartsTheSessionsOptimizerFromTheSessionsSettings() {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = Self.replies(&interpreter, "set eta 1; set bias_correction off")
    let lines = Self.replies(
      &interpreter, "compare adam adam[bias_correction=off] adam:pytorch steps 1")
    var stepped = interpreter
    _ = Self.replies(&stepped, "step")
    let w = NumberFormat.text(stepped.session.state.parameters[0])
    #expect(w == "1.16228")  // the uncorrected first step: 316.228 · 0.01 = 3.16228
    #expect(lines[0] == "after 1 update from w=[-2] b=-2:")
    #expect(lines[2].hasPrefix("adam  ") && lines[2].contains("[\(w)]"))
    #expect(lines[3].contains("[\(w)]"))
    #expect(!lines[4].contains("[\(w)]"))  // pytorch's own defaults: η = 0.001
    #expect(lines.contains("settings not at their defaults:"))
    #expect(lines.contains("  adam: eta 1, bias_correction off"))
    #expect(lines.contains("  adam[bias_correction=off]: eta 1, bias_correction off"))
    #expect(!lines.contains { $0.hasPrefix("  adam:pytorch:") })
    // Another optimizer, or the same one after `use`, starts from its defaults.
    _ = Self.replies(&interpreter, "use adam")
    let fresh = Self.replies(&interpreter, "compare adam nadam steps 1")
    #expect(!fresh.contains("settings not at their defaults:"))
  }

  @Test func compareShowPicksColumnsAndAWideTableIsStacked() {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = Self.replies(&interpreter, "load sparse n=50 seed=1; set batch 1")
    let picked = Self.replies(&interpreter, "compare gd adagrad steps 20 show loss,lr_w[2],v_w")
    #expect(
      picked[1].split(separator: " ", omittingEmptySubsequences: true)
        == ["optimizer", "loss", "lr_w[2]", "v_w"])
    #expect(picked[2].hasSuffix("  -"))  // gd keeps no v_w
    let wide = Self.replies(&interpreter, "compare gd adagrad steps 20")
    #expect(wide.allSatisfy { LineWrapping.displayWidth($0) <= 80 })
    #expect(wide.filter { $0.hasPrefix("optimizer") }.count == 2)
    #expect(interpreter.execute("compare gd adam show lr_w[9]").error != nil)
    #expect(interpreter.execute("compare gd adam show speed").error != nil)
  }

  @Test func countsPrintWhole() {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = Self.replies(&interpreter, "set batch 1; step 5991")
    #expect(Self.replies(&interpreter, "show t epoch") == ["t = 5991", "epoch = 2995"])
    let json = interpreter.execute("show t").replies[0].json
    #expect(json == .object([("t", .integer(5991))]))
  }

  @Test func settingsAreAlignedAndTheSavedStartIsAsTyped() throws {
    let files = MemoryFiles()
    var interpreter = Interpreter(files: files)
    let lines = Self.replies(&interpreter, "show settings")
    let valueColumn = lines.map { line in
      line.distance(
        from: line.startIndex,
        to: line.firstIndex(of: " ").map { i in line[i...].firstIndex { $0 != " " }! }!)
    }
    #expect(Set(valueColumn).count == 1)
    _ = Self.replies(&interpreter, "init w=-4 b=0.5; save s.txt")
    #expect(try files.read("s.txt").contains("\ninit w=-4 b=0.5\n"))
  }

  /// Before the first update, dw and db are the gradient at the start: the notes' numbers
  /// at w = b = −2, and exactly what the first update then reports, for any batch.
  @Test func theGradientAtTheStartIsTheOneTheFirstUpdateUses() {
    var interpreter = Interpreter(files: MemoryFiles())
    let outcome = interpreter.execute("show dw db")
    #expect(outcome.error == nil)
    guard case .object(let pairs) = outcome.replies[0].json,
      case .array(let dw) = pairs[0].1, case .number(let dw1) = dw[0],
      case .number(let db) = pairs[1].1
    else {
      Issue.record("no numbers in \(outcome.replies)")
      return
    }
    #expect(abs(dw1 - -0.0054923192156398635) <= 1e-15)
    #expect(abs(db - -0.0077111592152144257) <= 1e-15)
    #expect(outcome.replies[0].lines.last!.hasPrefix("(t=0: the gradient at the start"))
    for setup in ["set batch 1", "use nag; set batch 1; set shuffle on; set seed 4"] {
      var run = Interpreter(files: MemoryFiles())
      let before = Self.replies(&run, "\(setup); show dw db")
      let after = Self.replies(&run, "step; show dw db")
      #expect(Array(before.suffix(3).prefix(2)) == Array(after.suffix(2)), "\(setup)")
      #expect(run.session.t == 1)
    }
  }

  /// Stepping in pieces for the progress line changes nothing: the same bits, the same stop
  /// of a watch, and progress reported on the way.
  @Test func progressIsReportedAndChangesNothing() {
    final class Reports: @unchecked Sendable { var list: [StepProgress] = [] }
    // Pieces start at 64 updates and double: 5,000 updates make several reports.
    for line in [
      "set batch 1; step 5000", "watch t >= 3456; step 5000", "epoch 1000",
      "compare adam rmsprop nag steps 5000", "sweep eta 0.01..1 3 steps 5000",
      "compare adam adagrad steps 1",
    ] {
      var plain = Interpreter(files: MemoryFiles())
      var watched = Interpreter(files: MemoryFiles())
      let reports = Reports()
      let a = plain.execute(line)
      let b = watched.execute(line, progress: { reports.list.append($0) })
      #expect(a.replies.map(\.lines) == b.replies.map(\.lines), "\(line)")
      #expect(plain.session.state == watched.session.state, "\(line)")
      #expect(reports.list.map(\.done) == reports.list.map(\.done).sorted())
      if line.hasPrefix("compare") || line.hasPrefix("sweep") {
        #expect(reports.list.last?.done == reports.list.last?.total, "\(line)")
        #expect(reports.list.allSatisfy { $0.runs == 3 || $0.runs == 2 }, "\(line)")
        #expect(
          plain.lastComparison.map(\.session.state) == watched.lastComparison.map(\.session.state))
      } else {
        #expect(!reports.list.isEmpty, "\(line)")
        #expect(reports.list.allSatisfy { $0.done < $0.total && $0.t == $0.done && $0.runs == 1 })
      }
    }
  }

  /// Okabe–Ito in 256 colours by default, `set colors` to choose, `off` for none; the run is
  /// not restarted, and a run setting's brackets do not take it.
  @Test func setColorsChoosesThePalette() {
    var interpreter = Interpreter(files: MemoryFiles())
    interpreter.screen = Screen(width: 80, colour: true, palette: .okabeIto)
    _ = Self.replies(&interpreter, "step 5")
    #expect(Self.replies(&interpreter, "plot loss").joined().contains("\u{1b}[38;5;214m"))
    #expect(Self.replies(&interpreter, "set colors ansi") == ["colors = ansi"])
    #expect(interpreter.session.t == 5)
    let ansi = Self.replies(&interpreter, "plot loss").joined()
    #expect(ansi.contains("\u{1b}[33m") && !ansi.contains("38;5;"))
    _ = Self.replies(&interpreter, "set colours off")
    #expect(!Self.replies(&interpreter, "plot loss").joined().contains("\u{1b}"))
    #expect(interpreter.execute("use adam[colors=off]").error != nil)
    #expect(Screen.palette(term: "xterm-256color", colorTerm: nil) == .okabeIto)
    #expect(Screen.palette(term: "xterm", colorTerm: "truecolor") == .okabeIto)
    #expect(Screen.palette(term: "screen", colorTerm: nil) == .ansi)
  }

  /// A CSV whose first row is numbers is data, said so; errors keep the file's line numbers;
  /// targets outside [0, 1] are warned about; `show data` shows the first rows.
  @Test func loadSaysWhatItAssumedAndShowDataShowsRows() {
    let files = MemoryFiles([
      "plain.csv": "1,2,0.5\n0.5,1,3\n-1,2,0.2\n", "broken.csv": "1,2,0.5\n0.5,x,3\n",
      "named.csv": "a,b,t\n1,2,0.5\n",
    ])
    var interpreter = Interpreter(files: files)
    let loaded = Self.replies(&interpreter, "load plain.csv")
    #expect(
      loaded[0]
        == "no header row (the first row is numbers): read as data, columns named x1, x2, y")
    #expect(interpreter.session.setup.dataset.count == 3)
    #expect(interpreter.session.setup.dataset.targets == [0.5, 3, 0.2])
    #expect(loaded.contains { $0.hasPrefix("warning: 1 of 3 targets lie outside [0, 1]") })
    let shown = Self.replies(&interpreter, "show data")
    #expect(shown.contains("all 3 rows:"))
    #expect(shown.contains("  0.5  1   3"))
    #expect(
      interpreter.execute("load broken.csv").error?.message
        == "broken.csv:2: column 2 ('x2'): expected a finite number, found 'x'")
    let named = Self.replies(&interpreter, "load named.csv")
    #expect(named[0].hasPrefix("loaded named.csv: 1 point, 2 features (a, b), target t"))
    #expect(!named.contains { $0.hasPrefix("warning") || $0.hasPrefix("no header") })
    _ = Self.replies(&interpreter, "load sparse n=50")
    #expect(Self.replies(&interpreter, "show data").contains("the first 5 of 50 rows:"))
  }

  /// `save FILE` writes the setup; `save history FILE` what was typed, which replays to the
  /// same place; `save history` alone is a file named history.
  @Test func saveHistoryWritesWhatWasTyped() throws {
    let files = MemoryFiles()
    var interpreter = Interpreter(files: files)
    for line in ["step 3", "show b", "set eta 0.5", "step 2; back", "save setup.txt"] {
      _ = Self.replies(&interpreter, line)
    }
    let reply = Self.replies(&interpreter, "save history typed.txt")
    #expect(
      reply == ["saved typed.txt: the 5 lines typed so far ('save FILE' writes the setup instead)"])
    let typed = try files.read("typed.txt")
    #expect(
      typed
        == "# what was typed in this adalab session, in order (failed lines too)\nstep 3\nshow b\n"
        + "set eta 0.5\nstep 2; back\nsave setup.txt\n")
    #expect(try !files.read("setup.txt").contains("show b"))
    var replayed = Interpreter(files: files)
    _ = Self.replies(&replayed, "source typed.txt")
    #expect(replayed.session.state == interpreter.session.state)
    _ = Self.replies(&interpreter, "save history")
    #expect(files.files["history"] != nil)
    #expect(try Command.parseLine("save history h.txt") == [.saveHistory("h.txt")])
    #expect(
      try Command.parseLine("save history h.txt replace")
        == [.saveHistory(OutputFile(path: "h.txt", replace: true))])
    // `save history replace` replaces a file named history.
    #expect(
      try Command.parseLine("save history replace")
        == [.save(OutputFile(path: "history", replace: true))])
    #expect(
      try Command.parseLine("history w to w.csv replace")
        == [
          .historyTable(
            HistoryRequest(
              quantities: [QuantityRef(quantity: .w)],
              file: OutputFile(path: "w.csv", replace: true)))
        ])
  }
}
