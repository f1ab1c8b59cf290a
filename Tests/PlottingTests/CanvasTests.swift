import Testing

@testable import Plotting

@Suite struct CanvasTests {
  /// Dots 1–8 of a braille cell, as (x, y) within the cell, and their bits.
  static let dots: [(x: Int, y: Int, bit: UInt32)] = [
    (0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (1, 0, 0x08),
    (1, 1, 0x10), (1, 2, 0x20), (0, 3, 0x40), (1, 3, 0x80),
  ]

  @Test(arguments: dots.indices)
  func eachBrailleDotHasItsBit(_ index: Int) {
    let dot = Self.dots[index]
    var canvas = BrailleCanvas(columns: 1, rows: 1)
    canvas.set(x: dot.x, y: dot.y, ink: Ink(0))
    let character = canvas.cell(column: 0, row: 0).character
    #expect(character.unicodeScalars.first!.value == 0x2800 + dot.bit)
    #expect(UInt32(BrailleCanvas.bit(x: dot.x, y: dot.y)) == dot.bit)
  }

  @Test func allEightDotsMakeAFullCellAndNoneABlank() {
    var canvas = BrailleCanvas(columns: 2, rows: 1)
    for dot in Self.dots { canvas.set(x: dot.x, y: dot.y, ink: Ink(0)) }
    #expect(canvas.cell(column: 0, row: 0).character == "\u{28FF}")
    #expect(canvas.cell(column: 1, row: 0).character == " ")
    #expect(canvas.lines(colour: false) == ["\u{28FF} "])
  }

  @Test func pixelsMapToTheirCells() {
    var canvas = BrailleCanvas(columns: 3, rows: 2)
    canvas.set(x: 5, y: 7, ink: Ink(0))  // cell (2, 1), right column, bottom row: 0x80
    #expect(canvas.cell(column: 2, row: 1).character == "\u{2880}")
    canvas.set(x: 6, y: 0, ink: Ink(0))  // off the canvas: ignored
    canvas.set(x: -1, y: 0, ink: Ink(0))
    #expect(canvas.lines(colour: false) == ["   ", "  \u{2880}"])
  }

  @Test func aLineIncludesBothEnds() {
    var canvas = AsciiCanvas(columns: 5, rows: 3)
    canvas.line(from: (0, 0), to: (4, 2), ink: Ink(1))
    #expect(canvas.lines(colour: false) == ["+    ", " ++  ", "   ++"])
  }

  @Test func colourOnlyWhenAsked() {
    var canvas = AsciiCanvas(columns: 2, rows: 1)
    canvas.set(x: 0, y: 0, ink: Ink(0))
    #expect(canvas.lines(colour: false) == ["* "])
    // Okabe–Ito's orange first (xterm 214), or ANSI yellow with 16 colours; never blue first.
    #expect(canvas.lines(colour: true) == ["\u{1B}[38;5;214m*\u{1B}[0m "])
    #expect(canvas.lines(colour: true, palette: .ansi) == ["\u{1B}[33m*\u{1B}[0m "])
  }
}
