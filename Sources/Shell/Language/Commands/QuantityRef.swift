import Optimization

/// A quantity as a command names it: `lr_b`, or one entry of a per-feature quantity, `v_w[2]`.
///
/// The parser has checked the name and that only a per-feature quantity carries an index; the
/// index is 1-based, as typed, and checked against the data by the interpreter.
public struct QuantityRef: Hashable, Sendable {
  public var quantity: Quantity
  /// The 1-based feature index of `v_w[2]`; nil for the whole quantity.
  public var index: Int?

  public init(quantity: Quantity, index: Int? = nil) {
    self.quantity = quantity
    self.index = index
  }

  /// The canonical spelling: `lr_b`, `v_w[2]`.
  public var name: String {
    index.map { "\(quantity.rawValue)[\($0)]" } ?? quantity.rawValue
  }
}
