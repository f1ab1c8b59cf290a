import CEditLine
import Glibc

/// Standard output and error as the process found them, made safe to use.
///
/// A stream closed by the caller (`adalab >&-`) is reopened on a placeholder before anything
/// else is opened, so that no file this process opens can land on descriptor 1 or 2 and
/// receive output meant for the terminal: standard output on `/dev/full`, so that every write
/// to it fails and is reported as lost output; standard error on `/dev/null`. Standard input,
/// closed, reads as empty (`/dev/null`).
enum StandardStreams {
  /// Reopens closed standard descriptors; call first thing.
  static func protect() {
    let placeholders: [(Int32, String, Int32)] = [
      (STDIN_FILENO, "/dev/null", O_RDONLY), (STDOUT_FILENO, "/dev/full", O_WRONLY),
      (STDERR_FILENO, "/dev/null", O_WRONLY),
    ]
    for (descriptor, placeholder, mode) in placeholders
    where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
      let opened = open(placeholder, mode)
      if opened >= 0 && opened != descriptor {
        dup2(opened, descriptor)
        close(opened)
      }
    }
  }

  /// Whether everything printed so far reached standard output: flushes it and returns the
  /// reason of a failure (a full disk, a closed stream), or nil.
  static func outputFailure() -> String? {
    let flushFailed = adalab_flush_standard_output() != 0
    let code = errno
    guard flushFailed || adalab_standard_output_failed() != 0 else { return nil }
    let reason = String(cString: strerror(flushFailed ? code : EIO)).lowercased()
    return "cannot write to standard output: \(reason)"
  }

  /// Writes a line to standard error, directly and unbuffered; a failure is ignored (there is
  /// nowhere left to report it), never a crash.
  static func printError(_ text: String) {
    _ = adalab_flush_standard_output()
    let bytes = Array((text + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes {
        write(STDERR_FILENO, $0.baseAddress, $0.count)
      }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return }
      offset += count
    }
  }
}
