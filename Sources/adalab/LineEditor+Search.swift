import CEditLine
import Glibc

extension LineEditor {
  /// Ctrl-R, as readline does it: `(reverse-i-search)'ste': step 3`, searching from the
  /// newest entry whatever line Up had reached, each character narrowing the search.
  ///
  /// Ctrl-R again finds the next older match; Backspace shortens the text and searches from
  /// the newest entry again; Enter runs the match; Ctrl-G restores the line as it was; any
  /// other key (an arrow, Ctrl-A, Ctrl-E, Esc) leaves the match on the line to edit and is
  /// then handled as usual. Returns the `CC_*` code telling libedit what to do next.
  func reverseSearch(in editLine: OpaquePointer) -> UInt8 {
    let entries = historyEntries
    let original = currentLine(editLine)
    var query: [UInt8] = []
    var match: Int?
    var failed = false

    func text() -> String { String(decoding: query, as: UTF8.self) }
    func search(below start: Int) -> Int? {
      let wanted = text()
      return stride(from: start - 1, through: 0, by: -1).first { entries[$0].contains(wanted) }
    }
    func draw() {
      let label = failed ? "(failed reverse-i-search)" : "(reverse-i-search)"
      adalab_write_stdout("\r\u{1b}[K\(label)'\(text())': \(match.map { entries[$0] } ?? "")")
      adalab_flush_stdout()
    }
    func finish(with line: String) {
      adalab_write_stdout("\r\u{1b}[K")
      replaceLine(editLine, with: line)
    }

    draw()
    while true {
      var byte: CChar = 0
      guard el_getc(editLine, &byte) > 0 else {
        finish(with: original)
        // Ctrl-C or a termination signal (the key reader returns -1 for them): end the line
        // as at the prompt, where ``readLine(prompt:style:)`` tells which it was.
        let signalled =
          Interrupts.shared.isRequested || Interrupts.shared.terminationSignal != nil
        return UInt8(signalled ? CC_EOF : CC_REDISPLAY)
      }
      let key = UInt8(bitPattern: byte)
      switch key {
      case 0x12:  // Ctrl-R: the next older match
        if let older = search(below: match ?? entries.count) {
          match = older
          failed = false
        } else {
          failed = true
        }
      case 0x7F, 0x08:  // Backspace: a shorter text, searched from the newest entry again
        while let last = query.popLast(), last & 0xC0 == 0x80 {}
        match = query.isEmpty ? nil : search(below: entries.count)
        failed = !query.isEmpty && match == nil
      case 0x0D, 0x0A:  // Enter: run the match, drawn after its prompt first
        finish(with: match.map { entries[$0] } ?? original)
        el_push(editLine, "\n")
        return UInt8(CC_REDISPLAY)
      case 0x07:  // Ctrl-G: give up, the line as it was
        finish(with: original)
        return UInt8(CC_REDISPLAY)
      case 0x20..<0x7F, 0x80...:
        query.append(key)
        // Part of a UTF-8 character: wait for the rest before searching.
        if key >= 0x80 && String(validating: query, as: UTF8.self) == nil { continue }
        if let found = search(below: (match ?? entries.count - 1) + 1) {
          match = found
          failed = false
        } else {
          failed = true
        }
      default:  // another key: keep the match and let libedit handle the key
        finish(with: match.map { entries[$0] } ?? original)
        let pushed = String(UnicodeScalar(key))
        el_push(editLine, pushed)
        return UInt8(CC_REDISPLAY)
      }
      draw()
    }
  }

  /// The whole line being edited.
  private func currentLine(_ editLine: OpaquePointer) -> String {
    guard let info = el_line(editLine)?.pointee else { return "" }
    return String(
      decoding: UnsafeRawBufferPointer(start: info.buffer, count: info.lastchar - info.buffer),
      as: UTF8.self)
  }

  /// Replaces the whole line, the cursor at its end.
  private func replaceLine(_ editLine: OpaquePointer, with line: String) {
    let old = currentLine(editLine)
    if let info = el_line(editLine)?.pointee {
      let after = String(
        decoding: UnsafeRawBufferPointer(start: info.cursor, count: info.lastchar - info.cursor),
        as: UTF8.self)
      _ = el_cursor(editLine, Int32(after.unicodeScalars.count))
    }
    let count = old.unicodeScalars.count
    if count > 0 { el_deletestr(editLine, Int32(count)) }
    if !line.isEmpty { _ = el_insertstr(editLine, line) }
  }
}
