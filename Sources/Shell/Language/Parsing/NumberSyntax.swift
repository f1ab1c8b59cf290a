/// How numbers are written: `0.1`, `1e-8`, `-2`, `.5`, `+3`. `inf` and `nan` are words.
enum NumberSyntax {
  /// What a word says as a number.
  enum Reading: Equatable {
    /// A finite number.
    case number(Double)
    /// Written as a number, but too large for a Double (`1e400`), or so small that it rounds
    /// to 0 (`1e-400`).
    case outOfRange
    /// Not a number.
    case notANumber
  }

  /// Reads a decimal literal: an optional sign, digits with an optional point (at least one
  /// digit in all), and an optional exponent.
  static func read(_ text: String) -> Reading {
    guard isDecimalLiteral(text), let value = Double(text) else { return .notANumber }
    return value.isFinite && !underflows(text, to: value) ? .number(value) : .outOfRange
  }

  /// `number out of range '1e400'`, saying why for a number too small for a Double.
  static func rangeMessage(_ text: String) -> String {
    let why =
      Double(text).map { underflows(text, to: $0) } == true
      ? " (too small for a double: it would be 0)" : ""
    return "number out of range '\(text)'\(why)"
  }

  /// Whether a literal with a non-zero digit before its exponent became 0.
  private static func underflows(_ text: String, to value: Double) -> Bool {
    guard value == 0 else { return false }
    let mantissa = text.prefix { $0 != "e" && $0 != "E" }
    return mantissa.contains { $0.isASCII && $0.isNumber && $0 != "0" }
  }

  /// Whether a word starts like a number (a digit, or a sign or a point before a digit), so that
  /// `0.1.2` is a malformed number rather than a word.
  static func looksNumeric(_ text: String) -> Bool {
    let start = text.drop { $0 == "+" || $0 == "-" || $0 == "." }
    return start.first?.isASCII == true && start.first?.isNumber == true
  }

  private static func isDecimalLiteral(_ text: String) -> Bool {
    var rest = Substring(text)
    if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
    let integer = rest.prefix(while: isDigit)
    rest = rest.dropFirst(integer.count)
    var fraction = Substring()
    if rest.first == "." {
      rest = rest.dropFirst()
      fraction = rest.prefix(while: isDigit)
      rest = rest.dropFirst(fraction.count)
    }
    guard !integer.isEmpty || !fraction.isEmpty else { return false }
    if rest.first == "e" || rest.first == "E" {
      rest = rest.dropFirst()
      if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
      let exponent = rest.prefix(while: isDigit)
      guard !exponent.isEmpty else { return false }
      rest = rest.dropFirst(exponent.count)
    }
    return rest.isEmpty
  }

  private static func isDigit(_ character: Character) -> Bool {
    character.isASCII && character.isNumber
  }
}
