// A temporary demo of the line editor, to be replaced by the interpreter wiring.
// `step N` runs N slow fake steps and stops early on Ctrl-C; `history` lists the history;
// any other line is echoed. Tests/terminal/run.sh drives it in tmux.
import Glibc

let words = ["step", "show", "set", "use", "load", "adam", "adagrad", "adadelta", "adamax"]
let home = getenv("HOME").map { String(cString: $0) }
let editor = LineEditor(programName: "adalab", historyPath: home.map { $0 + "/.adalab_history" })
editor.completer = { before in
  let start = before.utf8.lastIndex(of: UInt8(ascii: " ")).map { before.utf8.index(after: $0) }
  let word = String(before[(start ?? before.startIndex)...])
  let offset = before.utf8.distance(from: before.startIndex, to: start ?? before.startIndex)
  return CompletionResult(replaceFrom: offset, candidates: words.filter { $0.hasPrefix(word) })
}

var t = 0
loop: while true {
  switch editor.readLine(prompt: "adam t=\(t)> ") {
  case .line(let line):
    editor.remember(line)
    let parts = line.split(separator: " ")
    if parts.first == "step", parts.count == 2, let n = Int(parts[1]) {
      var done = 0
      while done < n, !Interrupts.shared.isRequested {
        usleep(1000)
        done += 1
      }
      t += done
      print(done < n ? "interrupted at step \(t)" : "did \(n) steps")
      Interrupts.shared.clear()
    } else if line == "history" {
      for (number, entry) in editor.historyEntries.enumerated() { print(number + 1, entry) }
    } else {
      print("echo: \(line)")
    }
  case .interrupted:
    continue
  case .endOfInput:
    break loop
  }
}
do { try editor.saveHistory() } catch { print("adalab: \(error)") }
if let signal = Interrupts.shared.terminationSignal { exit(128 + signal) }
