/// The colours series are drawn in at a terminal.
///
/// Okabe and Ito's palette ("Color Universal Design", 2008) stays distinct for viewers with
/// any common colour-vision deficiency and on light and dark backgrounds alike; in 256
/// colours it is drawn with the nearest xterm colours, in the order orange, sky blue, bluish
/// green, vermillion, reddish purple, blue (yellow is left out: it vanishes on white, and
/// blue comes last: dark blue vanishes on black). Terminals with 16 colours get the ANSI
/// colours in a similar order. Series never rely on colour alone: each also has its own
/// numbered end label.
public enum Palette: String, CaseIterable, Sendable {
  /// Okabe–Ito in xterm's 256 colours.
  case okabeIto = "okabe-ito"
  /// The 16 ANSI colours: yellow, cyan, green, red, magenta, blue.
  case ansi

  /// #E69F00, #56B4E9, #009E73, #D55E00, #CC79A7, #0072B2 as the nearest xterm-256 colours.
  static let okabeIto256 = [214, 74, 36, 166, 175, 25]
  /// ANSI foreground codes in the same spirit.
  static let ansi16 = [33, 36, 32, 31, 35, 34]
  /// Okabe–Ito for SVG, in the same order as at the terminal.
  static let okabeItoHex = ["#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2"]
}
