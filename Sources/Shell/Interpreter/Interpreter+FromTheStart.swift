import Optimization

extension Interpreter {
  /// The line `compare`, `sweep` and `diagnose` add once the run has changed course: they
  /// run from t = 0 under the setup in force now, so the changes of the session's timeline
  /// (``Timeline/changes``) play no part in their runs. Empty while there are none.
  var notReplayingChanges: [String] {
    let count = session.timeline.changes.count
    guard count > 0 else { return [] }
    let changes = count == 1 ? "this run's 1 change is" : "this run's \(count) changes are"
    return ["(from t=0 with the setup in force now; \(changes) not replayed)"]
  }

  /// `notReplayingChanges` in a reply's JSON object: `"changes_not_replayed": N`.
  func notingChangesNotReplayed(_ json: JSON) -> JSON {
    let count = session.timeline.changes.count
    guard count > 0, case .object(let pairs) = json else { return json }
    return .object(pairs + [("changes_not_replayed", .integer(count))])
  }
}
