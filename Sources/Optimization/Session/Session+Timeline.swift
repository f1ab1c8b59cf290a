extension Session {
  /// Changes course at the current update: `newSetup` governs the updates after t. The
  /// state is kept (m, v, t, … go on as they were) or, when `startingFresh`, replaced by the
  /// new optimizer's initial state at the current parameters, with the rule's own count
  /// starting again from 1 (SWATS-style switching).
  ///
  /// Changes later than t (left ahead by a rewind) are dropped, as an edit after an undo
  /// drops the redo in an editor; returns how many. `newSetup` must keep the data, its
  /// consumption and the start (``RunSetup/continues(into:)``).
  @discardableResult
  public mutating func change(to newSetup: RunSetup, startingFresh: Bool) -> Int {
    precondition(setup.continues(into: newSetup), "a change must keep the data and the start")
    let keep = timeline.firstChange(atOrAfter: t + 1)
    let dropped = timeline.changes.count - keep
    timeline.changes.removeLast(dropped)
    let origin = startingFresh ? t : run.origin
    let change = Change(t: t, setup: newSetup, startsFresh: startingFresh, origin: origin)
    timeline.changes.append(change)
    enter(change)
    return dropped
  }

  /// The setup that governed the last update, and the update after which its optimizer's
  /// own count started (0 unless `use … from here` started it afresh): a change made at t
  /// governs only the updates after t.
  public var lastUpdateGovernance: (setup: RunSetup, origin: Int) {
    timeline.governing(before: t)
  }

  /// The changes made later than t: what stepping forward will replay, and what a change
  /// made now would drop.
  public var changesAhead: Int {
    timeline.changes.count - timeline.firstChange(atOrAfter: t + 1)
  }

  /// Puts the run on `change`'s setup at its update, keeping or refreshing the state.
  mutating func enter(_ change: Change) {
    let state =
      change.startsFresh
      ? change.setup.freshState(from: run.state) : run.state
    run = Run(setup: change.setup, state: state, origin: change.origin)
  }

  /// Enters the changes made at the current update, if any: called whenever the run
  /// arrives at an update by stepping or replaying.
  mutating func enterChanges() {
    for change in timeline.changes(at: t) { enter(change) }
  }

  /// The updates the run may take before it reaches the next change.
  var updatesBeforeNextChange: Int {
    guard let next = timeline.nextChange(after: t) else { return Int.max }
    return next - t
  }

  /// Puts the run on `checkpoint` (a state recorded before the changes made at its update)
  /// under the setup that governed it, then enters the changes made at that update.
  mutating func restore(_ checkpoint: OptimizerState) {
    let (setup, origin) = timeline.governing(before: checkpoint.updateCount)
    if origin == run.origin && setup == run.setup {
      run.restore(checkpoint)
    } else {
      run = Run(setup: setup, state: checkpoint, origin: origin)
    }
    enterChanges()
  }

  /// Replays from the current update to `target` without recording checkpoints, entering
  /// each change on the way: the same updates, bit for bit, as stepping there did.
  mutating func replay(to target: Int) {
    while t < target {
      let (_, divergence) = run.step(count: min(target - t, updatesBeforeNextChange))
      precondition(divergence == nil, "a replayed step diverged")
      enterChanges()
    }
  }
}
