/// A step that was not taken because it would have made a value NaN or infinite.
public struct Divergence: Equatable, Sendable, Error {
  /// The update that failed (the state stays at t − 1).
  public var step: Int
  /// The first quantity that stopped being finite.
  public var quantity: Quantity
  /// The parameter it belongs to: 0-based, d means the bias.
  public var parameterIndex: Int
}
