/// A piece of a line: a word, a quoted string, a symbol, or the `;` between commands.
struct Token: Equatable {
  enum Kind: Equatable {
    /// A run of characters that are neither blank nor symbols: `step`, `1e-8`, `data/x.csv`.
    case word
    /// Text between matching `"` or `'`; `text` is the inside, without the quotes.
    case quoted
    /// One of `= , [ ] ( ) : < <= > >= == != !`.
    case symbol
    /// `;`, which ends a command.
    case separator
  }

  var kind: Kind
  /// The word, the inside of the quotes, or the symbol.
  var text: String
  /// Character offset in the line of the first character (for quoted text, the opening quote).
  var column: Int
  /// Character offset in the line just after the last character.
  var endColumn: Int
  /// UTF-8 offset in the line of the first character of `text` (after an opening quote).
  var textOffset: Int
  /// False for quoted text whose closing quote is missing (only when lexing leniently).
  var isClosed = true

  /// The token as it appears in the line, for messages: quoted text keeps its quotes.
  var source: String {
    kind == .quoted ? "\"\(text)\"" : text
  }

  func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

  /// Whether the token is the word `keyword`, without regard to case.
  func isWord(_ keyword: String) -> Bool { kind == .word && text.lowercased() == keyword }
}
