import Foundation
import Testing

/// A replayed session file reads and writes only inside its own folder (links resolved),
/// writes only adalab's kinds of file and never dotfiles; `--check` writes nothing.
@Suite struct ReplayConfinementTests {
  typealias CLI = CLITests

  /// A lesson folder `s1` holding `lesson.txt` with `lines`, and a folder elsewhere.
  static func lesson(_ lines: [String]) throws -> (lesson: URL, elsewhere: URL) {
    let root = try CLI.temporaryFolder()
    let folder = root.appendingPathComponent("s1")
    let elsewhere = root.appendingPathComponent("elsewhere")
    for url in [folder, elsewhere] {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    let lesson = folder.appendingPathComponent("lesson.txt")
    try (lines.joined(separator: "\n") + "\n").write(to: lesson, atomically: true, encoding: .utf8)
    return (lesson, elsewhere)
  }

  @Test(arguments: ["save linkdir/x.txt", "export linkdir/e.html", "plot loss to linkdir/p.svg"])
  func aLinkedFolderDoesNotLeadOut(line: String) throws {
    let (lesson, elsewhere) = try Self.lesson(["step 2", line])
    try FileManager.default.createSymbolicLink(
      at: lesson.deletingLastPathComponent().appendingPathComponent("linkdir"),
      withDestinationURL: elsewhere)
    let run = try CLI.adalab([lesson.path])
    #expect(run.status == 1)
    #expect(
      run.errors.contains("while replaying: it is outside the session's folder"), "\(run.errors)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
  }

  @Test(arguments: [
    ("save .bashrc", "it is a dotfile"),
    ("save run.sh", "replays write only .csv, .html, .ipynb, .json, .md, .svg, .txt files"),
    ("save x", "replays write only"),
  ])
  func onlyAdalabsKindsOfFileAndNoDotfiles(line: String, reason: String) throws {
    let (lesson, _) = try Self.lesson([line])
    let run = try CLI.adalab([lesson.path])
    #expect(run.status == 1)
    #expect(run.errors.contains(reason), "\(run.errors)")
    #expect(
      try FileManager.default.contentsOfDirectory(
        atPath: lesson.deletingLastPathComponent().path) == ["lesson.txt"])
  }

  @Test func readsStayInsideUnlessAllowed() throws {
    let (lesson, elsewhere) = try Self.lesson(["load ../elsewhere/d.csv"])
    try "x,y\n1,0.5\n".write(
      to: elsewhere.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let refused = try CLI.adalab([lesson.path])
    #expect(refused.status == 1)
    #expect(
      refused.errors.hasSuffix(
        "/s1/../elsewhere/d.csv' while replaying: it is outside the session's folder (--allow-reads lifts this)\n"
      ), "\(refused.errors)")
    let allowed = try CLI.adalab(["--allow-reads", lesson.path])
    #expect(allowed.status == 0, "\(allowed.errors)")
  }

  /// `diagnose /etc/shadow` in a replay: refused before anything of the file is read.
  @Test func aReplayCannotReadSystemFiles() throws {
    let (lesson, _) = try Self.lesson(["diagnose /etc/shadow"])
    let run = try CLI.adalab([lesson.path])
    #expect(run.status == 1)
    #expect(
      run.errors.hasSuffix(
        "error: refusing to read '/etc/shadow' while replaying: it is outside the session's folder (--allow-reads lifts this)\n"
      ), "\(run.errors)")
    #expect(!run.errors.contains("root:"))
  }

  /// `--check` sounds read-only and is: a lesson that saves and exports is checked, its
  /// replies compared, and no file is made.
  @Test func checkWritesNothing() throws {
    let (lesson, _) = try Self.lesson([
      "adam t=0> step 1", "t=1  loss=0.414396  w=[-1.9]  b=-1.9",
      "adam t=1> save out.txt",
      "saved out.txt: the commands that rebuild this session at t=1",
      "adam t=1> export out.html", "exported out.html: 2 commands, 0 pictures",
    ])
    let folder = lesson.deletingLastPathComponent()
    let run = try CLI.adalab(["--check", "lesson.txt"], in: folder)
    #expect(run.status == 0, "\(run.output) \(run.errors)")
    #expect(run.output == "ok lesson.txt\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["lesson.txt"])
  }
}
