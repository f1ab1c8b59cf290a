import Optimization

extension CommandParser {
  /// `NAME=VALUE` inside the brackets of an optimizer spec.
  mutating func parseAssignment() throws(ParseError) -> SettingAssignment {
    let (term, value) = try parseNamedValue(in: Vocabulary.settings, requiresEquals: true)
    return SettingAssignment(setting: term.meaning(Setting.self), value: value)
  }

  /// `NAME VALUE` or `NAME=VALUE` (after `set`, where `terms` holds the screen's settings
  /// too), or `NAME=VALUE` (in brackets, where the `=` is required).
  mutating func parseNamedValue(in terms: [Term], requiresEquals: Bool) throws(ParseError)
    -> (Term, SettingValue)
  {
    let setting = try parseName("setting", in: terms)
    if !skip(symbol: "=") && requiresEquals { throw expected("'='") }
    return (setting, try parseValue(of: setting))
  }

  /// A value the setting accepts: a number if it takes numbers (or, for a setting that takes
  /// only numbers, any word, which the engine will refuse), else one of its choices.
  private mutating func parseValue(of setting: Term) throws(ParseError) -> SettingValue {
    guard let token = next, token.kind == .word || token.kind == .quoted else {
      throw ParseError(
        "expected a value for '\(setting.name)', found \(found)", column: nextColumn)
    }
    if token.kind == .word, NumberSyntax.looksNumeric(token.text) {
      guard setting.takesNumber else { throw Self.unexpectedValue(token, of: setting) }
      switch NumberSyntax.read(token.text) {
      case .number(let value):
        advance()
        return .number(value)
      case .outOfRange:
        throw ParseError(NumberSyntax.rangeMessage(token.text), column: token.column)
      case .notANumber:
        throw ParseError(
          "expected a number for '\(setting.name)', found '\(token.text)'", column: token.column)
      }
    }
    if let choice = setting.choices.first(where: { $0 == token.text.lowercased() }) {
      advance()
      return .word(choice)
    }
    guard !setting.choices.isEmpty else {
      advance()
      return .word(token.text)
    }
    let suggestions = setting.choices.map { Term($0, "") }.suggestions(for: token.text)
    guard suggestions.isEmpty else {
      throw ParseError(
        "unknown value '\(token.source)' for '\(setting.name)'\(didYouMean(suggestions))",
        column: token.column)
    }
    throw Self.unexpectedValue(token, of: setting)
  }

  /// `expected 'on' or 'off' for 'shuffle', found '1'`,
  /// `expected a number or 'full' for 'batch', found 'half'`.
  private static func unexpectedValue(_ token: Token, of setting: Term) -> ParseError {
    let options = (setting.takesNumber ? ["a number"] : []) + setting.choices.map { "'\($0)'" }
    let expectation =
      options.count == 1
      ? options[0]
      : options.dropLast().joined(separator: ", ") + " or " + options[options.count - 1]
    return ParseError(
      "expected \(expectation) for '\(setting.name)', found '\(token.source)'",
      column: token.column)
  }
}
