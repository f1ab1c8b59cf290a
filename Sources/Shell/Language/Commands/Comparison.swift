/// A comparison operator in a condition; the raw value is the symbol the user types.
public enum Comparison: String, CaseIterable, Equatable, Sendable {
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case equal = "=="
  case notEqual = "!="
}
