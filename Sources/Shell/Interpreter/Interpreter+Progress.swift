import Foundation
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
  /// How many runs share the updates: 1 for a stepping command, more for `compare` and
  /// `sweep` (then `done` and `total` count the updates of all of them).
  public var runs = 1

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

/// The updates of several runs going on at once (`compare`, `sweep`), added up for one
/// progress line. The runs call ``add(_:)`` from their own threads; a lock keeps the count
/// and the calls to the host's `report` one at a time.
final class RunTally: @unchecked Sendable {
  private let lock = NSLock()
  private let runs: Int
  private let total: Int
  private var done = 0
  private let report: (StepProgress) -> Void
  private let clock = ContinuousClock()
  private let started: ContinuousClock.Instant

  init(runs: Int, updates: Int, report: @escaping (StepProgress) -> Void) {
    self.runs = runs
    (total, _) = updates.multipliedReportingOverflow(by: runs)
    self.report = report
    started = clock.now
  }

  func add(_ updates: Int) {
    lock.lock()
    defer { lock.unlock() }
    done += updates
    let elapsed = Interpreter.seconds(clock.now - started)
    report(
      StepProgress(
        t: done / max(runs, 1), done: done, total: total, elapsed: elapsed, isUpperBound: false,
        runs: runs))
  }
}

extension Session {
  /// ``step(_:stop:isCancelled:)`` in pieces of about a fifth of a second, each added to
  /// `tally`; the same bits as one call.
  mutating func step(_ count: Int, isCancelled: () -> Bool, tally: RunTally) -> StepReport {
    let clock = ContinuousClock()
    var taken = 0
    var piece = 64
    while true {
      let pieceStart = clock.now
      var report = step(min(piece, count - taken), isCancelled: isCancelled)
      taken += report.taken
      tally.add(report.taken)
      report.taken = taken
      guard report.outcome == .completed, taken < count else { return report }
      if isCancelled() {
        report.outcome = .interrupted
        return report
      }
      let seconds = Interpreter.seconds(clock.now - pieceStart)
      if seconds < 0.1 { piece = min(piece * 2, 1 << 30) }
      if seconds > 0.4 { piece = max(piece / 2, 1) }
    }
  }
}
