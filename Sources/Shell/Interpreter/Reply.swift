/// What one command produced, in both of the shell's output forms.
public struct Reply: Equatable, Sendable {
  /// Lines for a person.
  public var lines: [String]
  /// One object for `--json`.
  public var json: JSON
  /// Pictures the command drew, as standalone SVG documents (for `export`).
  public var figures: [String] = []

  /// A reply with text lines and a JSON object.
  public init(lines: [String], json: JSON) {
    self.lines = lines
    self.json = json
  }

  /// A reply whose JSON form carries the text as `{"text": [...]}`.
  public init(lines: [String]) {
    self.lines = lines
    self.json = .object([("text", .array(lines.map(JSON.string)))])
  }
}

/// A command that failed. The session is as it was before the command.
public struct ShellError: Error, Equatable, Sendable {
  /// One lowercase line: what was expected, what was found, and the nearest valid name.
  public var message: String
  /// The character offset in the line of the bad token, when it is known.
  public var column: Int?

  /// An error; control characters in the message (a typed escape, a NUL) are shown as
  /// escapes (`\e`, `\0`, `\u{7}`) so that printing it can never drive the terminal.
  public init(_ message: String, column: Int? = nil) {
    self.message = ShellError.visible(message)
    self.column = column
  }

  static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\u{1b}": out += "\\e"
      case "\u{0}": out += "\\0"
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case _ where isControl(scalar): out += "\\u{\(String(scalar.value, radix: 16))}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
  }

  /// `{"error": MESSAGE}` for `--json`.
  public var json: JSON {
    var pairs: [(String, JSON)] = [("error", .string(message))]
    if let column { pairs.append(("column", .integer(column))) }
    return .object(pairs)
  }
}
