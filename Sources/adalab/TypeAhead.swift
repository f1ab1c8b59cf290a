import CEditLine
import Glibc

/// What is typed while a command computes: not echoed into its output, and not lost.
///
/// During a command the terminal stops echoing and stops collecting lines (`ECHO` and
/// `ICANON` off; `ISIG` stays on, so Ctrl-C still interrupts). When the command is done,
/// whatever was typed meanwhile is read and handed to the line editor, which shows it after
/// the next prompt as if typed there: a finished line runs, an unfinished one waits to be
/// completed. (Left to itself, the terminal would echo the keys into the output and the
/// line editor would then throw them away when it takes the terminal over.)
struct TypeAhead {
  private var saved = termios()
  private var isQuiet = false

  /// Turns echo and line collection off, when standard input is a terminal.
  mutating func quiet() {
    guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else { return }
    var quiet = saved
    quiet.c_lflag &= ~tcflag_t(ECHO | ICANON)
    // Ctrl-C would otherwise flush what was typed before it.
    quiet.c_lflag |= tcflag_t(NOFLSH)
    withUnsafeMutableBytes(of: &quiet.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    isQuiet = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0
  }

  /// Reads what was typed meanwhile, restores the terminal, and returns the bytes.
  mutating func restore() -> [UInt8] {
    guard isQuiet else { return [] }
    var typed: [UInt8] = []
    var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    var buffer = [UInt8](repeating: 0, count: 4096)
    while poll(&ready, 1, 0) > 0, ready.revents & Int16(POLLIN) != 0, typed.count < 65536 {
      let count = read(STDIN_FILENO, &buffer, buffer.count)
      guard count > 0 else { break }
      typed += buffer[0..<count]
    }
    _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    isQuiet = false
    return typed
  }
}
