import Foundation
import Testing

@testable import Shell

/// Every lesson in sessions/ is a golden test: replayed on a fresh interpreter, it must
/// print what the file recorded (numbers within the file's tolerance).
///
/// Re-record on purpose with `ADALAB_RECORD_SESSIONS=1 swift test --filter SessionGolden`
/// (or `adalab --check --update sessions/*.txt`); never silently.
@Suite struct SessionGoldenTests {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sessions")

  static var sessionFiles: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.sorted()
  }

  @Test func thereAreAtLeastSixLessons() {
    #expect(Self.sessionFiles.count >= 6)
  }

  @Test(arguments: sessionFiles)
  func replaysAsRecorded(_ name: String) throws {
    let url = Self.folder.appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    var interpreter = Interpreter(files: ReadOnlyFiles(base: Self.folder))
    let replay = TranscriptReplay(
      Transcript(parsing: text), file: "sessions/\(name)", interpreter: &interpreter)
    if ProcessInfo.processInfo.environment["ADALAB_RECORD_SESSIONS"] == "1" {
      try replay.actual.text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    #expect(replay.matches, "\(replay.diff(file: "sessions/\(name)"))")
  }
}

/// Reads files relative to a folder (as `adalab` does when run from sessions/); accepts
/// every write and makes none (as `adalab --check` does).
struct ReadOnlyFiles: FileAccess {
  var base: URL

  func read(_ path: String) throws(ShellError) -> String {
    let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw ShellError("cannot read '\(path)'")
    }
    return text
  }

  func write(_ path: String, contents: String) throws(ShellError) {}
}
