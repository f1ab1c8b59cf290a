import Optimization

/// One column of `compare`'s tables: a quantity (`loss`, `lr_b`) or one entry of a
/// per-feature one (`w[2]`), read from each compared run.
struct CompareColumn {
  /// The header, as typed after `show`.
  var name: String
  var quantity: Quantity
  /// The 1-based feature index, for `w[2]`.
  var index: Int?

  /// The columns when `show` is not given.
  static let defaults = ["loss", "w", "b", "lr_w", "lr_b"]

  /// The value in a run, or nil when its optimizer keeps no such quantity.
  func value(in run: Session) -> QuantityValue? {
    guard quantity.exists(in: run.setup) else { return nil }
    return select(run.value(of: quantity))
  }

  /// The value in one recorded update of a run's history.
  func value(in values: [Quantity: QuantityValue]) -> QuantityValue? {
    values[quantity].map(select)
  }

  private func select(_ value: QuantityValue) -> QuantityValue {
    guard let index, case .vector(let xs) = value else { return value }
    return .scalar(xs[index - 1])
  }

  static func text(_ value: QuantityValue?) -> String {
    switch value {
    case .scalar(let x): return NumberFormat.text(x)
    case .vector(let xs): return NumberFormat.text(xs)
    case nil: return "-"
    }
  }

  static func json(_ value: QuantityValue?) -> JSON {
    switch value {
    case .scalar(let x): return .number(x)
    case .vector(let xs): return .array(xs.map(JSON.number))
    case nil: return .null
    }
  }
}
