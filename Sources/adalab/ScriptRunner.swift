import Foundation
import Shell

/// Non-interactive uses of the shell: `-c`, replaying session files, checking them, and
/// reading commands from a pipe.
///
/// A script ends at a signal: Ctrl-C (`SIGINT`), `SIGTERM` or `SIGHUP` stops the command that
/// is running (the session stays at the update it reached) and the script exits with status
/// 128 + the signal's number (130, 143, 129). Lost output (a full disk, a closed standard
/// output) stops it with status 1.
struct ScriptRunner {
  var interpreter: Interpreter
  let disk: DiskFiles
  var output: Output
  var keepGoing: Bool

  /// The status a script ends with after a signal, or nil when none arrived.
  static var signalStatus: Int32? {
    if let signal = Interrupts.shared.terminationSignal { return 128 + signal }
    return Interrupts.shared.isRequested ? 128 + SIGINT : nil
  }

  /// `adalab -c 'COMMANDS'`: runs the line; returns the exit status.
  mutating func runCommands(_ line: String) -> Int32 {
    let outcome = interpreter.execute(line, isCancelled: { Interrupts.shared.isRequested })
    output.emit(outcome)
    if let status = Self.signalStatus { return status }
    return outcome.error == nil || keepGoing ? 0 : 1
  }

  /// Commands from standard input when it is not a terminal: no prompt, no colour.
  mutating func runStandardInput() -> Int32 {
    var isDirectory = stat()
    if fstat(STDIN_FILENO, &isDirectory) == 0 && isDirectory.st_mode & S_IFMT == S_IFDIR {
      output.emit(ShellError("cannot read commands from standard input: it is a folder"))
      return 1
    }
    var status: Int32 = 0
    var lineNumber = 0
    while let line = Swift.readLine(strippingNewline: true) {
      if let status = Self.signalStatus { return status }
      lineNumber += 1
      let command = line.hasSuffix("\r") ? String(line.dropLast()) : line
      let outcome = interpreter.execute(command, isCancelled: { Interrupts.shared.isRequested })
      output.emit(outcome, location: "<stdin>:\(lineNumber)")
      if let status = Self.signalStatus { return status }
      if StandardStreams.outputFailure() != nil { return 1 }
      if outcome.error != nil {
        status = 1
        if !keepGoing { return status }
      }
      if outcome.quit { break }
    }
    return Self.signalStatus ?? status
  }

  /// `adalab FILE...`: shows each session as a teacher would, narration, prompt, command
  /// and output in order. The first error stops with status 1 unless `keepGoing`. The file
  /// reads and writes only inside its folder, within `confinement`.
  mutating func replay(_ path: String, confinement: Confinement) -> Int32 {
    let text: String
    do {
      text = try DiskFiles().read(path)
    } catch {
      output.emit(error)
      return 1
    }
    confinement.apply(to: disk, interpreter: &interpreter, replaying: path)
    defer { Confinement.lift(from: disk, interpreter: &interpreter) }
    let transcript = Transcript(parsing: text)
    var status: Int32 = 0
    for block in transcript.blocks {
      switch block {
      case .narration(let line):
        if !output.json { print(line) }
      case .command(let entry):
        if !output.json { print(interpreter.prompt + entry.command) }
        let outcome = interpreter.execute(
          entry.command, isCancelled: { Interrupts.shared.isRequested })
        output.emit(outcome, location: "\(path):\(entry.lineNumber)")
        if let status = Self.signalStatus { return status }
        if StandardStreams.outputFailure() != nil { return 1 }
        if outcome.error != nil {
          status = 1
          if !keepGoing { return status }
        }
        if outcome.quit { return status }
      }
    }
    return status
  }

  /// `adalab --check FILE...`: replays each file on a fresh session and compares the
  /// output with the recorded one; prints a unified diff of a mismatch; with `update`,
  /// rewrites the file with the replayed output instead. A check writes nothing but the
  /// updated files: the session's own writes are checked as a replay would make them, and
  /// not made.
  static func check(_ paths: [String], update: Bool, confinement: Confinement) -> Int32 {
    var status: Int32 = 0
    for path in paths {
      let text: String
      do {
        text = try DiskFiles().read(path)
      } catch {
        Output(json: false).emit(error)
        status = 1
        continue
      }
      let disk = DiskFiles()
      disk.isDryRun = true
      var interpreter = Interpreter(files: disk)
      confinement.apply(to: disk, interpreter: &interpreter, replaying: path)
      let replay = TranscriptReplay(
        Transcript(parsing: text), file: path, interpreter: &interpreter,
        isCancelled: { Interrupts.shared.isRequested })
      if let signal = signalStatus { return signal }
      if replay.matches {
        print("ok \(path)")
      } else if update {
        do {
          try DiskFiles().write(path, contents: replay.actual.text, replacing: true)
          print("updated \(path)")
        } catch {
          Output(json: false).emit(error)
          status = 1
        }
      } else {
        print(replay.diff(file: path), terminator: "")
        print(
          "FAILED \(path): output differs at line(s) "
            + replay.mismatchedLines.map(String.init).joined(separator: ", "))
        status = 1
      }
    }
    return status
  }
}
