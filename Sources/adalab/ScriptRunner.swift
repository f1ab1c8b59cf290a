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
      output.emit(outcome, file: "<stdin>", line: lineNumber)
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
        interpreter.narrate(line)
      case .command(let entry):
        if !output.json { print(interpreter.prompt + entry.command) }
        let outcome = interpreter.execute(
          entry.command, isCancelled: { Interrupts.shared.isRequested })
        output.emit(outcome, file: path, line: entry.lineNumber)
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

  /// `adalab --export OUT LESSON`: replays the lesson without printing it, then writes it
  /// as a notebook to OUT, resolved against the current folder. The lesson replays as
  /// `--check` does, inside its own folder (`confinement`), its writes checked but not made;
  /// OUT, named on the command line, may replace a file. An error the lesson does not record stops it (status 1)
  /// unless `keepGoing`; then nothing is written.
  mutating func export(_ path: String, to out: String, confinement: Confinement) -> Int32 {
    let text: String
    do {
      text = try DiskFiles().read(path)
    } catch {
      output.emit(error)
      return 1
    }
    // The lesson's own writes are checked as `--check` checks them, and not made: the
    // export is the hand-out, and running it twice must not trip over the first run's files.
    confinement.apply(to: disk, interpreter: &interpreter, replaying: path)
    disk.isDryRun = true
    let replay = TranscriptReplay(
      Transcript(parsing: text), file: path, interpreter: &interpreter,
      isCancelled: { Interrupts.shared.isRequested })
    disk.isDryRun = false
    Confinement.lift(from: disk, interpreter: &interpreter)
    if let status = Self.signalStatus { return status }
    // An error the lesson records is part of it (the tour's misspelt setting); any
    // other stops the export.
    let unexpected = replay.actual.commands.lazy.compactMap { entry in
      replay.mismatchedLines.contains(entry.lineNumber)
        ? entry.output.last.flatMap(ErrorRenderer.message(in:)).map { (entry.lineNumber, $0) }
        : nil
    }
    if let (line, message) = unexpected.first, !keepGoing {
      output.printError(ErrorRenderer.line(message, file: path, line: line))
      return 1
    }
    // A plain script records no output to differ from.
    if !replay.matches && replay.expected.commands.contains(where: { !$0.prompt.isEmpty }) {
      output.printError(
        "note: \(replay.mismatchedLines.count) command(s) of \(path) printed other than it records (adalab --check \(path) shows how)"
      )
    }
    do {
      let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
      let reply = try interpreter.export(
        ExportRequest(path: out, replace: true), to: DiskFiles(), title: name)
      if output.json { print(reply.json.rendered) } else { reply.lines.forEach { print($0) } }
      return 0
    } catch {
      output.emit(error)
      return 1
    }
  }

  /// `adalab --check FILE...`: replays each file on a fresh session and compares the
  /// output with the recorded one; prints a unified diff of a mismatch; with `update`,
  /// rewrites the file with the replayed output instead, unless one of its `expect` claims
  /// no longer holds: a lesson whose story broke is not re-recorded with the error in it. A
  /// check writes nothing but the updated files: the session's own writes are checked as a
  /// replay would make them, and not made.
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
      } else if update, let broken = ScriptRunner.brokenClaim(in: replay.actual) {
        print(replay.diff(file: path), terminator: "")
        print("NOT UPDATED \(path): the claim at line \(broken.lineNumber) no longer holds")
        status = 1
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

  /// The first `expect` of a replayed transcript that answered with an error.
  static func brokenClaim(in transcript: Transcript) -> Transcript.Entry? {
    transcript.commands.first { entry in
      let words = entry.command.split(separator: ";").map {
        $0.drop { $0 == " " }.prefix { $0 != " " }.lowercased()
      }
      return words.contains("expect")
        && entry.output.contains { ErrorRenderer.message(in: $0) != nil }
    }
  }
}
