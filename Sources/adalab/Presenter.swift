import Foundation
import Shell

/// Presenter mode for class: a session file replayed one command per Enter.
///
/// Narration is shown as it comes; each scripted command waits at the prompt, marked
/// `[next: step 10]`. Enter on an empty line runs it; anything typed instead runs as an
/// ordinary command and the script waits where it was, so a teacher can improvise and
/// then carry on. `skip` passes over the next scripted command; Ctrl-D ends the lesson.
///
/// The scripted commands are the file's: their paths start from its folder, confined to it as
/// a replay is. What the teacher types is the teacher's: paths start from the current folder.
struct Presenter {
  var shell: InteractiveShell
  let transcript: Transcript
  let path: String
  let confinement: Confinement

  mutating func run() -> Int32 {
    var blocks = transcript.blocks[...]
    while true {
      while case .narration(let line)? = blocks.first {
        print(line)
        blocks = blocks.dropFirst()
      }
      guard case .command(let entry)? = blocks.first else {
        print("(end of \(path); the shell goes on)")
        return shell.run(banner: false)
      }
      let prompt = shell.style.render(shell.interpreter.prompt) + "[next: \(entry.command)] "
      switch shell.editor.readLine(prompt: prompt) {
      case .endOfInput: return 0
      case .interrupted: continue
      case .line(let typed):
        let scripted = typed.allSatisfy(\.isWhitespace)
        if typed.trimmingCharacters(in: .whitespaces) == "skip" {
          blocks = blocks.dropFirst()
          continue
        }
        let line = scripted ? entry.command : typed
        if scripted {
          print(shell.interpreter.prompt + line)
          blocks = blocks.dropFirst()
        } else {
          shell.editor.remember(line)
        }
        Interrupts.shared.clear()
        if scripted {
          confinement.apply(to: shell.disk, interpreter: &shell.interpreter, replaying: path)
        }
        let outcome = shell.interpreter.execute(
          line, isCancelled: { Interrupts.shared.isRequested })
        Confinement.lift(from: shell.disk, interpreter: &shell.interpreter)
        Interrupts.shared.clear()
        shell.output.emit(outcome)
        if outcome.quit { return 0 }
      }
    }
  }
}
