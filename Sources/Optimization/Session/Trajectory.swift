/// The road a run has travelled, kept as sparse checkpoints of the full state.
///
/// A run is a pure function of its setup, so any earlier state can be recomputed exactly
/// from the nearest checkpoint before it, as reverse debuggers do. Checkpoints sit at every
/// multiple of `interval`; when there are more than `capacity` of them every other one is
/// dropped and the interval doubles, so memory stays bounded however long the run, and
/// reaching any step replays fewer than `interval` updates.
struct Trajectory: Equatable {
  /// The most checkpoints kept before thinning.
  static let capacity = 4096

  /// Updates between checkpoints.
  private(set) var interval: Int
  /// `checkpoints[k]` is the state at t = k·interval; chunked, so that the sessions `undo`
  /// keeps share them.
  private var checkpoints: ChunkedArray<OptimizerState>

  /// A trajectory that starts at `initial`; `pointsPerUpdate` sets the first interval so a
  /// replay between checkpoints costs about the same on small and large data.
  init(initial: OptimizerState, pointsPerUpdate: Int) {
    interval = max(1, 4096 / max(1, pointsPerUpdate))
    checkpoints = ChunkedArray([initial])
  }

  /// The checkpoint at or before update `t`.
  func checkpoint(atOrBefore t: Int) -> OptimizerState {
    checkpoints[min(t / interval, checkpoints.count - 1)]
  }

  /// The update whose state ``record(_:)`` keeps next: the first boundary not yet
  /// recorded, always after the current update, so a stepping loop can run up to it
  /// without calling `record` on every update.
  var nextCheckpoint: Int { checkpoints.count * interval }

  /// Keeps `state` if it falls on a checkpoint boundary that is not yet recorded.
  @inline(__always)
  mutating func record(_ state: OptimizerState) {
    let t = state.updateCount
    guard t == checkpoints.count * interval else { return }
    checkpoints.append(state)
    if checkpoints.count > Trajectory.capacity { thin() }
  }

  /// Forgets every checkpoint after update `t` (the future after a rewind).
  mutating func truncate(after t: Int) {
    let keep = t / interval + 1
    if checkpoints.count > keep { checkpoints.removeLast(checkpoints.count - keep) }
  }

  private mutating func thin() {
    let old = checkpoints
    checkpoints = ChunkedArray(stride(from: 0, to: old.count, by: 2).lazy.map { old[$0] })
    interval *= 2
  }

  /// The number of checkpoints held (for tests and memory reports).
  var count: Int { checkpoints.count }
}
