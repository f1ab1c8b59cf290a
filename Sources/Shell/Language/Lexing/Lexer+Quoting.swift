extension Lexer {
  /// `text` written so that the lexer reads it back as one free text (see
  /// `CommandParser.freeText()`), exactly: bare when it is a plain word, else in single quotes,
  /// else in double quotes, else as touching quoted pieces (`'it'"'"'s'`), as a POSIX shell
  /// would. Nil when no command line can hold it: a line break (`\n` or `\r`).
  ///
  ///     Lexer.quoted("data/x.csv")  // data/x.csv
  ///     Lexer.quoted("sp ace.csv")  // 'sp ace.csv'
  ///     Lexer.quoted("a'b\"c")      // 'a'"'"'b"c'
  static func quoted(_ text: String) -> String? {
    guard !text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) else { return nil }
    if !text.isEmpty && text.allSatisfy(isPlain) { return text }
    if !text.contains("'") { return "'\(text)'" }
    if !text.contains("\"") { return "\"\(text)\"" }
    var pieces: [String] = []
    var run = ""
    for character in text {
      if character == "'" {
        if !run.isEmpty { pieces.append("'\(run)'") }
        run = ""
        pieces.append("\"'\"")
      } else {
        run.append(character)
      }
    }
    if !run.isEmpty { pieces.append("'\(run)'") }
    return pieces.joined()
  }

  /// Characters a bare word may hold without any doubt about where it ends.
  private static func isPlain(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character.isNumber || "._/-+@%".contains(character))
  }
}
