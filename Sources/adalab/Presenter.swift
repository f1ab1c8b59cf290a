import Foundation
import Shell

/// Presenter mode for class: a session file replayed one command per Enter.
///
/// Narration is shown as it comes; each scripted command waits at the prompt, marked with
/// where the lesson is, `[3/24 next: step 10]`. Enter on an empty line runs it, shown once,
/// as if typed. Anything else typed runs as an ordinary command and the script waits where
/// it was, so a teacher can improvise and then carry on. Three words steer the script:
/// `skip` passes over the next command, `again` runs the last scripted command again, and
/// `back` makes the last scripted command the next one again (the session itself is not
/// rewound; `back 1` still goes back one update). Scripted commands go into the history, so
/// Up recalls them; Tab completes the three words. Ctrl-D ends the lesson.
///
/// The scripted commands are the file's: their paths start from its folder, confined to it as
/// a replay is. What the teacher types is the teacher's: paths start from the current folder.
struct Presenter {
  var shell: InteractiveShell
  let transcript: Transcript
  let path: String
  let confinement: Confinement

  /// The words the presenter understands on a line of their own.
  static let words = ["again", "back", "skip"]

  mutating func run() -> Int32 {
    let blocks = transcript.blocks
    let total = transcript.commands.count
    var next = 0  // the block to show next
    var done = 0  // scripted commands passed (run or skipped)
    // Where each scripted command that ran was, for `back`; the last one, for `again`.
    var ran: [(block: Int, number: Int)] = []
    var last: Int?
    let completer = shell.editor.completer
    shell.editor.completer = { before in
      var result = completer?(before) ?? CompletionResult(replaceFrom: 0, candidates: [])
      let typed = before.drop { $0 == " " }
      if !typed.contains(" ") {
        let extra = Presenter.words.filter { $0.hasPrefix(typed.lowercased()) }
        result = CompletionResult(
          replaceFrom: before.utf8.count - typed.utf8.count,
          candidates: (result.candidates + extra).sorted())
      }
      return result
    }
    while true {
      while next < blocks.count, case .narration(let line) = blocks[next] {
        print(line)
        shell.interpreter.narrate(line)
        next += 1
      }
      guard next < blocks.count, case .command(let entry) = blocks[next] else {
        print("(end of \(path); the shell goes on)")
        return shell.run(banner: false)
      }
      let marker = "[\(done + 1)/\(total) next: \(entry.command)] "
      let prompt = shell.style.render(shell.interpreter.prompt) + marker
      switch shell.editor.readLine(prompt: prompt) {
      case .endOfInput: return 0
      case .interrupted: continue
      case .line(let typed):
        let word = typed.trimmingCharacters(in: .whitespaces).lowercased()
        var line = typed
        // A command of the file (Enter, `again`), as opposed to one the teacher typed.
        var scripted = false
        switch word {
        case "skip":
          next += 1
          done += 1
          continue
        case "back":
          guard let previous = ran.popLast() else {
            print("(no scripted command has run yet)")
            continue
          }
          next = previous.block
          done = previous.number
          continue
        case "again":
          guard let previous = last, case .command(let old) = blocks[previous] else {
            print("(no scripted command has run yet)")
            continue
          }
          line = old.command
          scripted = true
          shell.editor.remember(line)
        case "":
          line = entry.command
          scripted = true
          // The prompt line showed the command once, as `[3/24 next: ...]`: write it over
          // with the command as if typed, so that it shows once.
          if shell.editor.isInteractive {
            let width = max(1, TerminalSize.columns())
            let rows = (shell.interpreter.prompt.count + marker.count) / width + 1
            print("\u{1b}[\(rows)A\r\u{1b}[J", terminator: "")
          }
          print(shell.interpreter.prompt + line)
          shell.editor.remember(line)
          ran.append((next, done))
          last = next
          next += 1
          done += 1
        default:
          shell.editor.remember(line)
        }
        if scripted {
          confinement.apply(to: shell.disk, interpreter: &shell.interpreter, replaying: path)
        }
        let (outcome, _) = shell.perform(line)
        Confinement.lift(from: shell.disk, interpreter: &shell.interpreter)
        shell.output.emit(outcome)
        if outcome.quit { return 0 }
      }
    }
  }
}
