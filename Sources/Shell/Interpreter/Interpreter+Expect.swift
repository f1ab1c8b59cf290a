import Optimization

extension Interpreter {
  /// `expect CONDITION`: a lesson's claim about its numbers, checked now.
  ///
  /// The condition is one `watch` and `run until` understand. When it holds, nothing is
  /// printed (the JSON form says it held); when it does not, the command fails with one line
  /// that names the claim and the value of every quantity in it, so a replayed lesson stops
  /// at the first claim its numbers no longer support:
  ///
  ///     expected lr_w[2] > lr_w[1], found lr_w[2] = 0.426738 and lr_w[1] = 0.57295
  func expect(_ condition: Condition) throws(ShellError) -> Reply {
    // Checks every name against the optimizer and the data first.
    _ = try ConditionEvaluator(condition, session: session)
    let text = ConditionEvaluator.describe(condition)
    guard try holds(condition) else {
      var found: [String] = []
      for ref in Interpreter.quantities(in: condition) {
        found.append("\(ref.name) = \(try showQuantity(ref).0)")
      }
      let values = found.isEmpty ? "it false" : Interpreter.joinedInWords(found)
      throw ShellError("expected \(text), found \(values)")
    }
    return Reply(lines: [], json: .object([("expect", .string(text)), ("holds", .bool(true))]))
  }

  /// The truth of a condition for the session now, reading each quantity the way `show`
  /// does (so a quantity that does not exist yet, such as `lr_b` at t=0, is an error).
  private func holds(_ condition: Condition) throws(ShellError) -> Bool {
    switch condition {
    case .and(let a, let b):
      guard try holds(a) else { return false }
      return try holds(b)
    case .or(let a, let b):
      if try holds(a) { return true }
      return try holds(b)
    case .compare(let l, let op, let r):
      let x = try number(l)
      let y = try number(r)
      switch op {
      case .less: return x < y
      case .lessOrEqual: return x <= y
      case .greater: return x > y
      case .greaterOrEqual: return x >= y
      case .equal: return x == y
      case .notEqual: return x != y
      }
    }
  }

  private func number(_ operand: Operand) throws(ShellError) -> Double {
    try operand.value { (ref) throws(ShellError) -> Double in
      switch try quantityValue(ref) {
      case .scalar(let x): return x
      case .vector(let xs): return xs[0]
      }
    }
  }

  /// `a`, `a and b`, `a, b and c`.
  static func joinedInWords(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
  }
}
