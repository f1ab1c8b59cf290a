import Foundation
import Testing

/// A seeded fuzz of hostile folders: a lesson beside symbolic links (inside, outside, dangling,
/// looping), FIFOs, dotfiles, folders and odd names, replaying random `save`, `export`,
/// `plot … to`, `load`, `source` and `diagnose` lines at them. Whatever it does, a replay
/// changes nothing outside its folder, never replaces a link, FIFO or folder, writes no dotfile
/// and nothing but adalab's kinds of file, leaves no temporary file, and ends (status 0 or 1)
/// within its time; `--check` changes nothing at all.
///
/// More layouts: `ADALAB_FS_FUZZ=500 swift test --filter FileSystemFuzz`.
@Suite struct FileSystemFuzzTests {
  typealias CLI = CLITests

  static var layoutCount: Int {
    ProcessInfo.processInfo.environment["ADALAB_FS_FUZZ"].flatMap(Int.init) ?? 12
  }

  static let names = [
    "s.txt", "out.csv", "e.html", "n.md", "p.svg", ".bashrc", ".hidden.txt", "run.sh", "x",
    "sp ace.txt", "it's.txt", "q\"uote.json", "semi;colon.txt", "#hash.md", "dir", "dir/",
    "sub/inner.txt", "../escape.txt", "/tmp/adalab-fuzz-abs.txt", "~/home.txt", "link",
    "link/in.txt", "fifo.txt", "dangling.txt", "loop.txt", "é∂.txt", "\u{1b}[31m.txt", "",
  ]

