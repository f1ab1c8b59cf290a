/// The files the shell may read and write, supplied by the host so that the interpreter
/// itself does no I/O and tests can use a folder in memory.
///
/// Paths arrive resolved: the interpreter has already joined a relative path to the folder
/// of the file being replayed or sourced (see ``Interpreter/folder``). What the host adds is
/// policy: what may be read or replaced, and how a write reaches the disk.
public protocol FileAccess {
  /// The whole text of a file, or a one-line reason it cannot be read.
  func read(_ path: String) throws(ShellError) -> String
  /// Writes a file, or throws with the old file intact.
  func write(_ path: String, contents: String) throws(ShellError)
  /// Writes a file; `replacing` is true when the command said `replace`, which lets it
  /// replace a file this session did not write. The default ignores it.
  func write(_ path: String, contents: String, replacing: Bool) throws(ShellError)
  /// `path` as the host will open it, for replies: `~/x` spelt out in full. The default
  /// returns `path`.
  func fullPath(_ path: String) -> String
  /// `path` from the root of the file system, for a saved script that names a file outside
  /// its own folder. The default is ``fullPath(_:)``.
  func absolutePath(_ path: String) -> String
  /// Makes a folder (and the folders above it) unless it exists; for `export FILE.md`,
  /// whose pictures go into `FILE.files/`.
  func createFolder(_ path: String) throws(ShellError)
}

extension FileAccess {
  public func write(_ path: String, contents: String, replacing: Bool) throws(ShellError) {
    try write(path, contents: contents)
  }

  public func fullPath(_ path: String) -> String { path }

  public func absolutePath(_ path: String) -> String { fullPath(path) }

  /// Folders are implicit in hosts whose paths are only names (tests).
  public func createFolder(_ path: String) throws(ShellError) {}
}
