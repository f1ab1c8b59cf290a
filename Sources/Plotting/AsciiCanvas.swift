/// A canvas of plain ASCII, for fonts without braille: one pixel per cell, each series drawn
/// with its own mark (`*`, `+`, `o`, `x`, `#`, `%`), contour lines with `.`.
public struct AsciiCanvas: Canvas {
  public let columns: Int
  public let rows: Int
  public static var pixelsPerColumn: Int { 1 }
  public static var pixelsPerRow: Int { 1 }

  /// The marks of the series, by ink index.
  public static let marks: [Character] = ["*", "+", "o", "x", "#", "%"]

  private var characters: [Character]
  private var inks: [Ink?]

  /// A blank canvas of `columns` × `rows` cells.
  public init(columns: Int, rows: Int) {
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    characters = Array(repeating: " ", count: self.columns * self.rows)
    inks = Array(repeating: nil, count: self.columns * self.rows)
  }

  public mutating func set(x: Int, y: Int, ink: Ink) {
    guard x >= 0, y >= 0, x < columns, y < rows else { return }
    let index = y * columns + x
    if ink.isFaint {
      guard characters[index] == " " else { return }
      characters[index] = "."
    } else {
      characters[index] = AsciiCanvas.marks[ink.index % AsciiCanvas.marks.count]
    }
    inks[index] = ink
  }

  public mutating func put(_ character: Character, column: Int, row: Int, ink: Ink) {
    guard column >= 0, row >= 0, column < columns, row < rows else { return }
    characters[row * columns + column] = character
    inks[row * columns + column] = ink
  }

  public func cell(column: Int, row: Int) -> (character: Character, ink: Ink?) {
    let index = row * columns + column
    return (characters[index], inks[index])
  }
}
