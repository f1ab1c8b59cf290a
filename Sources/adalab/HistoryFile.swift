import Foundation

/// `~/.adalab_history` shared by every adalab a person runs: each shell appends the lines it
/// was given to what is on disk, under a lock, so two shells with the same HOME lose nothing
/// (as bash's `histappend`); a symbolic link is written through; a file that is not adalab's
/// is left alone.
struct HistoryFile {
  /// The path as configured (`$HOME/.adalab_history`).
  let path: String
  /// The most lines kept.
  let limit: Int

  /// libedit's header: the first line of every history file it writes.
  static let header = "_HiStOrY_V2_"

  /// Whether the file at `path` is one adalab may read and rewrite: missing, empty, or
  /// starting with libedit's header.
  var isAdalabs: Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return true }
    defer { try? handle.close() }
    let start = (try? handle.read(upToCount: Self.header.utf8.count + 1)) ?? Data()
    return start.isEmpty || start == Data((Self.header + "\n").utf8)
  }

  /// The file to write: the end of a chain of symbolic links, or `path` itself.
  var target: String {
    var current = path
    for _ in 0..<40 {
      guard let next = DiskFiles.linkTarget(current) else { return current }
      current = next
    }
    return current
  }

  /// Merges `added` (this session's lines, oldest first) into the file: under an exclusive
  /// lock on `PATH.lock`, reads what other shells wrote meanwhile, appends, keeps the newest
  /// `limit`, and replaces the file atomically.
  func append(_ added: [String]) throws(HistorySaveError) {
    guard !added.isEmpty else { return }
    let lock = open(path + ".lock", O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard lock >= 0 else { throw HistorySaveError(path: path, errno: errno) }
    defer { close(lock) }
    while flock(lock, LOCK_EX) != 0 {
      guard errno == EINTR else { throw HistorySaveError(path: path, errno: errno) }
    }
    defer { flock(lock, LOCK_UN) }
    guard isAdalabs else { return }
    let merged = CommandHistory(limit: limit)
    merged.load(from: path)
    for line in added { merged.add(line) }
    try merged.save(to: target)
  }
}
