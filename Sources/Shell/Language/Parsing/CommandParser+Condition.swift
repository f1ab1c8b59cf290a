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

  /// `OPERAND OP OPERAND`, or a condition in parentheses. `(` starts either a condition,
  /// `(loss < 1 or t > 5) and ...`, or arithmetic, `(lr_b - 0.7) * 2 < 1`: the first is tried,
  /// then the second.
  private mutating func parseComparison() throws(ParseError) -> Condition {
    guard next != nil else { throw expected("a condition") }
    guard next?.isSymbol("(") == true else { return try parseSimpleComparison() }
    var grouped = self
    grouped.advance()
    let groupError: ParseError
    do {
      let condition = try grouped.parseCondition()
      if grouped.skip(symbol: ")") {
        self = grouped
        return condition
      }
      groupError = grouped.expected("')'")
    } catch {
      groupError = error
    }
    var arithmetic = self
    do {
      let condition = try arithmetic.parseSimpleComparison()
      self = arithmetic
      return condition
    } catch {
      // The reading that got further explains the mistake better.
      throw error.column > groupError.column ? error : groupError
    }
  }

  /// `EXPRESSION OP EXPRESSION`.
  private mutating func parseSimpleComparison() throws(ParseError) -> Condition {
    let lhs = try parseExpression()
    guard let token = next, token.kind == .symbol,
      let comparison = Comparison(rawValue: token.text)
    else {
      let hint = ["=": "==", "!": "!="][next?.text ?? ""].map { " (did you mean '\($0)'?)" } ?? ""
      let symbols = Comparison.allCases.map(\.rawValue).joined(separator: ", ")
      throw ParseError(expected("a comparison (\(symbols))").message + hint, column: nextColumn)
    }
    advance()
    return .compare(lhs, comparison, try parseExpression())
  }

  /// `TERM (+|- TERM)*`.
  private mutating func parseExpression() throws(ParseError) -> Operand {
    var value = try parseTerm()
    while let op = arithmeticOperator(), !op.bindsTightly {
      advance()
      value = .arithmetic(value, op, try parseTerm())
    }
    return value
  }

  /// `FACTOR (*|/ FACTOR)*`.
  private mutating func parseTerm() throws(ParseError) -> Operand {
    var value = try parseFactor()
    while let op = arithmeticOperator(), op.bindsTightly {
      advance()
      value = .arithmetic(value, op, try parseFactor())
    }
    return value
  }

  /// `- FACTOR`, `( EXPRESSION )`, `abs( EXPRESSION )`, a number or a quantity.
  private mutating func parseFactor() throws(ParseError) -> Operand {
    if arithmeticOperator() == .minus {
      advance()
      return .negated(try parseFactor())
    }
    if skip(symbol: "(") {
      let inner = try parseExpression()
      try expect(symbol: ")")
      return inner
    }
    if let word = next, word.kind == .word, Operand.functions.contains(word.text.lowercased()),
      afterNext?.isSymbol("(") == true
    {
      advance()
      advance()
      let inner = try parseExpression()
      try expect(symbol: ")")
      return .function(word.text.lowercased(), inner)
    }
    return try parseOperand()
  }

  /// The next token as an arithmetic operator, if it is one.
  private func arithmeticOperator() -> ArithmeticOperator? {
    guard let token = next, token.kind == .word else { return nil }
    return ArithmeticOperator(rawValue: token.text)
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
      let glued = token.text.contains { "+-*/".contains($0) }
      if glued && Vocabulary.quantities.allSatisfy({ $0.name != token.text.lowercased() }) {
        throw ParseError(
          "expected a number or a quantity, found '\(token.text)' (put blanks around + - * /)",
          column: token.column)
      }
      return .quantity(try parseQuantity())
    }
  }
}
