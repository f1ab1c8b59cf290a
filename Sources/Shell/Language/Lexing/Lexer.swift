/// Splits a line into tokens, keeping quoted text whole and dropping a `#` comment.
///
/// Blanks separate tokens and are otherwise ignored; symbols need no blanks around them
/// (`v_w[2]>v_b`). Inside quotes every character is literal: there are no escapes, so a path
/// with a `"` in it is written in single quotes.
struct Lexer {
  /// The tokens of a line and where its comment starts.
  struct Output: Equatable {
    var tokens: [Token]
    /// Character offset of the `#` that starts a comment, if any.
    var commentColumn: Int?
  }

  /// Characters that end a word and stand as tokens of their own.
  static let symbols: Set<Character> = ["=", ",", "[", "]", "(", ")", ":", "<", ">", "!"]
  /// Symbols of two characters, read as one token.
  static let pairs: Set<String> = ["<=", ">=", "==", "!="]
  static let quotes: Set<Character> = ["\"", "'"]

  /// Lexes `line`. An unclosed quote is an error, or, when `lenient` (for completion), a quoted
  /// token with `isClosed` false that runs to the end of the line.
  static func tokenize(_ line: String, lenient: Bool = false) throws(ParseError) -> Output {
    var lexer = Lexer(line)
    var tokens: [Token] = []
    while let character = lexer.peek {
      if character.isWhitespace {
        lexer.index += 1
      } else if character == "#" {
        return Output(tokens: tokens, commentColumn: lexer.index)
      } else if quotes.contains(character) {
        tokens.append(try lexer.readQuoted(lenient: lenient))
      } else {
        tokens.append(lexer.readUnquoted())
      }
    }
    return Output(tokens: tokens, commentColumn: nil)
  }

  private let characters: [Character]
  /// `offsets[i]` is the UTF-8 offset of `characters[i]`; one more for the end of the line.
  private let offsets: [Int]
  private var index = 0

  private init(_ line: String) {
    characters = Array(line)
    var offsets = [0]
    for character in characters {
      offsets.append(offsets[offsets.count - 1] + character.utf8.count)
    }
    self.offsets = offsets
  }

  private var peek: Character? { index < characters.count ? characters[index] : nil }

  /// A `;`, a symbol or a word.
  private mutating func readUnquoted() -> Token {
    let start = index
    let character = characters[index]
    index += 1
    let kind: Token.Kind
    if character == ";" {
      kind = .separator
    } else if Self.symbols.contains(character) {
      kind = .symbol
      if let next = peek, Self.pairs.contains(String([character, next])) { index += 1 }
    } else {
      kind = .word
      while let next = peek, Self.isWordCharacter(next) { index += 1 }
    }
    return Token(
      kind: kind, text: String(characters[start..<index]), column: start, endColumn: index,
      textOffset: offsets[start])
  }

  /// Text between two matching quotes.
  private mutating func readQuoted(lenient: Bool) throws(ParseError) -> Token {
    let start = index
    let quote = characters[index]
    index += 1
    while let next = peek, next != quote { index += 1 }
    let isClosed = peek != nil
    if !isClosed && !lenient {
      throw ParseError(
        "expected a closing \(quote) to end the quoted text, found end of line", column: start)
    }
    let text = String(characters[(start + 1)..<index])
    if isClosed { index += 1 }
    return Token(
      kind: .quoted, text: text, column: start, endColumn: index, textOffset: offsets[start + 1],
      isClosed: isClosed)
  }

  static func isWordCharacter(_ character: Character) -> Bool {
    !character.isWhitespace && !symbols.contains(character) && !quotes.contains(character)
      && character != "#" && character != ";"
  }
}
