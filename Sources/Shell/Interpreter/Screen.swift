import Plotting

/// How the host's screen draws pictures: set by the host, which knows whether it is a
/// terminal; the interpreter only reads it. Tests and golden sessions use the default.
public struct Screen: Equatable, Sendable {
  /// Columns of the terminal.
  public var width: Int
  /// Whether pictures may use ANSI colours (not when NO_COLOR is set or output is no terminal).
  public var colour: Bool
  /// Whether pictures use braille dots (2 × 4 per cell) rather than ASCII marks.
  public var braille: Bool
  /// The colours the terminal can show: Okabe–Ito where it has 256 colours.
  public var palette: Palette

  public init(
    width: Int = 80, colour: Bool = false, braille: Bool = true, palette: Palette = .okabeIto
  ) {
    self.width = width
    self.colour = colour
    self.braille = braille
    self.palette = palette
  }

  /// The palette for a terminal described by `TERM` and `COLORTERM`: Okabe–Ito in 256
  /// colours when the terminal says it has them (`xterm-256color`, `COLORTERM=truecolor`),
  /// else the 16 ANSI colours.
  public static func palette(term: String?, colorTerm: String?) -> Palette {
    let rich = (term ?? "").contains("256") || ["truecolor", "24bit"].contains(colorTerm ?? "")
    return rich ? .okabeIto : .ansi
  }
}
