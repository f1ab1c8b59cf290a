import Notebooks

/// Narration and failed commands: what a notebook shows between and beside the commands
/// that ran.
///
/// A `#` line, in a lesson file or typed at the prompt, is narration: Markdown after the
/// comment marker, kept in order with the commands for `export`. A failed command changes
/// nothing in the session, but the notebook keeps it (shown with `export ... with help`),
/// as `history` keeps the line.
extension Interpreter {
  /// Something a notebook shows that is not a command's reply.
  public struct Aside: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
      /// One line of narration, as Markdown (`# Adam` → `Adam`).
      case narration(String)
      /// A command that failed, as typed, with the prompt it was typed after.
      case failure(command: String, prompt: String, error: ShellError)
    }

    public var kind: Kind
    /// How many commands of `record` come before it.
    public var position: Int
    /// The line of `history` it belongs to: a failed command's own, the next line for
    /// narration.
    public var line: Int
  }

  /// Whether a line is only a comment.
  static func isComment(_ line: String) -> Bool {
    line.drop { $0 == " " || $0 == "\t" }.hasPrefix("#")
  }

  /// Keeps a line of narration (`# text`; a blank line or `#` alone is a paragraph break).
  /// `# tolerance: X`, an instruction to the replay, is not narration.
  public mutating func narrate(_ line: String) {
    let markdown = Narration.markdown(ofComment: line)
    guard !Narration.isDirective(markdown) else { return }
    asides.append(
      Aside(kind: .narration(markdown), position: record.count, line: lineHistory.count + 1))
  }

  mutating func recordFailure(_ command: String, error: ShellError, line: Int) {
    asides.append(
      Aside(
        kind: .failure(command: command, prompt: prompt, error: error), position: record.count,
        line: line))
  }
}
