/// Why a schedule was refused: one lowercase line saying what was expected and what was
/// found. The session is unchanged.
public struct ScheduleError: Error, Equatable, Sendable {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }
}
