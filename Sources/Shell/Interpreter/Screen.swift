/// How the host's screen draws pictures: set by the host, which knows whether it is a
/// terminal; the interpreter only reads it. Tests and golden sessions use the default.
public struct Screen: Equatable, Sendable {
  /// Columns of the terminal.
  public var width: Int
  /// Whether pictures may use ANSI colours (not when NO_COLOR is set or output is no terminal).
  public var colour: Bool
  /// Whether pictures use braille dots (2 × 4 per cell) rather than ASCII marks.
  public var braille: Bool

  public init(width: Int = 80, colour: Bool = false, braille: Bool = true) {
    self.width = width
    self.colour = colour
    self.braille = braille
  }
}
