/// One equation of an update rule with the numbers of one step: what `explain` prints.
///
/// `v_b = β·v_b + (1 − β)·db² = 0.9·0.000123 + 0.1·(-0.0077)² = 0.000117`: the name, the
/// formula as the notes write it, the same formula with the step's numbers, and the value.
/// Every value is recomputed from the state before the step and the hyperparameters, in the
/// engine's order of operations, so it equals the engine's own number bit for bit.
public struct ExplainedLine: Equatable, Sendable {
  /// What the line computes, as adalab names it: `v_b`, `lr_w[2]`, `1 − β₁ᵗ`.
  public var name: String
  /// The engine quantity the value equals, or nil for an intermediate (Δ, μₜ, 1 − β₁ᵗ).
  public var quantity: Quantity?
  /// The parameter the line belongs to (0-based, d is the bias), or nil for a shared number.
  public var parameterIndex: Int?
  /// The right-hand side in symbols: `β·v_b + (1 − β)·db²`; empty when there is none.
  public var formula: String
  /// The right-hand side with numbers in place of the symbols; empty when there is none.
  public var substituted: [Piece]
  /// The result.
  public var value: Double
  /// Words after the value, such as `scheduled`; nil for none.
  public var note: String? = nil

  /// A piece of a substituted formula: literal text, or a number to be formatted.
  public enum Piece: Equatable, Sendable, ExpressibleByStringLiteral {
    case text(String)
    case number(Double)

    public init(stringLiteral text: String) { self = .text(text) }
  }
}

/// The last update of a session, equation by equation.
public struct UpdateExplanation: Equatable, Sendable {
  /// The update explained, t ≥ 1.
  public var t: Int
  /// The power the bias corrections use (t, or the epoch with `bias_power epoch`).
  public var biasPower: Int
  /// Shared numbers first (1 − β₁ᵗ, ηₜ, μₜ …), then each parameter's lines in rule order.
  public var lines: [ExplainedLine]
}