  @Test(arguments: 0..<layoutCount)
  func hostileLayoutsCannotBeEscapedOrDestroyed(seed: Int) throws {
    var random = SplitMix(seed: UInt64(seed))
    let root = try CLI.temporaryFolder()
    let lesson = root.appendingPathComponent("lesson")
    let outside = root.appendingPathComponent("outside")
    let fm = FileManager.default
    for folder in [lesson, outside, lesson.appendingPathComponent("sub")] {
      try fm.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    try "keep\n".write(
      to: outside.appendingPathComponent("victim.txt"), atomically: true, encoding: .utf8)
    try "x,y\n1,0.5\n".write(
      to: lesson.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    try fm.createDirectory(
      at: lesson.appendingPathComponent("dir"), withIntermediateDirectories: true)
    // Links and special files, each present or not by the seed.
    let plants: [(String, () throws -> Void)] = [
      (
        "link",
        {
          try fm.createSymbolicLink(
            atPath: lesson.path + "/link", withDestinationPath: outside.path)
        }
      ),
      (
        "s.txt",
        {
          try fm.createSymbolicLink(
            atPath: lesson.path + "/s.txt", withDestinationPath: outside.path + "/victim.txt")
        }
      ),
      (
        "dangling.txt",
        {
          try fm.createSymbolicLink(
            atPath: lesson.path + "/dangling.txt", withDestinationPath: outside.path + "/new.txt")
        }
      ),
      (
        "loop.txt",
        {
          try fm.createSymbolicLink(
            atPath: lesson.path + "/loop.txt", withDestinationPath: "loop.txt")
        }
      ),
      ("fifo.txt", { _ = mkfifo(lesson.path + "/fifo.txt", 0o644) }),
      (
        "e.html",
        {
          try "theirs\n".write(
            to: lesson.appendingPathComponent("e.html"), atomically: true, encoding: .utf8)
        }
      ),
      (
        ".bashrc",
        {
          try "echo hi\n".write(
            to: lesson.appendingPathComponent(".bashrc"), atomically: true, encoding: .utf8)
        }
      ),
      (
        "tmp",
        {
          let pid = Int(ProcessInfo.processInfo.processIdentifier)
          for k in 1...50 {
            try fm.createSymbolicLink(
              atPath: lesson.path + "/.out.csv.\(pid + k).tmp",
              withDestinationPath: outside.path + "/victim.txt")
          }
        }
      ),
    ]
    for (_, plant) in plants where random.next() % 3 != 0 { try plant() }
    var lines: [String] = []
    for _ in 0..<(4 + Int(random.next() % 8)) {
      let name = Self.names[Int(random.next() % UInt64(Self.names.count))]
      let quoted = "'" + name.replacingOccurrences(of: "'", with: "'\"'\"'") + "'"
      let command = [
        "save", "export", "plot loss to", "load", "source", "diagnose", "save", "step 2; save",
      ][
        Int(random.next() % 8)]
      lines.append("\(command) \(quoted)\(random.next() % 4 == 0 ? " replace" : "")")
    }
    try (lines.joined(separator: "\n") + "\n").write(
      to: lesson.appendingPathComponent("lesson.txt"), atomically: true, encoding: .utf8)

    let before = try Self.snapshot(root)
    let check = try CLI.adalab(["--keep-going", "--check", "lesson/lesson.txt"], in: root)
    #expect(check.status <= 1, "\(lines)")
    #expect(try Self.snapshot(root) == before, "--check changed files: \(lines)")

    let started = Date()
    let replay = try CLI.adalab(["--keep-going", "lesson/lesson.txt"], in: root)
    #expect(Date().timeIntervalSince(started) < 20, "\(lines)")
    #expect(replay.status <= 1, "status \(replay.status): \(lines) \(replay.errors)")
    let after = try Self.snapshot(root)
    for (path, entry) in before {
      guard let now = after[path] else {
        Issue.record("\(path) vanished: \(lines)")
        continue
      }
      if entry.kind != "file" || !path.hasPrefix("lesson/") {
        #expect(now == entry, "\(path) changed from \(entry) to \(now): \(lines)")
      }
    }
    for (path, entry) in after where before[path] == nil {
      #expect(path.hasPrefix("lesson/"), "wrote outside: \(path): \(lines)")
      let file = path.split(separator: "/").last.map(String.init) ?? ""
      #expect(!file.hasPrefix("."), "dotfile or temporary file \(path): \(lines)")
      let ext = file.split(separator: ".").last.map { String($0).lowercased() } ?? ""
      #expect(
        ["txt", "csv", "json", "svg", "html", "md", "ipynb"].contains(ext), "\(path): \(lines)")
      #expect(entry.kind == "file")
    }
    #expect(!fm.fileExists(atPath: "/tmp/adalab-fuzz-abs.txt"))
  }

  struct Entry: Equatable, CustomStringConvertible {
    var kind: String
    var contents: String
    var description: String { "\(kind) \(contents.prefix(20).debugDescription)" }
  }

  /// Every entry under `root` (links not followed): its kind, and a regular file's text or a
  /// link's destination.
  static func snapshot(_ root: URL) throws -> [String: Entry] {
    var result: [String: Entry] = [:]
    func walk(_ relative: String) throws {
      let path = relative.isEmpty ? root.path : root.path + "/" + relative
      for name in try FileManager.default.contentsOfDirectory(atPath: path) {
        let child = relative.isEmpty ? name : relative + "/" + name
        var status = stat()
        guard lstat(root.path + "/" + child, &status) == 0 else { continue }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
          result[child] = Entry(kind: "folder", contents: "")
          try walk(child)
        case S_IFLNK:
          result[child] = Entry(
            kind: "link",
            contents: (try? FileManager.default.destinationOfSymbolicLink(
              atPath: root.path + "/" + child)) ?? "")
        case S_IFIFO: result[child] = Entry(kind: "fifo", contents: "")
        default:
          result[child] = Entry(
            kind: "file",
            contents: (try? String(contentsOfFile: root.path + "/" + child, encoding: .utf8)) ?? "?"
          )
        }
      }
    }
    try walk("")
    return result
  }
}

/// SplitMix64, seeded, so that a failing layout reproduces from its seed.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
