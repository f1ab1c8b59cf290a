import Foundation
import Testing

/// Writes through the real binary, the faults of issue 16: a write never destroys what is at
/// the target, keeps its mode and owner, writes through devices and FIFOs, reports a full disk,
/// and never follows a planted link.
@Suite struct WriteSafetyTests {
  typealias CLI = CLITests

  static func write(_ text: String, _ path: URL) throws {
    try text.write(to: path, atomically: false, encoding: .utf8)
  }

  static func entries(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test func aFileThisSessionDidNotWriteIsReplacedOnlyWhenTheCommandSaysSo() throws {
    let folder = try CLI.temporaryFolder()
    try Self.write("mine\n", folder.appendingPathComponent("s.txt"))
    let refused = try CLI.adalab(["-c", "step 1; save s.txt"], in: folder)
    #expect(refused.status == 1)
    #expect(
      refused.errors
        == "error: 's.txt' exists and this session did not write it; add 'replace' to the command to replace it\n"
    )
    #expect(
      try String(contentsOf: folder.appendingPathComponent("s.txt"), encoding: .utf8) == "mine\n")
    let replaced = try CLI.adalab(["-c", "save s.txt replace"], in: folder)
    #expect(replaced.status == 0)
    // What this session wrote it may write again.
    let twice = try CLI.adalab(["-c", "save t.txt; step 2; save t.txt"], in: folder)
    #expect(twice.status == 0, "\(twice.errors)")
    #expect(try Self.entries(folder) == ["s.txt", "t.txt"])
  }

  @Test(arguments: [
    ("save \"\"", "error: expected a file path after 'save', found an empty name"),
    (
      "save \"dir/\"",
      "error: expected a file name after 'save', found the folder 'dir/' (write dir/NAME)"
    ),
    ("save dir", "error: cannot write 'dir': it is a folder (write dir/NAME)"),
    ("save nosuchdir/x.txt", "error: cannot write 'nosuchdir/x.txt': no folder 'nosuchdir'"),
    (
      "export \"\"",
      "error: expected a file name ending in .html, .htm, .md or .ipynb after 'export', found an empty name"
    ),
  ])
  func aPathThatNamesNoFileSaysWhy(line: String, message: String) throws {
    let folder = try CLI.temporaryFolder()
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("dir"), withIntermediateDirectories: true)
    let run = try CLI.adalab(["-c", line], in: folder)
    #expect(run.status == 1)
    #expect(run.errors == message + "\n")
    #expect(try Self.entries(folder) == ["dir"])
  }

  @Test func aTildeIsTheHomeFolderAndTheReplyNamesItInFull() throws {
    let home = try CLI.temporaryFolder()
    let run = try CLI.adalab(["-c", "save ~/x.txt"], environment: ["HOME": home.path])
    #expect(run.status == 0, "\(run.errors)")
    // The reply is wrapped at 80 columns, its continuation indented by two spaces.
    #expect(
      run.output.replacingOccurrences(of: "\n  ", with: " ")
        == "saved ~/x.txt (\(home.path)/x.txt): the commands that rebuild this session at t=0\n")
    #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("x.txt").path))
  }

  @Test func aNewFileHasTheUsualModeAndAReplacedOneKeepsItsModeOwnerAndLinks() throws {
    let folder = try CLI.temporaryFolder()
    _ = try CLI.adalab(["-c", "save new.txt"], in: folder)
    let new = try FileManager.default.attributesOfItem(
      atPath: folder.appendingPathComponent("new.txt").path)
    #expect(
      (new[.posixPermissions] as? Int) == 0o666 & ~0o022
        || (new[.posixPermissions] as? Int) == 0o644)
    let file = folder.appendingPathComponent("private.txt")
    try Self.write("secret\n", file)
    chmod(file.path, 0o600)
    let owner: uid_t = getuid() == 0 ? 1234 : getuid()
    if getuid() == 0 { chown(file.path, owner, owner) }
    let link = folder.appendingPathComponent("link.txt")
    try FileManager.default.linkItem(at: file, to: link)
    let run = try CLI.adalab(["-c", "step 3; save private.txt replace"], in: folder)
    #expect(run.status == 0, "\(run.errors)")
    var status = stat()
    #expect(stat(file.path, &status) == 0)
    #expect(status.st_mode & 0o7777 == 0o600)
    #expect(status.st_uid == owner)
    #expect(status.st_nlink == 2)
    #expect(try String(contentsOf: link, encoding: .utf8).contains("step 3"))
  }

  @Test func aSymbolicLinkIsWrittenThrough() throws {
    let folder = try CLI.temporaryFolder()
    try Self.write("old\n", folder.appendingPathComponent("real.txt"))
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("link.txt").path, withDestinationPath: "real.txt")
    let run = try CLI.adalab(["-c", "save link.txt replace"], in: folder)
    #expect(run.status == 0, "\(run.errors)")
    let destination = try FileManager.default.destinationOfSymbolicLink(
      atPath: folder.appendingPathComponent("link.txt").path)
    #expect(destination == "real.txt")
    #expect(
      try String(contentsOf: folder.appendingPathComponent("real.txt"), encoding: .utf8)
        .hasPrefix("# adalab session"))
  }

  /// The old temporary name was `.NAME.PID.tmp`: links planted under every such name for the
  /// next thousand process ids must not be followed.
  @Test func plantedLinksForPredictableTemporaryNamesAreNeverFollowed() throws {
    let folder = try CLI.temporaryFolder()
    let victim = try CLI.temporaryFolder().appendingPathComponent("victim.txt")
    try Self.write("precious\n", victim)
    let next = Int(ProcessInfo.processInfo.processIdentifier)
    for pid in next..<(next + 1000) {
      try FileManager.default.createSymbolicLink(
        atPath: folder.appendingPathComponent(".s.txt.\(pid).tmp").path,
        withDestinationPath: victim.path)
    }
    let run = try CLI.adalab(["-c", "save s.txt"], in: folder)
    #expect(run.status == 0, "\(run.errors)")
    #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    #expect(try Self.entries(folder).filter { !$0.hasSuffix(".tmp") } == ["s.txt"])
    #expect(try Self.entries(folder).count == 1001)
  }

  @Test func aFIFOIsWrittenThroughOrRefusedWithoutAReader() throws {
    let folder = try CLI.temporaryFolder()
    let fifo = folder.appendingPathComponent("f.txt")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    let alone = try CLI.adalab(["-c", "save f.txt"], in: folder)
    #expect(alone.status == 1)
    #expect(alone.errors == "error: cannot write 'f.txt': a FIFO with no reader\n")
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/cat")
    reader.arguments = [fifo.path]
    let pipe = Pipe()
    reader.standardOutput = pipe
    try reader.run()
    var run = try CLI.adalab(["-c", "save f.txt"], in: folder)
    for _ in 0..<50 where run.status != 0 {
      usleep(20_000)  // until cat has opened the FIFO
      run = try CLI.adalab(["-c", "save f.txt"], in: folder)
    }
    #expect(run.status == 0, "\(run.errors)")
    let received = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    reader.waitUntilExit()
    #expect(received.hasPrefix("# adalab session"))
    var status = stat()
    #expect(lstat(fifo.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
  }

  /// `/dev/full` and `/dev/null` stay devices: made with mknod in a temporary folder, so that a
  /// regression cannot replace the machine's own (needs root, as the audit ran).
  @Test(.enabled(if: getuid() == 0, "mknod needs root"))
  func aDeviceIsWrittenThroughAndAFullOneIsReported() throws {
    let folder = try CLI.temporaryFolder()
    let full = folder.appendingPathComponent("full")
    let null = folder.appendingPathComponent("null")
    // Linux device numbers (major << 8 | minor): 1,7 is /dev/full, 1,3 is /dev/null.
    try #require(mknod(full.path, S_IFCHR | 0o666, 0x107) == 0, "mknod")
    try #require(mknod(null.path, S_IFCHR | 0o666, 0x103) == 0, "mknod")
    let toFull = try CLI.adalab(["-c", "save full"], in: folder)
    #expect(toFull.status == 1)
    #expect(
      toFull.errors
        == "error: cannot write 'full': no space left on device (the disk is full); it is unchanged\n"
    )
    let toNull = try CLI.adalab(["-c", "save null"], in: folder)
    #expect(toNull.status == 0)
    for device in [full, null] {
      var status = stat()
      #expect(lstat(device.path, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }
  }

  /// A full disk: a 64 KiB tmpfs in a private mount namespace (`unshare -m`), filled, then
  /// `save` over a file on it. Skipped where namespaces cannot be made.
  @Test(.enabled(if: CLI.canUnshare, "unshare -m needs CAP_SYS_ADMIN"))
  func aFullDiskIsReportedAndTheFileIsUnchanged() throws {
    let folder = try CLI.temporaryFolder()
    let script = """
      set -e
      mount -t tmpfs -o size=64k tmpfs "$1"
      cd "$1"
      printf 'old\\n' > s.txt
      "$2" -c 'save n.txt' > /dev/null
      head -c 200000 /dev/zero > filler 2>/dev/null || true
      set +e
      "$2" -c 'step 2; save n.txt replace'
      echo "status=$?"
      cat n.txt | head -1
      ls -a
      """
    let run = try CLI.run(
      "/usr/bin/unshare", ["-m", "sh", "-c", script, "sh", folder.path, CLI.binary.path])
    #expect(run.output.contains("status=1"), "\(run.output) \(run.errors)")
    #expect(
      run.errors.contains(
        "error: cannot write 'n.txt': no space left on device (the disk is full); it is unchanged"))
    #expect(run.output.contains("# adalab session, saved at t=0"))
    #expect(!run.output.contains(".tmp"))
  }
}
