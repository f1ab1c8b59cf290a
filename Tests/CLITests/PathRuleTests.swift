import Foundation
import Testing

/// Issue 13's path rules through the binary: a file's own references resolve against its
/// folder (in `source`, in a replay, in `--present`); what a person types resolves against
/// the current folder; a reply that writes names the path, in full where it differs.
@Suite struct PathRuleTests {
  typealias CLI = CLITests

  /// `root/L/lesson.txt` loads `data/d.csv` (beside it) and saves `out.txt`.
  static func project() throws -> URL {
    let root = try CLI.temporaryFolder()
    let data = root.appendingPathComponent("L/data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try "x,y\n1,0.5\n2,0.25\n".write(
      to: data.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    try "load data/d.csv\nstep 2\nsave out.txt\n".write(
      to: root.appendingPathComponent("L/lesson.txt"), atomically: true, encoding: .utf8)
    return root
  }

  @Test func sourceFromAnotherFolderFindsTheFilesData() throws {
    let root = try Self.project()
    let run = try CLI.adalab(["-c", "source L/lesson.txt; save typed.txt"], in: root)
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("saved out.txt (L/out.txt): "))
    #expect(run.output.contains("saved typed.txt: "))
    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("L/out.txt").path))
    // The saved script names the data from where it is: the current folder.
    let typed = try String(contentsOf: root.appendingPathComponent("typed.txt"), encoding: .utf8)
    #expect(typed.contains("load L/data/d.csv target=y"))
    let again = try CLI.adalab(["-c", "source typed.txt; show t"], in: root)
    #expect(again.output.hasSuffix("t = 2\n"), "\(again.output) \(again.errors)")
  }

  @Test func aReplayResolvesAgainstTheFilesFolder() throws {
    let root = try Self.project()
    let run = try CLI.adalab(["L/lesson.txt"], in: root)
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("saved out.txt (L/out.txt): "))
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["L"])
  }

  /// `--present` without a terminal reads Enter and typed lines from standard input: the
  /// scripted lines are the file's, the typed `save` is the person's.
  @Test func presentModeSeparatesTheFilesPathsFromTheTypedOnes() throws {
    let root = try Self.project()
    let run = try CLI.adalab(
      ["--present", "L/lesson.txt"], input: "\n\nsave typed.txt\n\n", in: root)
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("saved typed.txt: "), "\(run.output)")
    #expect(run.output.contains("saved out.txt (L/out.txt): "), "\(run.output)")
    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("typed.txt").path))
    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("L/out.txt").path))
  }

  /// A nested `source` starts from the nested file's folder, and returns to the outer one.
  @Test func nestedSourcesEachResolveFromTheirOwnFolder() throws {
    let root = try Self.project()
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("L/sub"), withIntermediateDirectories: true)
    try "source ../lesson.txt\n".write(
      to: root.appendingPathComponent("L/sub/inner.txt"), atomically: true, encoding: .utf8)
    let run = try CLI.adalab(["-c", "source L/sub/inner.txt; load L/data/d.csv"], in: root)
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("saved out.txt (L/sub/../out.txt): "), "\(run.output)")
  }
}

/// Lost output is an error: standard output full or closed, standard error full or closed.
@Suite struct StandardStreamTests {
  typealias CLI = CLITests

  static func shell(_ script: String) throws -> CLI.Run {
    try CLI.run("/bin/sh", ["-c", script, "sh", CLI.binary.path])
  }

  @Test(arguments: [">/dev/full", ">&-"])
  func lostOutputExitsNonZero(redirection: String) throws {
    let run = try Self.shell("\"$1\" -c 'step 3; show w' \(redirection); echo \"status=$?\" >&2")
    #expect(run.errors.contains("status=1"), "\(run.errors)")
    #expect(run.errors.contains("adalab: cannot write to standard output: "), "\(run.errors)")
  }

  /// Before: SIGILL (`swift_unexpectedError` in `FileHandle.write`) with `2>/dev/full`, and
  /// 141 with `2>&-`.
  @Test(arguments: ["2>/dev/full", "2>&-"])
  func lostErrorsStillExitWithTheErrorStatus(redirection: String) throws {
    let run = try Self.shell("\"$1\" -c 'shw w' \(redirection); echo \"status=$?\"")
    #expect(run.output == "status=1\n", "\(run.output) \(run.errors)")
  }

  @Test func aFolderAsStandardInputIsAnError() throws {
    let run = try Self.shell("\"$1\" < /tmp; echo \"status=$?\"")
    #expect(run.output == "status=1\n")
    #expect(run.errors == "error: cannot read commands from standard input: it is a folder\n")
  }
}
