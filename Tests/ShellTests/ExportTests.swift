import Foundation
import Testing

@testable import Shell

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `export` through the interpreter: narration kept in order, ranges, what is left out.
@Suite struct ExportTests {
  static func run(_ lines: [String], files: MemoryFiles = MemoryFiles()) -> (
    Interpreter, [Interpreter.Outcome]
  ) {
    var interpreter = Interpreter(files: files)
    let outcomes = lines.map { interpreter.execute($0) }
    return (interpreter, outcomes)
  }

  /// The cells as `N> command` and `# narration`, for comparing orders.
  static func outline(_ interpreter: Interpreter, _ request: ExportRequest) throws -> [String] {
    try interpreter.notebook(request).cells.map {
      switch $0 {
      case .narration(let text): return "# " + text
      case .command(let entry): return "\(entry.count)> \(entry.command)"
      }
    }
  }

  static let lesson = """
    ## Lesson: two steps
    #
    # First, *one* update.
    adam t=0> step
    t=1  loss=0.414396  w=[-1.9]  b=-1.9
    # tolerance: 1e-6
    ### Then another
    adam t=1> step
    t=2  loss=0.412626  w=[-1.80002]  b=-1.79992

    """

  @Test func narrationFromASourcedLessonAndTypedCommentsKeepsItsPlace() throws {
    let files = MemoryFiles(["l.txt": Self.lesson])
    let (interpreter, outcomes) = Self.run(
      ["source l.txt", "# Typed: **look** at v_b", "show v_b"], files: files)
    #expect(outcomes.allSatisfy { $0.error == nil && $0.replies.count <= 1 })
    #expect(outcomes[1].replies.isEmpty)
    #expect(
      try Self.outline(interpreter, ExportRequest(path: "x.html")) == [
        "# # Lesson: two steps\n\nFirst, *one* update.", "1> step", "# ## Then another", "2> step",
        "# Typed: **look** at v_b", "3> show v_b",
      ])
    #expect(try interpreter.notebook(ExportRequest(path: "x.html")).title == "Lesson: two steps")
    // A comment is not a line of history.
    #expect(interpreter.lineHistory == ["source l.txt", "step", "step", "show v_b"])
  }

  @Test func helpInfoExportAndFailuresAreLeftOutUnlessAsked() throws {
    let (interpreter, outcomes) = Self.run([
      "step", "help step", "info watch", "show nope", "stpe 2", "export a.html", "show b",
    ])
    #expect(outcomes[3].error != nil && outcomes[4].error != nil)
    #expect(
      try Self.outline(interpreter, ExportRequest(path: "x.md")) == ["1> step", "2> show b"])
    let all = try interpreter.notebook(ExportRequest(path: "x.md", withHelp: true))
    #expect(
      all.entries.map(\.command) == [
        "step", "help step", "info watch", "show nope", "stpe 2", "export a.html", "show b",
      ])
    #expect(all.entries.map(\.failed) == [false, false, false, true, true, false, false])
    #expect(all.entries[3].output.count == 1 && all.entries[3].output[0].hasPrefix("error: "))
    #expect(all.entries.map(\.count) == Array(1...7))
    #expect(all.entries[6].prompt == "adam t=1> ")
  }

  @Test func fromAndLastChooseLinesOfHistory() throws {
    var (interpreter, _) = Self.run(["step", "# about t=2", "step", "show b; show w", "step"])
    _ = interpreter.execute("export x.html last 2")
    #expect(
      try Self.outline(interpreter, ExportRequest(path: "x.html", range: .last(2)))
        == ["1> show b", "2> show w", "3> step"])
    #expect(
      try Self.outline(interpreter, ExportRequest(path: "x.html", range: .from(2)))
        == ["# about t=2", "1> step", "2> show b", "3> show w", "4> step"])
    let tooFar = interpreter.execute("export x.html from 9")
    #expect(
      tooFar.error?.message == "expected a line of 'history' from 1 to 6 after 'from', found 9")
    let tooMany = interpreter.execute("export x.html last 7")
    #expect(
      tooMany.error?.message
        == "expected 1 to 6 lines after 'last' (history has 6 before this export), found 7")
  }

  @Test func parsesRangesAndRefusesMistakes() throws {
    #expect(
      try Command.parseLine("export l4.ipynb from 3 with help")[0]
        == .export(ExportRequest(path: "l4.ipynb", range: .from(3), withHelp: true)))
    #expect(
      try Command.parseLine("export l.md last 5")[0]
        == .export(ExportRequest(path: "l.md", range: .last(5))))
    // `replace` right after the name (as for `save`) or among the options.
    for line in ["export l.md replace last 5", "export l.md last 5 replace"] {
      #expect(
        try Command.parseLine(line)[0]
          == .export(ExportRequest(path: "l.md", range: .last(5), replace: true)))
    }
    for (line, message) in [
      (
        "export l.md last",
        "expected a whole number of lines of 'history' after 'last', found nothing"
      ),
      (
        "export l.md from 2 last 3",
        "expected one range ('from N' or 'last N'), found a second 'last'"
      ),
      ("export l.md with", "expected 'help' after 'with', found nothing"),
      (
        "export l.md now",
        "expected 'from N', 'last N' or 'with help' after the file name, found 'now'"
      ),
      (
        "export l.pdf",
        "expected a file name ending in .html, .htm, .md or .ipynb after 'export', found 'l.pdf'"
      ),
    ] {
      #expect(throws: ParseError.self) { try Command.parseLine(line) }
      do { _ = try Command.parseLine(line) } catch { #expect(error.message == message, "\(line)") }
    }
  }

  @Test func markdownWritesItsPicturesBesideIt() throws {
    let files = MemoryFiles()
    let (_, outcomes) = Self.run(
      ["step 10", "plot loss", "export notes/l4.md", "export l4.ipynb"], files: files)
    #expect(outcomes.allSatisfy { $0.error == nil })
    #expect(
      outcomes[2].replies[0].lines == [
        "exported notes/l4.md: 2 commands, 1 picture in notes/l4.files/"
      ])
    let svg = try #require(files.files["notes/l4.files/plot-2.svg"])
    #expect(XMLParser(data: Data(svg.utf8)).parse())
    let markdown = try #require(files.files["notes/l4.md"])
    #expect(markdown.contains("![plot loss](l4.files/plot-2.svg)"))
    #expect(!markdown.contains("<svg"))
    let notebook = try #require(files.files["l4.ipynb"])
    let json = try JSONSerialization.jsonObject(with: Data(notebook.utf8)) as? [String: Any]
    #expect(json?["nbformat"] as? Int == 4)
  }
}
