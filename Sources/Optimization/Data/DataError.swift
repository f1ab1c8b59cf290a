/// Why a data set could not be built. The message names the line and column where it can.
public struct DataError: Error, Equatable, Sendable {
  /// One lowercase line: what was expected and what was found.
  public var message: String

  /// An error with the given message.
  public init(_ message: String) { self.message = message }
}
