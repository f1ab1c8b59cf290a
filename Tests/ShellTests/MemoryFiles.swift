import Shell

/// Files kept in memory: the test double of the interpreter's ``FileAccess``. Paths are
/// compared after dropping `.` and `x/..` as a disk without links would.
final class MemoryFiles: FileAccess {
  /// Path → contents.
  var files: [String: String]

  init(_ files: [String: String] = [:]) { self.files = files }

  func read(_ path: String) throws(ShellError) -> String {
    guard let text = files[Self.normal(path)] else { throw ShellError("no file '\(path)'") }
    return text
  }

  func write(_ path: String, contents: String) throws(ShellError) {
    files[Self.normal(path)] = contents
  }

  static func normal(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: false) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != "..", !last.isEmpty {
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }
}
