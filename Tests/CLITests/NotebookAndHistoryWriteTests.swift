import Foundation
import Testing

/// The writes issues 13 and 15 added (`export FILE.md` with its pictures folder, `history …
/// to FILE`, `save history FILE`) under issue 16's rules, through the binary: paths resolve
/// against the lesson's folder and the reply names them in full; a replay stays inside its
/// folder; `--check` writes nothing; a file this session did not write needs `replace`.
@Suite struct NotebookAndHistoryWriteTests {
  typealias CLI = CLITests

  /// `root/L/lesson.txt` with `lines`.
  static func lesson(_ lines: [String]) throws -> URL {
    let root = try CLI.temporaryFolder()
    let folder = root.appendingPathComponent("L")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try (lines.joined(separator: "\n") + "\n").write(
      to: folder.appendingPathComponent("lesson.txt"), atomically: true, encoding: .utf8)
    return root
  }

  static func entries(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  static let markdownLesson = ["step 2", "plot loss", "export notes.md"]

  @Test func markdownPicturesGoBesideTheLessonAndAreNotReplacedUnasked() throws {
    let root = try Self.lesson(Self.markdownLesson)
    let run = try CLI.adalab(["L/lesson.txt"], in: root)
    #expect(run.status == 0, "\(run.errors)")
    #expect(
      run.output.contains("exported notes.md (L/notes.md): 2 commands, 1 picture in notes.files/"),
      "\(run.output)")
    #expect(try Self.entries(root) == ["L"])
    #expect(try Self.entries(root.appendingPathComponent("L/notes.files")) == ["plot-2.svg"])
    let picture = root.appendingPathComponent("L/notes.files/plot-2.svg")
    try "not adalab's".write(to: picture, atomically: true, encoding: .utf8)
    let again = try CLI.adalab(["L/lesson.txt"], in: root)
    #expect(again.status == 1)
    #expect(again.errors.contains("exists and this session did not write it"), "\(again.errors)")
    #expect(try String(contentsOf: picture, encoding: .utf8) == "not adalab's")
  }

  @Test func checkingAMarkdownExportMakesNoFolderAndNoFile() throws {
    let root = try Self.lesson(Self.markdownLesson)
    let run = try CLI.adalab(["--check", "L/lesson.txt"], in: root)
    // The lesson records no output, so it differs; what matters is that it ran to the end.
    #expect(run.output.contains("+exported notes.md (L/notes.md): 2 commands, 1 picture"))
    #expect(try Self.entries(root.appendingPathComponent("L")) == ["lesson.txt"])
  }

  @Test func aLinkedPicturesFolderDoesNotLeadOutOfAReplay() throws {
    let root = try Self.lesson(Self.markdownLesson)
    let elsewhere = root.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("L/notes.files").path,
      withDestinationPath: elsewhere.path)
    let run = try CLI.adalab(["L/lesson.txt"], in: root)
    #expect(run.status == 1)
    #expect(run.errors.contains("it is outside the session's folder"), "\(run.errors)")
    #expect(try Self.entries(elsewhere).isEmpty)
  }

  @Test func historyFilesNameThePathAndNeedReplace() throws {
    let root = try Self.lesson(["step 2", "history w 0..2 every 1 to w.csv", "save history h.txt"])
    let replay = try CLI.adalab(["L/lesson.txt"], in: root)
    #expect(replay.status == 0, "\(replay.errors)")
    #expect(replay.output.contains("wrote w.csv (L/w.csv): 3 rows (t=0…2), columns t, w"))
    #expect(replay.output.contains("saved h.txt (L/h.txt): the 2 lines typed so far"))
    let table = root.appendingPathComponent("L/w.csv")
    let written = try String(contentsOf: table, encoding: .utf8)
    #expect(written.hasPrefix("t,w\n0,"))
    let refused = try CLI.adalab(["-c", "step 1; history w 0..1 every 1 to L/w.csv"], in: root)
    #expect(refused.status == 1)
    #expect(
      refused.errors.contains(
        "'L/w.csv' exists and this session did not write it; add 'replace' to the command"),
      "\(refused.errors)")
    #expect(try String(contentsOf: table, encoding: .utf8) == written)
    let replaced = try CLI.adalab(
      ["-c", "step 1; history w 0..1 every 1 to L/w.csv replace; save history L/h.txt replace"],
      in: root)
    #expect(replaced.status == 0, "\(replaced.errors)")
    #expect(replaced.output.contains("wrote L/w.csv: 2 rows (t=0…1), columns t, w"))
    #expect(try String(contentsOf: table, encoding: .utf8).split(separator: "\n").count == 3)
  }
}
