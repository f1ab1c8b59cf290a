import Glibc

/// The size of the terminal on standard output, for pictures that fit it.
enum TerminalSize {
  /// Columns of the terminal (TIOCGWINSZ), or `fallback` when standard output is no terminal
  /// or the size is unknown; `COLUMNS` overrides a failed query.
  static func columns(fallback: Int = 80) -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    if let text = getenv("COLUMNS"), let value = Int(String(cString: text)), value > 0 {
      return value
    }
    return fallback
  }
}
