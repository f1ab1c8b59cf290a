/// A grid of character cells that points and lines are drawn on, in pixels finer than a
/// cell: what a chart draws its curves into before it adds the frame.
///
/// Pixel (0, 0) is the top-left corner; y grows downward. Every pixel and every placed
/// character carries an optional ``Ink`` so that each series keeps its colour.
public protocol Canvas {
  /// A blank canvas of `columns` × `rows` cells.
  init(columns: Int, rows: Int)
  /// Columns of character cells.
  var columns: Int { get }
  /// Rows of character cells.
  var rows: Int { get }
  /// Pixels across one cell.
  static var pixelsPerColumn: Int { get }
  /// Pixels down one cell.
  static var pixelsPerRow: Int { get }
  /// Turns one pixel on; pixels outside the canvas are ignored.
  mutating func set(x: Int, y: Int, ink: Ink)
  /// Puts a character in a cell, over whatever was drawn there.
  mutating func put(_ character: Character, column: Int, row: Int, ink: Ink)
  /// The cell's character and ink.
  func cell(column: Int, row: Int) -> (character: Character, ink: Ink?)
}

/// What a series is drawn with: a colour from a small palette, by index.
public struct Ink: Equatable, Sendable {
  /// The index into ``Ink/palette`` (taken modulo its size).
  public var index: Int
  /// Whether this ink is the faint grey of contour lines and grids.
  public var isFaint: Bool

  public init(_ index: Int, faint: Bool = false) {
    self.index = index
    self.isFaint = faint
  }

  /// Grey, for what sits behind the data.
  public static let faint = Ink(0, faint: true)

  /// The escape that starts this ink in `palette`.
  func escape(in palette: Palette) -> String {
    if isFaint { return "\u{1B}[90m" }
    switch palette {
    case .okabeIto:
      return "\u{1B}[38;5;\(Palette.okabeIto256[index % Palette.okabeIto256.count])m"
    case .ansi:
      return "\u{1B}[\(Palette.ansi16[index % Palette.ansi16.count])m"
    }
  }

  /// The escape that ends any ink.
  static let reset = "\u{1B}[0m"

  /// An SVG colour for the same index.
  public var svgColour: String {
    isFaint ? "#9a9a9a" : Ink.svgPalette[index % Ink.svgPalette.count]
  }

  static let svgPalette = ["#1f5fbf", "#c8302c", "#2e8b3a", "#8e3fa8", "#c88a00", "#12889a"]
}

extension Canvas {
  /// Pixels across the canvas.
  public var pixelWidth: Int { columns * Self.pixelsPerColumn }
  /// Pixels down the canvas.
  public var pixelHeight: Int { rows * Self.pixelsPerRow }

  /// Draws a straight line between two pixels (Bresenham's algorithm), both ends included.
  /// A `dotted` line keeps only the pixels with x + y even, so that it reads as lighter than
  /// a solid one where both cross (contours under a path).
  public mutating func line(
    from start: (x: Int, y: Int), to end: (x: Int, y: Int), ink: Ink, dotted: Bool = false
  ) {
    var (x, y) = start
    let dx = abs(end.x - x)
    let dy = -abs(end.y - y)
    let sx = x < end.x ? 1 : -1
    let sy = y < end.y ? 1 : -1
    var error = dx + dy
    // A guard against lines between far-off-canvas points.
    var budget = 4 * (pixelWidth + pixelHeight) + 8
    while budget > 0 {
      if !dotted || (x + y) % 2 == 0 { set(x: x, y: y, ink: ink) }
      if x == end.x && y == end.y { break }
      let doubled = 2 * error
      if doubled >= dy {
        error += dy
        x += sx
      }
      if doubled <= dx {
        error += dx
        y += sy
      }
      budget -= 1
    }
  }

  /// The canvas as text lines, with ANSI colours from `palette` when `colour` is true.
  public func lines(colour: Bool, palette: Palette = .okabeIto) -> [String] {
    (0..<rows).map { row in
      var text = ""
      var current: Ink?
      for column in 0..<columns {
        let (character, drawn) = cell(column: column, row: row)
        let ink = character == " " ? nil : drawn
        if colour && ink != current {
          if current != nil { text += Ink.reset }
          if let ink { text += ink.escape(in: palette) }
          current = ink
        }
        text.append(character)
      }
      if colour && current != nil { text += Ink.reset }
      return text
    }
  }
}
