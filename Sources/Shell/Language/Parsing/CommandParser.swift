/// Reads the tokens of one command, left to right, into a `Command`.
///
/// Each command has its own `parseX` method in a `CommandParser+X.swift` file; this file holds
/// the reading primitives they share and the errors they report.
struct CommandParser {
  private let tokens: [Token]
  private var position = 0

  /// A parser for the tokens of one command: not empty, without `;`.
  init(tokens: [Token]) {
    precondition(!tokens.isEmpty, "a command has at least one token")
    self.tokens = tokens
  }

  /// The token not yet read, or nil at the end of the command.
  var next: Token? { position < tokens.count ? tokens[position] : nil }
  /// The token after ``next``.
  var afterNext: Token? { position + 1 < tokens.count ? tokens[position + 1] : nil }

  /// The last token read.
  var previous: Token { tokens[max(0, position - 1)] }

  /// Reads the next token; only call it when `next` is not nil.
  @discardableResult
  mutating func advance() -> Token {
    defer { position += 1 }
    return tokens[position]
  }

  /// Reads the next token if it is `symbol`.
  mutating func skip(symbol: String) -> Bool {
    guard let next, next.isSymbol(symbol) else { return false }
    advance()
    return true
  }

  /// Reads the next token if it is the word `keyword`.
  mutating func skip(keyword: String) -> Bool {
    guard let next, next.isWord(keyword) else { return false }
    advance()
    return true
  }

  /// Reads `symbol` or reports what was there instead.
  mutating func expect(symbol: String) throws(ParseError) {
    guard skip(symbol: symbol) else { throw expected("'\(symbol)'") }
  }

  /// Reports that the command should end here, unless it does.
  func expectEnd() throws(ParseError) {
    if next != nil { throw expected("end of command") }
  }

  /// `expected WHAT after 'PREVIOUS', found 'NEXT'`, at the next token or, when the command has
  /// ended, just after the last one.
  func expected(_ what: String, after: String? = nil) -> ParseError {
    let after = after ?? previous.source
    return ParseError("expected \(what) after '\(after)', found \(found)", column: nextColumn)
  }

  /// `'NEXT'`, or `nothing` at the end of the command.
  var found: String { next.map { "'\($0.source)'" } ?? "nothing" }

  /// Where the next token starts, or just after the last one at the end of the command.
  var nextColumn: Int { next?.column ?? tokens[tokens.count - 1].endColumn }

  /// Reads a word or quoted text together with every token that touches it without a blank in
  /// between, as typed: `data/x.csv`, `C:\x.csv`, `"my data.csv"`, `'it'"'"'s.csv'` (quoted
  /// pieces that touch are one text, as in a POSIX shell, so any name can be written). For
  /// paths and other free text.
  mutating func freeText() -> (text: String, column: Int)? {
    guard let first = next, first.kind == .word || first.kind == .quoted else { return nil }
    advance()
    var text = first.text
    while let next, next.column == previous.endColumn, next.kind != .separator,
      next.kind != .symbol || previous.kind != .quoted
    {
      text += advance().text
    }
    return (text, first.column)
  }
}
