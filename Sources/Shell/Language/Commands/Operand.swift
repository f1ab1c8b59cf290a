/// One side of a comparison in a condition.
public enum Operand: Equatable, Sendable {
  /// A finite number: `1e-3`, `-2`, `.5`.
  case number(Double)
  /// A canonical quantity name from `Vocabulary.quantities`, with a 1-based feature index for
  /// per-feature quantities (`v_w[2]` is `.quantity(name: "v_w", index: 2)`).
  case quantity(name: String, index: Int?)
}
