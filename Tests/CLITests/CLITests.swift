import Foundation
import Testing

/// The `adalab` binary as a user runs it: flags, exit statuses, files, JSON.
@Suite struct CLITests {
  /// The built binary, next to the test bundle in the build folder.
  static let binary = URL(fileURLWithPath: CommandLine.arguments[0])
    .deletingLastPathComponent().appendingPathComponent("adalab")

  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  static func adalab(
    _ arguments: [String], input: String = "", in folder: URL? = nil,
    environment extra: [String: String] = [:]
  ) throws -> Run {
    try run(binary.path, arguments, input: input, in: folder, environment: extra)
  }

  /// Runs any program with `input` on its standard input, and waits for it.
  static func run(
    _ program: String, _ arguments: [String], input: String = "", in folder: URL? = nil,
    environment extra: [String: String] = [:]
  ) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { $1 }
    process.environment = environment
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
      errors: String(decoding: err, as: UTF8.self))
  }

  /// Whether this process may make a private mount namespace (root, outside a container
  /// that forbids it).
  static let canUnshare: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
    return (try? run("/usr/bin/unshare", ["-m", "true"]).status) == 0
  }()

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("adalab-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func commandsRunAndExit() throws {
    let run = try Self.adalab(["-c", "step 3; show v_b"])
    #expect(run.status == 0)
    #expect(run.output == "t=3  loss=0.410795  w=[-1.69988]  b=-1.69951\nv_b = 2.29135e-07\n")
    #expect(run.errors.isEmpty)
  }

  @Test func theFirstErrorStopsWithStatus1() throws {
    let run = try Self.adalab(["-c", "step 1; set beta2 7; step 1"])
    #expect(run.status == 1)
    #expect(run.output.hasPrefix("t=1 "))
    #expect(!run.output.contains("t=2"))
    #expect(run.errors == "error: beta2 must be in [0, 1), found '7'\n")
    // A misspelt name is a syntax error: nothing on the line runs.
    let typo = try Self.adalab(["-c", "step 1; set beat2 0.9"])
    #expect(typo.output.isEmpty)
    #expect(typo.errors == "error: unknown setting 'beat2' (did you mean 'beta2'?)\n")
  }

  @Test func jsonPrintsOneObjectPerCommand() throws {
    let run = try Self.adalab(["--json", "-c", "step 2; show w v_b t"])
    let lines = run.output.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(
      lines[1] == #"{"w":[-1.7999584514319635],"v_b":1.3460004555189067e-07,"t":2}"#)
    for line in lines {
      #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
    }
  }

  @Test func pipedInputHasNoPromptAndNamesTheLine() throws {
    let run = try Self.adalab([], input: "step 2\nshow t\nshw w\nshow b\n")
    #expect(run.status == 1)
    #expect(run.output == "t=2  loss=0.412739  w=[-1.79996]  b=-1.79987\nt = 2\n")
    #expect(run.errors.hasPrefix("<stdin>:3: error: unknown command 'shw'"))
  }

  @Test func keepGoingContinuesPastErrors() throws {
    let run = try Self.adalab(["--keep-going"], input: "step 2\nshw w\nshow t\n")
    #expect(run.status == 1)
    #expect(run.output.hasSuffix("t = 2\n"))
  }

  @Test func checkReportsADiffAndFails() throws {
    let folder = try Self.temporaryFolder()
    let file = folder.appendingPathComponent("lesson.txt")
    try "# a lesson\nadam t=0> step 1\nt=1  loss=0.5  w=[-1.9]  b=-1.9\n".write(
      to: file, atomically: true, encoding: .utf8)
    let run = try Self.adalab(["--check", file.path])
    #expect(run.status == 1)
    #expect(run.output.contains("-t=1  loss=0.5  w=[-1.9]  b=-1.9"))
    #expect(run.output.contains("+t=1  loss=0.414396  w=[-1.9]  b=-1.9"))
    let update = try Self.adalab(["--check", "--update", file.path])
    #expect(update.status == 0)
    #expect(try Self.adalab(["--check", file.path]).status == 0)
  }

  /// A lesson whose `expect` no longer holds fails `--check`, and `--update` refuses to
  /// record the error into it.
  @Test func aBrokenClaimFailsCheckAndIsNotReRecorded() throws {
    let folder = try Self.temporaryFolder()
    let file = folder.appendingPathComponent("claims.txt")
    let text =
      "adam t=0> step 3\nt=3  loss=0.4  w=[-1.69988]  b=-1.69951\nadam t=3> expect lr_b < 5\n"
    try text.write(to: file, atomically: true, encoding: .utf8)
    let check = try Self.adalab(["--check", file.path])
    #expect(check.status == 1)
    #expect(check.output.contains("+error: expected lr_b < 5, found lr_b = 11.4366"))
    let update = try Self.adalab(["--check", "--update", file.path])
    #expect(update.status == 1)
    #expect(update.output.contains("NOT UPDATED \(file.path): the claim at line 3 no longer holds"))
    #expect(try String(contentsOf: file, encoding: .utf8) == text)
  }

  @Test func replayEchoesPromptsAndStopsAtTheFirstError() throws {
    let folder = try Self.temporaryFolder()
    let file = folder.appendingPathComponent("s.txt")
    try "# narration\nadam t=0> step 1\nadam t=1> stp\nadam t=1> step 1\n".write(
      to: file, atomically: true, encoding: .utf8)
    let run = try Self.adalab([file.path])
    #expect(run.status == 1)
    #expect(run.output.hasPrefix("# narration\nadam t=0> step 1\nt=1  loss=0.414396"))
    #expect(run.errors.contains("s.txt:3: error: unknown command 'stp'"))
    #expect(!run.output.contains("t=2"))
  }

  @Test(arguments: [
    ("missing.csv", "cannot read 'missing.csv': no such file"),
    ("./folder", "cannot read './folder': it is a folder, expected a file"),
    ("binary.csv", "cannot read 'binary.csv': expected UTF-8 text, found binary data"),
    ("empty.csv", "empty.csv: expected a header row of column names"),
  ])
  func unreadableFilesAreRefusedAndTheDataStays(file: String, message: String) throws {
    let folder = try Self.temporaryFolder()
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("folder"), withIntermediateDirectories: true)
    try Data([0xff, 0xfe, 0x00, 0x41]).write(to: folder.appendingPathComponent("binary.csv"))
    try Data().write(to: folder.appendingPathComponent("empty.csv"))
    let run = try Self.adalab(["--keep-going"], input: "load \(file)\nshow data\n", in: folder)
    #expect(run.errors.contains(message), "\(run.errors)")
    #expect(run.output.contains("data toy: 2 points"))
  }

  @Test func saveWritesAScriptThatRebuildsTheSession() throws {
    let folder = try Self.temporaryFolder()
    let saved = try Self.adalab(
      ["-c", "use rmsprop:keras; set beta 0.95; step 7; save s.txt; show w b"], in: folder)
    #expect(saved.status == 0)
    let rebuilt = try Self.adalab(["-c", "source s.txt; show w b"], in: folder)
    #expect(rebuilt.status == 0)
    #expect(
      rebuilt.output.hasSuffix(
        saved.output.split(separator: "\n").suffix(2)
          .joined(separator: "\n") + "\n"))
  }

  /// Root writes anywhere, so this runs for other users only; the next test fails a write
  /// in a way root cannot bypass.
  @Test(.enabled(if: getuid() != 0))
  func aReadOnlyFolderLeavesThePreviousFileIntact() throws {
    let folder = try Self.temporaryFolder()
    let file = folder.appendingPathComponent("s.txt")
    try "previous\n".write(to: file, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
    defer {
      try? FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: folder.path)
    }
    let run = try Self.adalab(["-c", "save s.txt"], in: folder)
    #expect(run.status == 1)
    #expect(try String(contentsOf: file, encoding: .utf8) == "previous\n")
  }

  /// A write whose final rename fails (the target is a folder) leaves the target as it was
  /// and no temporary file behind.
  @Test func aFailedWriteLeavesTheTargetAndNoTemporaryFile() throws {
    let folder = try Self.temporaryFolder()
    let target = folder.appendingPathComponent("taken.txt")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    try "kept\n".write(
      to: target.appendingPathComponent("inside.txt"), atomically: true, encoding: .utf8)
    let run = try Self.adalab(["-c", "save taken.txt"], in: folder)
    #expect(run.status == 1)
    #expect(run.errors.hasPrefix("error: cannot write 'taken.txt'"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["taken.txt"])
    #expect(
      try String(contentsOf: target.appendingPathComponent("inside.txt"), encoding: .utf8)
        == "kept\n")
  }

  @Test func replayedSessionsMayNotWriteOutsideTheirFolder() throws {
    let folder = try Self.temporaryFolder()
    let file = folder.appendingPathComponent("s.txt")
    try "save /tmp/adalab-should-not-exist.txt\nsave ../escape.txt\n".write(
      to: file, atomically: true, encoding: .utf8)
    let run = try Self.adalab(["--keep-going", file.path])
    #expect(run.errors.contains("refusing to write '/tmp/adalab-should-not-exist.txt'"))
    #expect(
      run.errors.contains("/../escape.txt' while replaying: it is outside the session's folder"))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/adalab-should-not-exist.txt"))
  }

  @Test func versionAndHelp() throws {
    #expect(try Self.adalab(["--version"]).output == "adalab 0.1.0\n")
    #expect(try Self.adalab(["--help"]).output.contains("--check"))
    #expect(try Self.adalab(["--update"]).status != 0)
  }
}
