import Foundation
import Shell

/// Non-interactive uses of the shell: `-c`, replaying session files, checking them, and
/// reading commands from a pipe.
struct ScriptRunner {
  var interpreter: Interpreter
  var output: Output
  var keepGoing: Bool

  /// `adalab -c 'COMMANDS'`: runs the line; returns the exit status.
  mutating func runCommands(_ line: String) -> Int32 {
    let outcome = interpreter.execute(line, isCancelled: { Interrupts.shared.isRequested })
    output.emit(outcome)
    return outcome.error == nil || keepGoing ? 0 : 1
  }

  /// Commands from standard input when it is not a terminal: no prompt, no colour.
  mutating func runStandardInput() -> Int32 {
    var status: Int32 = 0
    var lineNumber = 0
    while let line = Swift.readLine(strippingNewline: true) {
      lineNumber += 1
      let outcome = interpreter.execute(line, isCancelled: { Interrupts.shared.isRequested })
      output.emit(outcome, location: "<stdin>:\(lineNumber)")
      if outcome.error != nil {
        status = 1
        if !keepGoing { return status }
      }
      if outcome.quit { break }
    }
    return status
  }

  /// `adalab FILE...`: shows each session as a teacher would, narration, prompt, command
  /// and output in order. The first error stops with status 1 unless `keepGoing`.
  mutating func replay(_ path: String) -> Int32 {
    let text: String
    do {
      text = try DiskFiles().read(path)
    } catch {
      output.emit(error)
      return 1
    }
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
        output.emit(outcome, location: "\(path):\(entry.lineNumber)")
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
  /// as a notebook to OUT, resolved against the current folder. An error the lesson does
  /// not record stops it (status 1) unless `keepGoing`; then nothing is written.
  mutating func export(_ path: String, to out: String) -> Int32 {
    let text: String
    do {
      text = try DiskFiles().read(path)
    } catch {
      output.emit(error)
      return 1
    }
    let replay = TranscriptReplay(
      Transcript(parsing: text), file: path, interpreter: &interpreter)
    // An error the lesson records is part of it (the tour's misspelt setting); any
    // other stops the export.
    let unexpected = replay.actual.commands.filter { entry in
      replay.mismatchedLines.contains(entry.lineNumber)
        && entry.output.last?.hasPrefix("error: ") == true
    }
    if let first = unexpected.first, !keepGoing {
      output.printError("\(path):\(first.lineNumber): \(first.output.last!)")
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
      let reply = try interpreter.export(ExportRequest(path: out), to: DiskFiles(), title: name)
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
  /// no longer holds: a lesson whose story broke is not re-recorded with the error in it.
  static func check(_ paths: [String], update: Bool, allowWrites: Bool) -> Int32 {
    var status: Int32 = 0
    for path in paths {
      let files = DiskFiles(
        allowsWritesAnywhere: allowWrites,
        base: (path as NSString).deletingLastPathComponent)
      let text: String
      do {
        text = try DiskFiles().read(path)
      } catch {
        Output(json: false).emit(error)
        status = 1
        continue
      }
      var interpreter = Interpreter(files: files)
      let replay = TranscriptReplay(
        Transcript(parsing: text), file: path, interpreter: &interpreter)
      if replay.matches {
        print("ok \(path)")
      } else if update, let broken = ScriptRunner.brokenClaim(in: replay.actual) {
        print(replay.diff(file: path), terminator: "")
        print("NOT UPDATED \(path): the claim at line \(broken.lineNumber) no longer holds")
        status = 1
      } else if update {
        do {
          try DiskFiles().write(path, contents: replay.actual.text)
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
      return words.contains("expect") && entry.output.contains { $0.hasPrefix("error: ") }
    }
  }
}
