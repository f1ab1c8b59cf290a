import Foundation
import Testing

@testable import Shell

/// Every lesson replayed on a screen of 80 columns (a projector) and of 60 (a split
/// terminal): no line of output is wider than the screen. Errors are the exception: each is
/// one line by design (what was expected, what was found), which the terminal wraps.
@Suite struct LessonWidthTests {
  static let widths = [80, 60]

  @Test(arguments: SessionGoldenTests.sessionFiles)
  func everyLineFits(_ name: String) throws {
    let url = SessionGoldenTests.folder.appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    for width in Self.widths {
      var interpreter = Interpreter(files: ReadOnlyFiles(base: SessionGoldenTests.folder))
      interpreter.screen.width = width
      let replay = TranscriptReplay(
        Transcript(parsing: text), file: "sessions/\(name)", interpreter: &interpreter)
      var lines = 0
      for entry in replay.actual.commands {
        for line in entry.output where !line.hasPrefix("error: ") {
          lines += 1
          #expect(
            LineWrapping.displayWidth(line) <= width,
            "\(name) at \(width) columns, after '\(entry.command)': \(line)")
        }
      }
      #expect(lines > 0, "\(name) printed nothing")
    }
  }

  /// The replies the issue found wrapped mid-word at 80 columns, and every command's help.
  @Test(arguments: [80, 60])
  func repliesFitTheScreen(width: Int) {
    var interpreter = Interpreter(files: MemoryFiles())
    interpreter.screen.width = width
    let lines =
      [
        "help", "use adam", "use adam:keras", "load sparse n=200", "set batch 1",
        "compare gd adagrad steps 100", "compare adam adam[bias_correction=off] steps 10 at 1,2,5",
        "show settings", "show data", "sweep eta 0.01..1 log 3 steps 20", "step 30",
        "plot lr_w lr_b log", "plot surface over w[1] w[2]", "show all",
      ] + Vocabulary.commands.map { "help \($0.name)" }
      + Vocabulary.optimizers.map { "help \($0.name)" }
    for line in lines {
      let outcome = interpreter.execute(line)
      #expect(outcome.error == nil, "\(line): \(outcome.error?.message ?? "")")
      for text in outcome.replies.flatMap(\.lines) {
        #expect(LineWrapping.displayWidth(text) <= width, "\(line) at \(width): \(text)")
      }
    }
  }

  @Test func displayWidthCountsColumnsNotBytes() {
    #expect(LineWrapping.displayWidth("⠉⠙⠒ β₁ ≠ │") == 10)
    #expect(LineWrapping.displayWidth("\u{1b}[38;5;32mblue\u{1b}[0m") == 4)
    #expect(LineWrapping.displayWidth("日本") == 4)
    #expect(LineWrapping.displayWidth("e\u{301}") == 1)
  }

  @Test func prosebreaksBetweenListItemsAndHangsUnderItsText() {
    let line =
      "  keras    eta 0.001, beta1 0.9, beta2 0.999, epsilon 1e-07, eps_placement hat, bias_correction on"
    let wrapped = LineWrapping.wrap([line], width: 60)
    #expect(
      wrapped == [
        "  keras    eta 0.001, beta1 0.9, beta2 0.999, epsilon 1e-07,",
        "           eps_placement hat, bias_correction on",
      ])
    #expect(LineWrapping.wrap(["short"], width: 60) == ["short"])
    let word = String(repeating: "x", count: 70)
    #expect(LineWrapping.wrap([word], width: 60).map(\.count) == [60, 12])
  }

  @Test func aWideTableStacksItsColumnsBesideTheLabels() {
    var table = TextTable(header: ["optimizer", "loss", "w", "lr_w"])
    table.rows = [
      [
        "adam", "0.1", "[" + String(repeating: "1", count: 30) + "]",
        "[" + String(repeating: "2", count: 30) + "]",
      ]
    ]
    let lines = table.lines(fitting: 60)
    #expect(lines.count == 4)
    #expect(lines[0].hasPrefix("optimizer  loss  w"))
    #expect(lines[2].hasPrefix("optimizer  lr_w"))
    #expect(lines.allSatisfy { $0.count <= 60 })
    #expect(table.lines(fitting: 200) == table.lines)
  }
}
