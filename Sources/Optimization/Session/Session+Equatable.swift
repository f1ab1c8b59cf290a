extension Session: Equatable {
  /// Two sessions are equal when they define the same run (the same timeline), stand at the
  /// same state under the same setup and hold the same checkpoints: what a failed command
  /// must leave untouched.
  public static func == (lhs: Session, rhs: Session) -> Bool {
    lhs.timeline == rhs.timeline && lhs.setup == rhs.setup && lhs.state == rhs.state
      && lhs.trajectory == rhs.trajectory
  }
}
