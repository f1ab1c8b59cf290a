/// A command together with where it was written in its line, so that an error the engine finds
/// later (a negative learning rate) can still put a caret in the right place.
public struct LocatedCommand: Equatable, Sendable {
  /// The command.
  public var command: Command
  /// The command as typed, from its name to its last token, without `;` or a comment.
  public var text: String
  /// Character offset in the line of the command's name.
  public var column: Int
  /// Character offset in the line of the command's last token: the value of `set NAME VALUE`,
  /// the count of `step N`, the name itself when the command has no arguments.
  public var lastTokenColumn: Int

  /// Creates a located command.
  public init(command: Command, text: String, column: Int, lastTokenColumn: Int) {
    self.command = command
    self.text = text
    self.column = column
    self.lastTokenColumn = lastTokenColumn
  }
}
