import ArgumentParser
import Foundation
import Shell

/// The `adalab` command line.
struct AdalabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "adalab",
    abstract: "A lab for adaptive learning rates: step, inspect and compare optimizers.",
    discussion: """
      With no arguments, opens the shell on the notes' toy set with Adam ready.
      Session files are transcripts (narration, prompts, commands, output) or plain scripts.
      """,
    version: "adalab 0.1.0")

  @Option(name: .short, help: "Run these commands (separated by ';') and exit.")
  var commands: String?

  @Flag(help: "Replay the files and compare with their recorded output; exit 1 on a difference.")
  var check = false

  @Flag(help: "With --check: rewrite each file with the replayed output.")
  var update = false

  @Flag(
    help:
      "Present a session file one command per Enter (type your own in between; skip, again and back steer the lesson)."
  )
  var present = false

  @Flag(help: "Continue past errors instead of stopping at the first.")
  var keepGoing = false

  @Flag(help: "Print one JSON object per command.")
  var json = false

  @Option(
    name: .customLong("export"),
    help: ArgumentHelp(
      "Replay one lesson and write it as a hand-out: OUT.html, OUT.md or OUT.ipynb.",
      valueName: "OUT"))
  var exportPath: String?

  @Flag(help: "Answer requests on standard input in JSON, one a line (for the Jupyter kernel).")
  var serve = false

  @Flag(help: "Let replayed sessions write outside their folder, any kind of file.")
  var allowWrites = false

  @Flag(help: "Let replayed sessions read outside their folder.")
  var allowReads = false

  @Argument(help: "Session files to replay, check or present.")
  var files: [String] = []

  func validate() throws {
    if update && !check { throw ValidationError("--update goes with --check") }
    if (check || present) && files.isEmpty {
      throw ValidationError("--check and --present need at least one session file")
    }
    if present && files.count != 1 { throw ValidationError("--present takes one session file") }
    if serve && (!files.isEmpty || check || present || commands != nil || exportPath != nil) {
      throw ValidationError("--serve takes no files and no other mode")
    }
    if let exportPath {
      if files.count != 1 || check || present || commands != nil {
        throw ValidationError("--export OUT takes one lesson file and no other mode")
      }
      if ExportRequest.format(of: exportPath) == nil {
        throw ValidationError(
          "expected OUT ending in .html, .md or .ipynb after --export, found '\(exportPath)'")
      }
    }
    if commands != nil && !files.isEmpty {
      throw ValidationError("give either -c COMMANDS or session files, not both")
    }
  }

  func run() throws {
    setlocale(LC_ALL, "")
    Interrupts.shared.install()
    var status = execute()
    if let failure = StandardStreams.outputFailure() {
      StandardStreams.printError("adalab: \(failure)")
      status = max(status, 1)
    }
    throw ExitCode(status)
  }

  private func execute() -> Int32 {
    let confinement = Confinement(allowReads: allowReads, allowWrites: allowWrites)
    if check {
      return ScriptRunner.check(files, update: update, confinement: confinement)
    }
    let disk = DiskFiles()
    var interpreter = Interpreter(files: disk)
    interpreter.memoryAvailable = MemoryBudget.available
    var runner = ScriptRunner(
      interpreter: interpreter, disk: disk, output: Output(json: json), keepGoing: keepGoing)
    if serve {
      var server = Server(interpreter: interpreter)
      return server.run()
    }
    if let commands { return runner.runCommands(commands) }
    if let exportPath {
      return runner.export(files[0], to: exportPath, confinement: confinement)
    }
    if present {
      let path = files[0]
      do {
        let text = try disk.read(path)
        var presenter = Presenter(
          shell: InteractiveShell(interpreter: interpreter, disk: disk),
          transcript: Transcript(parsing: text), path: path, confinement: confinement)
        return presenter.run()
      } catch {
        Output(json: false).emit(error)
        return 1
      }
    }
    if !files.isEmpty {
      var status: Int32 = 0
      for path in files {
        status = max(status, runner.replay(path, confinement: confinement))
        if status != 0 && (!keepGoing || status > 1) { return status }
      }
      return status
    }
    if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && !json {
      var shell = InteractiveShell(interpreter: interpreter, disk: disk)
      return shell.run()
    }
    return runner.runStandardInput()
  }
}

/// What a replayed file may reach: its own folder only, unless the user allows more.
struct Confinement {
  var allowReads: Bool
  var allowWrites: Bool

  /// Confines `disk` to the folder of the session file at `path`, and has relative paths
  /// start there.
  func apply(to disk: DiskFiles, interpreter: inout Interpreter, replaying path: String) {
    let folder = Interpreter.folder(of: path)
    interpreter.folder = folder
    disk.readRoot = allowReads ? nil : (folder.isEmpty ? "." : folder)
    disk.writeRoot = allowWrites ? nil : (folder.isEmpty ? "." : folder)
  }

  /// Lifts the confinement: a person types, paths start from the current folder.
  static func lift(from disk: DiskFiles, interpreter: inout Interpreter) {
    interpreter.folder = ""
    disk.readRoot = nil
    disk.writeRoot = nil
  }
}
