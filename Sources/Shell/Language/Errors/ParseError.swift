/// Why a line could not be parsed, and where.
///
/// The message is lowercase without a final period, says what was expected and what was found,
/// and suggests the nearest valid name:
/// `unknown setting 'beat2' (did you mean 'beta2'?)`. The host prints it with
/// `rendered(under:)` at a terminal, or `description` and `rendered(file:line:)` elsewhere.
public struct ParseError: Error, Equatable, Sendable {
  /// What went wrong, for a person.
  public var message: String
  /// The 0-based character offset in the line of the bad token, for a caret. A missing token is
  /// reported just after the last token before it, possibly at the end of the line.
  public var column: Int

  /// Creates an error at a column of the line.
  public init(_ message: String, column: Int) {
    self.message = message
    self.column = column
  }
}
