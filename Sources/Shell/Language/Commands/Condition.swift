/// The stopping condition of `run until`: comparisons joined by `and` and `or`.
///
/// `and` binds tighter than `or`, and parentheses group: `loss < 1e-3 or t >= 100 and lr_b < 0.01`
/// is `.or(loss < 1e-3, .and(t >= 100, lr_b < 0.01))`. Chains nest to the left:
/// `a and b and c` is `.and(.and(a, b), c)`.
public indirect enum Condition: Equatable, Sendable {
  /// `lhs comparison rhs`, such as `v_w[2] > v_b`.
  case compare(Operand, Comparison, Operand)
  /// Both conditions hold.
  case and(Condition, Condition)
  /// At least one condition holds.
  case or(Condition, Condition)
}
