import Foundation
import Testing

/// `--export` and `--serve` through the binary.
@Suite struct NotebookCLITests {
  static let sessions = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sessions")

  @Test func exportTurnsALessonIntoEachFormatWhereItWasStarted() throws {
    let folder = try CLITests.temporaryFolder()
    let lesson = Self.sessions.appendingPathComponent("04-adam-bias-correction.txt").path
    for name in ["l4.html", "l4.md", "l4.ipynb"] {
      let run = try CLITests.adalab(["--export", name, lesson], in: folder)
      #expect(run.status == 0, "\(run.errors)")
      #expect(run.errors.isEmpty)
      #expect(run.output.hasPrefix("exported \(name): 30 commands, 1 picture"))
    }
    let markdown = try String(contentsOf: folder.appendingPathComponent("l4.md"), encoding: .utf8)
    #expect(markdown.hasPrefix("# Lesson 4: Adam's bias correction"))
    #expect(markdown.contains("![plot bias](l4.files/plot-7.svg)"))
    let picture = folder.appendingPathComponent("l4.files/plot-7.svg").path
    #expect(FileManager.default.fileExists(atPath: picture))
    let html = try String(contentsOf: folder.appendingPathComponent("l4.html"), encoding: .utf8)
    #expect(html.contains("<title>Lesson 4: Adam&apos;s bias correction"))
    #expect(html.contains("Without bias correction</h2>"))
    let notebook = try Data(contentsOf: folder.appendingPathComponent("l4.ipynb"))
    let json = try JSONSerialization.jsonObject(with: notebook) as? [String: Any]
    #expect((json?["cells"] as? [Any])?.count ?? 0 > 30)
  }

  @Test func exportStopsAtAnErrorTheLessonDoesNotRecordAndWritesNothing() throws {
    let folder = try CLITests.temporaryFolder()
    try "step\nshow nope\n".write(
      to: folder.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
    let run = try CLITests.adalab(["--export", "b.html", "bad.txt"], in: folder)
    #expect(run.status == 1)
    #expect(run.errors.hasPrefix("bad.txt:2: error: unknown quantity 'nope'"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("b.html").path))
    // The tour's misspelt setting is part of the lesson.
    let tour = Self.sessions.appendingPathComponent("00-tour.txt").path
    let ok = try CLITests.adalab(["--export", "t.md", tour], in: folder)
    #expect(ok.status == 0 && ok.errors.isEmpty)
    let refused = try CLITests.adalab(["--export", "t.pdf", tour], in: folder)
    #expect(refused.status == 64)
    // A plain script: no recorded output to differ from, and its name as the title.
    try "step\nshow b\n".write(
      to: folder.appendingPathComponent("plain.txt"), atomically: true, encoding: .utf8)
    let plain = try CLITests.adalab(["--export", "p.html", "plain.txt"], in: folder)
    #expect(plain.status == 0 && plain.errors.isEmpty)
    let html = try String(contentsOf: folder.appendingPathComponent("p.html"), encoding: .utf8)
    #expect(html.contains("<title>plain</title>"))
  }

  @Test func serveAnswersEachRequestInJSON() throws {
    let input = """
      {"id": 1, "code": "step 3\\nshow v_b"}
      {"id": "p", "code": "# narration\\nplot loss"}
      {"id": 3, "code": "step 1\\nset eta x"}
      show t
      {"id": 5, "code": "quit"}
      step

      """
    let run = try CLITests.adalab(["--serve"], input: input)
    #expect(run.status == 0)
    let answers = run.output.split(separator: "\n").map {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(answers.count == 6)
    #expect(answers[0]?["ready"] as? Bool == true)
    #expect(answers[1]?["id"] as? Int == 1 && answers[1]?["ok"] as? Bool == true)
    #expect(
      answers[1]?["text"] as? [String] == [
        "t=3  loss=0.410795  w=[-1.69988]  b=-1.69951", "v_b = 2.29135e-07",
      ])
    #expect(answers[2]?["id"] as? String == "p")
    let images = answers[2]?["images"] as? [String]
    #expect(images?.count == 1 && images?[0].hasPrefix("<svg xmlns=") == true)
    #expect(answers[3]?["ok"] as? Bool == false)
    #expect(answers[3]?["text"] as? [String] == ["t=4  loss=0.408498  w=[-1.59979]  b=-1.59884"])
    let error = answers[3]?["error"] as? [String: Any]
    #expect(error?["line"] as? Int == 2 && error?["column"] as? Int == 8)
    #expect((error?["message"] as? String)?.hasPrefix("eta must be") == true)
    #expect(answers[4]?["id"] is NSNull && answers[4]?["text"] as? [String] == ["t = 4"])
    #expect(answers[5]?["id"] as? Int == 5 && answers[5]?["count"] as? Int == 5)
  }
}
