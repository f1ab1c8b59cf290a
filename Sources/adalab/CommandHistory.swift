import CEditLine
import Glibc

/// The lines entered at the prompt, oldest first, bounded, without adjacent duplicates.
///
/// A thin owner of a libedit `History`: the line editor connects it with `EL_HIST`, so Up, Down
/// and Ctrl-R search it. On disk it uses libedit's own format (a `_HiStOrY_V2_` header, then one
/// vis(3)-encoded line per entry), which round-trips any UTF-8 text, spaces and backslashes.
final class CommandHistory {
  /// The libedit handle (`History *`).
  let handle: OpaquePointer

  /// An empty history keeping at most `limit` entries (the oldest are dropped first).
  init(limit: Int) {
    handle = history_init()
    _ = adalab_history_set_size(handle, Int32(clamping: max(1, limit)))
    _ = adalab_history_set_unique(handle, 1)
  }

  deinit { history_end(handle) }

  /// Appends a line, unless it is blank or equal to the most recent entry.
  func add(_ line: String) {
    guard line.contains(where: { !$0.isWhitespace }) else { return }
    _ = adalab_history_enter(handle, line)
  }

  /// Number of entries.
  var count: Int { Int(adalab_history_get_size(handle)) }

  /// All entries, oldest first.
  var entries: [String] {
    var result: [String] = []
    var entry = adalab_history_oldest(handle)
    while let text = entry {
      result.append(String(cString: text))
      entry = adalab_history_newer(handle)
    }
    return result
  }

  /// Adds the entries of a history file; a missing or unreadable file adds nothing.
  func load(from path: String) {
    _ = adalab_history_load(handle, path)
  }

  /// Writes all entries to `path` atomically: to a new temporary file in the same directory
  /// (mode 0600), flushed to disk, then renamed over `path`. A reader, or a crash, sees the old
  /// file or the new one, never half of one.
  func save(to path: String) throws(HistorySaveError) {
    var template = Array((path + ".XXXXXX").utf8CString)
    let descriptor = mkstemp(&template)
    guard descriptor >= 0 else { throw HistorySaveError(path: path, errno: errno) }
    let temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    guard let file = fdopen(descriptor, "w") else {
      let error = HistorySaveError(path: path, errno: errno)
      close(descriptor)
      unlink(temporaryPath)
      throw error
    }
    var written = adalab_history_save_fp(handle, file) >= 0
    written = fflush(file) == 0 && written
    written = fsync(descriptor) == 0 && written
    let savedErrno = errno
    written = fclose(file) == 0 && written
    guard written, rename(temporaryPath, path) == 0 else {
      let error = HistorySaveError(path: path, errno: written ? errno : savedErrno)
      unlink(temporaryPath)
      throw error
    }
  }
}

/// Why the history could not be written: the host prints it and carries on.
struct HistorySaveError: Error, Equatable, CustomStringConvertible {
  /// The history file that was to be written.
  var path: String
  /// The reason, as `strerror` words it.
  var reason: String

  init(path: String, errno: Int32) {
    self.path = path
    self.reason = String(cString: strerror(errno))
  }

  var description: String { "cannot save history to '\(path)': \(reason.lowercased())" }
}
