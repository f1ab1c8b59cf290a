import Optimization

/// How far a long stepping command has got, for the host's one-line progress display.
public struct StepProgress: Sendable {
  /// The session's update count now.
  public var t: Int
  /// Updates taken by this command so far.
  public var done: Int
  /// Updates the command asked for at most (`run until` may stop long before).
  public var total: Int
  /// Seconds since the command started.
  public var elapsed: Double
  /// Whether `total` is only an upper bound (`run until ... max N`).
  public var isUpperBound: Bool

  /// Updates per second so far.
  public var rate: Double { elapsed > 0 ? Double(done) / elapsed : 0 }
  /// Seconds left at the rate so far, if it is known.
  public var secondsLeft: Double? { rate > 0 ? Double(total - done) / rate : nil }
}

extension Interpreter {
  /// Takes up to `count` updates as `Session.step` does, in pieces of about a fifth of a
  /// second when the host listens to ``progress``, reporting between pieces. The pieces
  /// change nothing: a run is the same bits however it is cut, the watches see every
  /// update, and Ctrl-C is polled between pieces as well as inside them.
  mutating func stepWithProgress(
    _ count: Int, stop: ((Observation) -> Bool)?, isUpperBound: Bool = false
  ) -> StepReport {
    guard let progress, count > 1 else {
      return session.step(count, stop: stop, isCancelled: isCancelled)
    }
    let clock = ContinuousClock()
    let started = clock.now
    var taken = 0
    var piece = 64
    while true {
      let pieceStart = clock.now
      var report = session.step(min(piece, count - taken), stop: stop, isCancelled: isCancelled)
      taken += report.taken
      report.taken = taken
      guard report.outcome == .completed, taken < count else { return report }
      if isCancelled() {
        report.outcome = .interrupted
        return report
      }
      let seconds = Self.seconds(clock.now - pieceStart)
      if seconds < 0.1 { piece = min(piece * 2, 1 << 30) }
      if seconds > 0.4 { piece = max(piece / 2, 1) }
      progress(
        StepProgress(
          t: session.t, done: taken, total: count, elapsed: Self.seconds(clock.now - started),
          isUpperBound: isUpperBound))
    }
  }

  static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) * 1e-18
  }
}
