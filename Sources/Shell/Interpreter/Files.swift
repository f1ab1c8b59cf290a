/// The files the shell may read and write, supplied by the host so that the interpreter
/// itself does no I/O and tests can use a folder in memory.
public protocol FileAccess {
  /// The whole text of a file, or a one-line reason it cannot be read.
  func read(_ path: String) throws(ShellError) -> String
  /// Replaces a file's contents atomically, or throws with the old file intact.
  func write(_ path: String, contents: String) throws(ShellError)
  /// Makes a folder (and the folders above it) unless it exists; for `export FILE.md`,
  /// whose pictures go into `FILE.files/`.
  func createFolder(_ path: String) throws(ShellError)
}

extension FileAccess {
  /// Folders are implicit in hosts whose paths are only names (tests).
  public func createFolder(_ path: String) throws(ShellError) {}
}

/// Files kept in memory, for tests.
public final class MemoryFiles: FileAccess {
  /// Path → contents.
  public var files: [String: String]

  public init(_ files: [String: String] = [:]) { self.files = files }

  public func read(_ path: String) throws(ShellError) -> String {
    guard let text = files[path] else { throw ShellError("no file '\(path)'") }
    return text
  }

  public func write(_ path: String, contents: String) throws(ShellError) {
    files[path] = contents
  }
}
