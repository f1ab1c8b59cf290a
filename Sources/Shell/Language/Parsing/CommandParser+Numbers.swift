extension CommandParser {
  /// The largest count of steps or epochs: a million million.
  static let maximumCount = 1_000_000_000_000

  /// Reads a finite number, or reports what was there instead.
  mutating func parseNumber(after: String) throws(ParseError) -> Double {
    guard let token = next, token.kind == .word else { throw expected("a number", after: after) }
    switch NumberSyntax.read(token.text) {
    case .number(let value):
      advance()
      return value
    case .outOfRange:
      throw ParseError(NumberSyntax.rangeMessage(token.text), column: token.column)
    case .notANumber:
      throw expected("a number", after: after)
    }
  }

  /// Reads a count if one follows: `step` is nil, `step 10` is 10.
  mutating func parseOptionalCount(of noun: String, after: String) throws(ParseError) -> Int? {
    next == nil ? nil : try parseCount(of: noun, after: after)
  }

  /// Reads a positive whole number up to `maximumCount`, written as `100`, `1e6`, `10k` (a
  /// thousand times) or `2m` (a million times).
  /// `expected a whole number of steps after 'step', found 'ten'`.
  mutating func parseCount(of noun: String, after: String) throws(ParseError) -> Int {
    let whole = "a whole number of \(noun)"
    guard let token = next, token.kind == .word else { throw expected(whole, after: after) }
    var text = Substring(token.text)
    var multiplier = 1.0
    if let last = text.last, let factor = ["k": 1e3, "m": 1e6][last.lowercased()] {
      multiplier = factor
      text = text.dropLast()
    }
    switch NumberSyntax.read(String(text)) {
    case .notANumber:
      throw expected(whole, after: after)
    case .outOfRange:
      throw ParseError(NumberSyntax.rangeMessage(token.text), column: token.column)
    case .number(let number):
      let value = number * multiplier
      guard value.rounded() == value else { throw expected(whole, after: after) }
      guard value >= 1 else { throw expected("a positive number of \(noun)", after: after) }
      guard value <= Double(Self.maximumCount) else {
        throw expected("at most \(Self.maximumCount) \(noun)", after: after)
      }
      advance()
      return Int(value)
    }
  }

  /// Reads a whole number from 0 to `UInt64.max`, such as a random seed.
  mutating func parseSeed(after: String) throws(ParseError) -> UInt64 {
    guard let token = next, token.kind == .word,
      token.text.allSatisfy({ $0.isASCII && $0.isNumber }), let seed = UInt64(token.text)
    else { throw expected("a whole number from 0 to \(UInt64.max)", after: after) }
    advance()
    return seed
  }

  /// Reads a feature index, 1 or more: the `2` of `v_w[2]`.
  mutating func parseIndex() throws(ParseError) -> Int {
    guard let token = next, token.kind == .word,
      token.text.allSatisfy({ $0.isASCII && $0.isNumber }), let index = Int(token.text),
      index >= 1
    else { throw expected("a feature index (1, 2, ...)", after: "[") }
    advance()
    return index
  }
}
