/// The value of one schedule parameter, as the library takes it.
public enum ScheduleValue: Equatable, Sendable, CustomStringConvertible {
  /// A real number (`gamma=0.1`).
  case number(Double)
  /// A whole number of counts (`step_size=30`).
  case whole(Int)
  /// `True` or `False`, as Python spells them (`staircase=True`).
  case flag(Bool)
  /// One of a few words (`anneal_strategy=cos`).
  case word(String)
  /// Whole numbers in increasing order (`milestones=30,80`).
  case wholes([Int])
  /// Real numbers (`values=0.1,0.01,0.001`).
  case numbers([Double])
  /// optax's `boundaries_and_scales`, a dict {count: scale}: `100:0.1,200:0.01`.
  case boundaries([Boundary])

  /// One entry of optax's `boundaries_and_scales`.
  public struct Boundary: Equatable, Sendable {
    public var count: Int
    public var scale: Double
  }

  /// The value as `name=VALUE` writes it, numbers in their shortest round-trip form, so that
  /// reading the text back gives the same value bit for bit.
  public var description: String {
    switch self {
    case .number(let x): return Self.text(x)
    case .whole(let n): return String(n)
    case .flag(let b): return b ? "True" : "False"
    case .word(let w): return w
    case .wholes(let list): return list.map(String.init).joined(separator: ",")
    case .numbers(let list): return list.map(Self.text).joined(separator: ",")
    case .boundaries(let list):
      return list.map { "\($0.count):\(Self.text($0.scale))" }.joined(separator: ",")
    }
  }

  /// `0.1`, `1e-05`, `25`: Swift's shortest round-trip text, without a needless `.0`.
  static func text(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
  }

  var number: Double {
    switch self {
    case .number(let x): return x
    case .whole(let n): return Double(n)
    default: preconditionFailure("\(self) is not a number")
    }
  }

  var whole: Int {
    guard case .whole(let n) = self else { preconditionFailure("\(self) is not whole") }
    return n
  }

  var flag: Bool {
    guard case .flag(let b) = self else { preconditionFailure("\(self) is not a flag") }
    return b
  }
}
