/// What defines a run once it may change course: the setup it starts from, and the
/// changes made along the way, each at its update.
///
/// A run stays a pure function of its timeline: replaying the same timeline from the same
/// checkpoint gives the same states bit for bit, which is what lets a session rewind across
/// a change exactly. A change made at t (after update t) governs update t + 1 onwards:
///
///     θ₀ ─ start ─▶ θ₁ … θ_t ─ change at t ─▶ θ_{t+1} …
public struct Timeline: Equatable, Sendable {
  /// The setup of update 1.
  public internal(set) var start: RunSetup
  /// The changes, in the order they apply: by update, then in the order made. Chunked, so
  /// that the sessions `undo` keeps share them.
  public internal(set) var changes: ChunkedArray<Change>

  /// A timeline with no change: the run of `start` throughout.
  public init(start: RunSetup) {
    self.start = start
    self.changes = ChunkedArray()
  }

  /// The index of the first change made at or after update `t` (binary search).
  func firstChange(atOrAfter t: Int) -> Int {
    var (low, high) = (0, changes.count)
    while low < high {
      let middle = (low + high) / 2
      if changes[middle].t < t { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The changes made exactly at update `t`, in order.
  func changes(at t: Int) -> Slice<ChunkedArray<Change>> {
    changes[firstChange(atOrAfter: t)..<firstChange(atOrAfter: t + 1)]
  }

  /// The update of the first change after `t`, if any.
  func nextChange(after t: Int) -> Int? {
    let index = firstChange(atOrAfter: t + 1)
    return index < changes.count ? changes[index].t : nil
  }

  /// The setup and the rule's origin in force just before the changes made at `t`.
  func governing(before t: Int) -> (setup: RunSetup, origin: Int) {
    let index = firstChange(atOrAfter: t)
    guard index > 0 else { return (start, 0) }
    return (changes[index - 1].setup, changes[index - 1].origin)
  }
}

/// One change of course: the setup from update `t + 1` on.
public struct Change: Equatable, Sendable {
  /// The update after which the change was made.
  public var t: Int
  /// The setup that governs the updates after `t`.
  public var setup: RunSetup
  /// Whether the optimizer's state starts afresh from the parameters at `t`
  /// (`use OPTIMIZER from here`) instead of being kept (`set NAME VALUE`).
  public var startsFresh: Bool
  /// The update after which the rule's own count starts: the t of the last fresh start
  /// (0 for the run's own start). The rule's update k is the session's update origin + k.
  public var origin: Int
}

extension RunSetup {
  /// A fresh state for this setup's optimizer taking over from `current`: the parameters
  /// and t of `current`, every moment and accumulator (m, v, u, v_max) as at a start, Πμ = 1.
  /// What describes the last update (dw, m̂, v̂, the rate, ηₜ) is kept: it still describes it.
  func freshState(from current: OptimizerState) -> OptimizerState {
    var state = initialState
    state.parameters = current.parameters
    state.updateCount = current.updateCount
    state.gradient = current.gradient
    state.mHat = current.mHat
    state.vHat = current.vHat
    state.rate = current.rate
    state.learningRate = current.learningRate
    return state
  }

  /// Whether a run can change from this setup to `other` without restarting: the data,
  /// how it is consumed (batch, order, loss) and the start stay the same.
  func continues(into other: RunSetup) -> Bool {
    dataset == other.dataset && training == other.training && start == other.start
  }
}
