import Optimization

/// A `run until` condition bound to the engine's quantities, checked after every update.
struct ConditionEvaluator {
  private indirect enum Node {
    case compare(Term, Comparison, Term)
    case and(Node, Node)
    case or(Node, Node)
  }

  private indirect enum Term {
    case number(Double)
    case quantity(Quantity, index: Int?)
    case arithmetic(Term, ArithmeticOperator, Term)
    case negated(Term)
    case function(String, Term)
  }

  private let root: Node
  /// The condition as the user wrote it, for messages.
  let text: String

  /// Checks every name against the optimizer before any step is taken.
  init(_ condition: Condition, session: Session) throws(ShellError) {
    root = try ConditionEvaluator.bind(condition, session)
    text = ConditionEvaluator.describe(condition)
  }

  private static func bind(_ c: Condition, _ s: Session) throws(ShellError) -> Node {
    switch c {
    case .compare(let l, let op, let r): return .compare(try term(l, s), op, try term(r, s))
    case .and(let a, let b): return .and(try bind(a, s), try bind(b, s))
    case .or(let a, let b): return .or(try bind(a, s), try bind(b, s))
    }
  }

  private static func term(_ operand: Operand, _ s: Session) throws(ShellError) -> Term {
    switch operand {
    case .number(let x): return .number(x)
    case .arithmetic(let a, let op, let b): return .arithmetic(try term(a, s), op, try term(b, s))
    case .negated(let a): return .negated(try term(a, s))
    case .function(let name, let a): return .function(name, try term(a, s))
    case .quantity(let name, let index):
      guard let quantity = Quantity(rawValue: name) else {
        throw ShellError("unknown quantity '\(name)'")
      }
      guard quantity.exists(in: s.setup) else {
        throw ShellError("\(s.setup.optimizer.rawValue) keeps no \(name)")
      }
      if quantity.isPerFeature && index == nil && s.setup.dataset.dimension > 1 {
        throw ShellError(
          "\(name) has \(s.setup.dataset.dimension) entries; pick one, as in \(name)[1]")
      }
      if let index, !(1...s.setup.dataset.dimension).contains(index) || !quantity.isPerFeature {
        throw ShellError("\(name)[\(index)] is out of range")
      }
      return .quantity(quantity, index: index)
    }
  }

  static func describe(_ c: Condition) -> String {
    switch c {
    case .compare(let l, let op, let r): return "\(describe(l)) \(op.rawValue) \(describe(r))"
    case .and(let a, let b): return "\(describe(a)) and \(describe(b))"
    case .or(let a, let b): return "(\(describe(a)) or \(describe(b)))"
    }
  }

  /// An operand as typed, with blanks around operators and parentheses where needed.
  static func describe(_ o: Operand, inside: ArithmeticOperator? = nil, onRight: Bool = false)
    -> String
  {
    switch o {
    case .number(let x): return NumberFormat.text(x)
    case .quantity(let name, let index): return index.map { "\(name)[\($0)]" } ?? name
    case .negated(let a): return "-" + describe(a, inside: .times)
    case .function(let name, let a): return "\(name)(\(describe(a)))"
    case .arithmetic(let a, let op, let b):
      let text =
        "\(describe(a, inside: op)) \(op.rawValue) \(describe(b, inside: op, onRight: true))"
      guard let outer = inside else { return text }
      let needs =
        (outer.bindsTightly && !op.bindsTightly)
        || (onRight && outer.bindsTightly == op.bindsTightly
          && (outer == .minus || outer == .dividedBy))
      return needs ? "(\(text))" : text
    }
  }

  /// Whether the condition holds for the session as it is.
  func holds(now session: Session) throws(ShellError) -> Bool {
    evaluate(root) { session.value(of: $0) }
  }

  /// The engine's stop callback.
  var stop: (Observation) -> Bool {
    { observation in self.evaluate(self.root) { observation.value(of: $0) } }
  }

  private func evaluate(_ node: Node, _ read: (Quantity) -> QuantityValue) -> Bool {
    switch node {
    case .and(let a, let b): return evaluate(a, read) && evaluate(b, read)
    case .or(let a, let b): return evaluate(a, read) || evaluate(b, read)
    case .compare(let l, let op, let r):
      let x = value(l, read)
      let y = value(r, read)
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

  private func value(_ term: Term, _ read: (Quantity) -> QuantityValue) -> Double {
    switch term {
    case .number(let x): return x
    case .quantity(let q, let index):
      switch read(q) {
      case .scalar(let x): return x
      case .vector(let xs): return xs[(index ?? 1) - 1]
      }
    case .arithmetic(let a, let op, let b): return op.apply(value(a, read), value(b, read))
    case .negated(let a): return -value(a, read)
    case .function(let name, let a):
      let x = value(a, read)
      return name == "sqrt" ? x.squareRoot() : abs(x)
    }
  }
}
