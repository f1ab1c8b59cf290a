/// One parameter of a schedule kind, named and defaulted as its library's signature has it:
/// what `help schedule` lists, what completion offers after the kind, and what the engine
/// checks a typed `name=value` against.
public struct ScheduleParameter: Sendable {
  /// The kind of value a parameter takes.
  public enum ValueKind: Sendable, Equatable {
    /// A real number, at least `minimum` when given (`positive`: above 0).
    case number(positive: Bool)
    /// A whole number, at least `minimum`.
    case whole(minimum: Int)
    /// `True` or `False`.
    case flag
    /// One of these words.
    case word([String])
    /// Whole numbers separated by commas, each at least 1, none below the one before (PyTorch
    /// counts a repeated milestone twice).
    case wholes
    /// Real numbers separated by commas.
    case numbers
    /// `count:scale` pairs separated by commas.
    case boundaries

    /// How help and errors name this kind of value.
    public var name: String {
      switch self {
      case .number(let positive): return positive ? "a positive number" : "a number"
      case .whole(let minimum):
        return minimum <= 0 ? "a whole number" : "a whole number ≥ \(minimum)"
      case .flag: return "True or False"
      case .word(let words): return words.map { "'\($0)'" }.joined(separator: " or ")
      case .wholes: return "whole numbers N,N,… in order"
      case .numbers: return "numbers X,X,…"
      case .boundaries: return "count:scale pairs N:X,N:X,…"
      }
    }
  }

  /// What holds when the parameter is not typed.
  public enum Default: Sendable, Equatable {
    /// It must be typed.
    case required
    /// The session's η (the library argument is the initial rate).
    case sessionRate
    /// The library's default.
    case value(ScheduleValue)
    /// The library's `None`: the feature is off.
    case none

    /// How help shows it.
    public var description: String {
      switch self {
      case .required: return "required"
      case .sessionRate: return "η"
      case .value(let v): return v.description
      case .none: return "None"
      }
    }
  }

  /// The name exactly as the library spells it.
  public let name: String
  public let kind: ValueKind
  public let defaultValue: Default

  init(_ name: String, _ kind: ValueKind, _ defaultValue: Default) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
  }

  /// Reads `text` as this parameter's value, or says what was expected and what was found.
  func read(_ text: String) throws(ScheduleError) -> ScheduleValue {
    let fail = ScheduleError("expected \(kind.name) for '\(name)', found '\(text)'")
    switch kind {
    case .number(let positive):
      guard let x = Double(text), x.isFinite, !positive || x > 0 else { throw fail }
      return .number(x)
    case .whole(let minimum):
      guard let n = Int(text), n >= minimum else { throw fail }
      return .whole(n)
    case .flag:
      switch text.lowercased() {
      case "true": return .flag(true)
      case "false": return .flag(false)
      default: throw fail
      }
    case .word(let words):
      guard words.contains(text) else { throw fail }
      return .word(text)
    case .wholes:
      let parts = text.split(separator: ",", omittingEmptySubsequences: false)
      let list = parts.compactMap { Int($0) }
      guard list.count == parts.count, !list.isEmpty, list.allSatisfy({ $0 >= 1 }),
        zip(list, list.dropFirst()).allSatisfy({ $0 <= $1 })
      else { throw fail }
      return .wholes(list)
    case .numbers:
      let parts = text.split(separator: ",", omittingEmptySubsequences: false)
      let list = parts.compactMap { Double($0) }
      guard list.count == parts.count, !list.isEmpty, list.allSatisfy(\.isFinite) else {
        throw fail
      }
      return .numbers(list)
    case .boundaries:
      var list: [ScheduleValue.Boundary] = []
      for part in text.split(separator: ",", omittingEmptySubsequences: false) {
        let pair = part.split(separator: ":", omittingEmptySubsequences: false)
        guard pair.count == 2, let count = Int(pair[0]), count >= 0,
          let scale = Double(pair[1]), scale.isFinite, scale >= 0
        else { throw fail }
        list.append(.init(count: count, scale: scale))
      }
      guard Set(list.map(\.count)).count == list.count, !list.isEmpty else { throw fail }
      return .boundaries(list.sorted { $0.count < $1.count })
    }
  }
}
