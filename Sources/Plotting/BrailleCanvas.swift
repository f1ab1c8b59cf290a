/// A canvas of Unicode braille cells: each character is 2 × 4 dots, so an 80-column
/// terminal draws curves 160 dots wide.
///
/// A braille character is U+2800 plus one bit per raised dot. The dots are numbered down
/// the left column 1, 2, 3, then down the right column 4, 5, 6, with 7 and 8 added later
/// below both; so the bits, read as pixels, are
///
///     0x01 0x08
///     0x02 0x10
///     0x04 0x20
///     0x40 0x80
public struct BrailleCanvas: Canvas {
  public let columns: Int
  public let rows: Int
  public static var pixelsPerColumn: Int { 2 }
  public static var pixelsPerRow: Int { 4 }

  /// The raised-dot bits of each cell, row by row.
  private var bits: [UInt8]
  private var inks: [Ink?]
  private var overlays: [Character?]

  /// A blank canvas of `columns` × `rows` cells.
  public init(columns: Int, rows: Int) {
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    bits = Array(repeating: 0, count: self.columns * self.rows)
    inks = Array(repeating: nil, count: self.columns * self.rows)
    overlays = Array(repeating: nil, count: self.columns * self.rows)
  }

  /// The bit of the dot at (`x`, `y`) inside its cell, x in 0...1 and y in 0...3.
  public static func bit(x: Int, y: Int) -> UInt8 {
    let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
    let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
    return x == 0 ? left[y] : right[y]
  }

  public mutating func set(x: Int, y: Int, ink: Ink) {
    guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
    let index = (y / 4) * columns + x / 2
    bits[index] |= BrailleCanvas.bit(x: x % 2, y: y % 4)
    if !(ink.isFaint && inks[index] != nil) { inks[index] = ink }
  }

  public mutating func put(_ character: Character, column: Int, row: Int, ink: Ink) {
    guard column >= 0, row >= 0, column < columns, row < rows else { return }
    overlays[row * columns + column] = character
    inks[row * columns + column] = ink
  }

  public func cell(column: Int, row: Int) -> (character: Character, ink: Ink?) {
    let index = row * columns + column
    if let overlay = overlays[index] { return (overlay, inks[index]) }
    // An empty cell is a space rather than U+2800, which some fonts draw as a box.
    guard bits[index] != 0 else { return (" ", nil) }
    return (Character(Unicode.Scalar(0x2800 + UInt32(bits[index]))!), inks[index])
  }
}
