import Foundation
import Shell

/// The shell at a terminal: the line editor, completion, history across runs, Ctrl-C,
/// and an empty line that repeats the last `step`, as gdb does (only a step that completed:
/// after Ctrl-C on `step 100000000`, a stray Enter does not start it again).
struct InteractiveShell {
  var interpreter: Interpreter
  /// The interpreter's files, which ask here before replacing a file this session did not
  /// write.
  let disk: DiskFiles
  let editor: LineEditor
  let style = PromptStyle.fromEnvironment()
  let output = Output(json: false)
  /// The last stepping line, repeated by an empty line.
  private var lastStep: String?

  init(interpreter: Interpreter, disk: DiskFiles) {
    self.interpreter = interpreter
    self.disk = disk
    let home = ProcessInfo.processInfo.environment["HOME"]
    let editor = LineEditor(
      programName: "adalab", historyPath: home.map { $0 + "/.adalab_history" })
    self.editor = editor
    disk.confirmReplace = { name in
      guard editor.isInteractive else { return false }
      let prompt = "replace '\(name)', which this session did not write? [y/N] "
      guard case .line(let answer) = editor.readLine(prompt: prompt, style: false) else {
        return false
      }
      return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
    editor.completer = { before in
      let completion = Completer.complete(lineBeforeCursor: before, files: PathCompletion.list)
      return CompletionResult(
        replaceFrom: completion.replaceFrom, candidates: completion.candidates)
    }
  }

  /// Reads and runs lines until Ctrl-D, `quit`, or a termination signal; returns the status.
  mutating func run(banner: Bool = true) -> Int32 {
    if banner {
      let setup = interpreter.session.setup
      print(
        "adalab: \(setup.dataset.name) data, \(setup.optimizer.rawValue) ready. "
          + "'help' lists the commands; Ctrl-D leaves.")
    }
    while true {
      if let signal = Interrupts.shared.terminationSignal { return finish(128 + signal) }
      switch editor.readLine(prompt: style.render(interpreter.prompt)) {
      case .endOfInput:
        if let signal = Interrupts.shared.terminationSignal { return finish(128 + signal) }
        print("")
        return finish(0)
      case .interrupted:
        continue
      case .line(let typed):
        var line = typed
        if line.allSatisfy(\.isWhitespace) {
          guard let repeated = lastStep else { continue }
          line = repeated
        } else {
          editor.remember(line)
        }
        let (outcome, wasInterrupted) = perform(line)
        for reply in outcome.replies { reply.lines.forEach { print($0) } }
        if let error = outcome.error {
          error.rendered(under: line, width: interpreter.screen.width).forEach { print($0) }
        } else if InteractiveShell.isStepping(line) {
          lastStep = wasInterrupted ? nil : line
        }
        if outcome.quit { return finish(0) }
      }
    }
  }

  /// Runs a line as typed at the terminal: on the terminal's width and colours, with Ctrl-C,
  /// the progress line, and what is typed meanwhile kept for the next prompt. Returns what
  /// it did and whether Ctrl-C stopped it.
  mutating func perform(_ line: String) -> (outcome: Interpreter.Outcome, interrupted: Bool) {
    Interrupts.shared.clear()
    let environment = ProcessInfo.processInfo.environment
    interpreter.screen = Screen(
      width: TerminalSize.columns(), colour: style.usesColor,
      palette: Screen.palette(term: environment["TERM"], colorTerm: environment["COLORTERM"]))
    var typeAhead = TypeAhead()
    if editor.isInteractive { typeAhead.quiet() }
    let progress = ProgressLine()
    let outcome = interpreter.execute(
      line, isCancelled: { Interrupts.shared.isRequested },
      progress: editor.isInteractive ? progress.show : nil)
    progress.clear()
    editor.pendingInput = typeAhead.restore()
    // The terminal echoed ^C without a newline; start the report on a line of its own.
    let wasInterrupted = Interrupts.shared.isRequested
    if wasInterrupted { print("") }
    Interrupts.shared.clear()
    return (outcome, wasInterrupted)
  }

  private func finish(_ status: Int32) -> Int32 {
    do { try editor.saveHistory() } catch { output.printError("adalab: \(error)") }
    return status
  }

  /// Whether every command of the line steps the optimizer (what an empty line repeats).
  static func isStepping(_ line: String) -> Bool {
    guard let commands = try? Command.parseLine(line), !commands.isEmpty else { return false }
    return commands.allSatisfy {
      switch $0 {
      case .step, .epoch: return true
      default: return false
      }
    }
  }
}

/// File-name completion for `load`, `source` and `save`.
enum PathCompletion {
  /// The entries that extend `partial`, folders with a trailing `/`.
  static func list(_ partial: String) -> [String] {
    let folder: String
    let prefix: String
    if let slash = partial.lastIndex(of: "/") {
      folder = String(partial[...slash])
      prefix = String(partial[partial.index(after: slash)...])
    } else {
      folder = ""
      prefix = partial
    }
    let directory = folder.isEmpty ? "." : folder
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return []
    }
    return names.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }
      .map { name in
        var isDirectory: ObjCBool = false
        let path = folder + name
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        return isDirectory.boolValue ? path + "/" : path
      }
  }
}
