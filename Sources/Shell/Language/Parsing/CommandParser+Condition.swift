extension CommandParser {
  /// `run until CONDITION [max N]`.
  mutating func parseRun() throws(ParseError) -> Command {
    guard skip(keyword: "until") else { throw expected("'until'", after: "run") }
    let condition = try parseCondition()
    let maximum = skip(keyword: "max") ? try parseCount(of: "steps", after: "max") : nil
    if next != nil { throw expected("'and', 'or', 'max' or end of command") }
    return .runUntil(condition, max: maximum)
  }

  /// `COMPARISON (and COMPARISON)* (or ...)*`, with parentheses; `and` binds tighter than `or`.
  mutating func parseCondition() throws(ParseError) -> Condition {
    var condition = try parseConjunction()
    while skip(keyword: "or") { condition = .or(condition, try parseConjunction()) }
    return condition
  }

  private mutating func parseConjunction() throws(ParseError) -> Condition {
    var condition = try parseComparison()
    while skip(keyword: "and") { condition = .and(condition, try parseComparison()) }
    return condition
  }

  /// `OPERAND OP OPERAND`, or a condition in parentheses.
  private mutating func parseComparison() throws(ParseError) -> Condition {
    guard next != nil else { throw expected("a condition") }
    if skip(symbol: "(") {
      let condition = try parseCondition()
      try expect(symbol: ")")
      return condition
    }
    let lhs = try parseOperand()
    guard let token = next, token.kind == .symbol,
      let comparison = Comparison(rawValue: token.text)
    else {
      let hint = ["=": "==", "!": "!="][next?.text ?? ""].map { " (did you mean '\($0)'?)" } ?? ""
      let symbols = Comparison.allCases.map(\.rawValue).joined(separator: ", ")
      throw ParseError(expected("a comparison (\(symbols))").message + hint, column: nextColumn)
    }
    advance()
    return .compare(lhs, comparison, try parseOperand())
  }

  /// A number or a quantity: `1e-3`, `-2`, `loss`, `v_w[2]`.
  private mutating func parseOperand() throws(ParseError) -> Operand {
    guard let token = next, token.kind == .word else {
      throw expected("a number or a quantity")
    }
    switch NumberSyntax.read(token.text) {
    case .number(let value):
      advance()
      return .number(value)
    case .outOfRange:
      throw ParseError(NumberSyntax.rangeMessage(token.text), column: token.column)
    case .notANumber where NumberSyntax.looksNumeric(token.text):
      throw expected("a number or a quantity")
    case .notANumber:
      let (name, index) = try parseQuantity()
      return .quantity(name: name, index: index)
    }
  }
}
