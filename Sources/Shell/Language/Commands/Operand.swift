import Optimization

/// One side of a comparison in a condition: a number, a quantity, or arithmetic on them.
///
/// `abs(lr_b - 0.72) < 0.01` compares `.function("abs", .arithmetic(lr_b, .minus, 0.72))`
/// with 0.01. The operators are words of their own, so they need blanks around them
/// (`lr_b - 0.72`; `lr_b-0.72` is one unknown name), or a parenthesis beside them.
public indirect enum Operand: Equatable, Sendable {
  /// A finite number: `1e-3`, `-2`, `.5`.
  case number(Double)
  /// A quantity, or one entry of a per-feature one (`v_w[2]` is
  /// `.quantity(QuantityRef(quantity: .vW, index: 2))`).
  case quantity(QuantityRef)
  /// `a + b`, `a - b`, `a * b`, `a / b`; `*` and `/` bind tighter, chains nest to the left.
  case arithmetic(Operand, ArithmeticOperator, Operand)
  /// `-a`.
  case negated(Operand)
  /// `abs(a)`, `sqrt(a)`: a name from ``Operand/functions``.
  case function(String, Operand)

  /// The functions a condition may apply.
  public static let functions = ["abs", "sqrt"]
}

/// An arithmetic operator; the raw value is the word the user types.
public enum ArithmeticOperator: String, CaseIterable, Equatable, Sendable {
  case plus = "+"
  case minus = "-"
  case times = "*"
  case dividedBy = "/"

  /// `*` and `/` before `+` and `-`.
  var bindsTightly: Bool { self == .times || self == .dividedBy }

  func apply(_ x: Double, _ y: Double) -> Double {
    switch self {
    case .plus: return x + y
    case .minus: return x - y
    case .times: return x * y
    case .dividedBy: return x / y
    }
  }
}

extension Operand {
  /// The quantities the operand reads, in order.
  var quantities: [QuantityRef] {
    switch self {
    case .number: return []
    case .quantity(let ref): return [ref]
    case .arithmetic(let a, _, let b): return a.quantities + b.quantities
    case .negated(let a), .function(_, let a): return a.quantities
    }
  }

  /// Its value, reading each quantity with `read`.
  func value<E: Error>(_ read: (QuantityRef) throws(E) -> Double) throws(E) -> Double {
    switch self {
    case .number(let x): return x
    case .quantity(let ref): return try read(ref)
    case .arithmetic(let a, let op, let b): return op.apply(try a.value(read), try b.value(read))
    case .negated(let a): return -(try a.value(read))
    case .function(let name, let a):
      let x = try a.value(read)
      return name == "sqrt" ? x.squareRoot() : abs(x)
    }
  }
}
