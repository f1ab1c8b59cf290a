import CEditLine

extension LineEditor {
  /// Tab: asks ``completer`` about the text before the cursor, edits the line, and lists the
  /// candidates when there are several. Returns the `CC_*` code telling libedit what to redraw.
  ///
  /// A second Tab on the same text does not print the same list again: it is on the screen
  /// already, right above the line. A Tab on other text (another list) resets this.
  func complete(in editLine: OpaquePointer) -> UInt8 {
    guard let completer, let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
    let before = String(
      decoding: UnsafeRawBufferPointer(start: info.buffer, count: info.cursor - info.buffer),
      as: UTF8.self)
    let result = completer(before)
    guard !result.candidates.isEmpty else { return UInt8(CC_ERROR) }

    let bytes = Array(before.utf8)
    let start = min(max(0, result.replaceFrom), bytes.count)
    let word = String(decoding: bytes[start...], as: UTF8.self)
    replace(word, with: result.replacement(for: word), in: editLine)

    guard Set(result.candidates).count > 1 else { return UInt8(CC_REFRESH) }
    let listing = before + "\u{0}" + result.candidates.joined(separator: "\u{0}")
    guard listing != lastListing else { return UInt8(CC_REFRESH) }
    lastListing = listing
    // As libedit's own file completion does: list below the line, then have the prompt and the
    // line drawn again underneath.
    let rows = result.listing(width: Int(adalab_el_columns(editLine)))
    adalab_write_stdout("\n" + rows.joined(separator: "\n") + "\n")
    adalab_flush_stdout()
    return UInt8(CC_REDISPLAY)
  }

  /// Replaces the text just before the cursor. el_deletestr counts characters (libedit works in
  /// wide characters inside), el_insertstr takes UTF-8.
  private func replace(_ word: String, with replacement: String, in editLine: OpaquePointer) {
    guard replacement != word else { return }
    let wordScalars = Array(word.unicodeScalars)
    let newScalars = Array(replacement.unicodeScalars)
    var insertion = replacement
    if newScalars.starts(with: wordScalars) {
      insertion = ""
      insertion.unicodeScalars.append(contentsOf: newScalars.dropFirst(wordScalars.count))
    } else if !wordScalars.isEmpty {
      el_deletestr(editLine, Int32(wordScalars.count))
    }
    if !insertion.isEmpty { _ = el_insertstr(editLine, insertion) }
  }
}
