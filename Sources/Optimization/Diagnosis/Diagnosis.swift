/// Where a trace parts from a run: the first row and column whose values differ by more
/// than the tolerance.
public struct TraceGap: Equatable, Sendable {
  /// The update of the row.
  public var t: Int
  /// The column's name as written in the trace.
  public var column: String
  /// The trace's value.
  public var theirs: Double
  /// The run's value, or nil when the run diverged before reaching the row.
  public var ours: Double?

  /// |theirs − ours| / max(|theirs|, |ours|), or infinity when there is no value to compare.
  public var relativeGap: Double {
    guard let ours else { return .infinity }
    return Diagnosis.relativeGap(theirs, ours)
  }
}

/// What `diagnose` found: where the trace parts from the session's setup, and which known
/// mistake, tried one by one, reproduces the whole trace.
public struct Diagnosis: Equatable, Sendable {
  /// The first gap against the setup as it is; nil when the trace agrees at every row.
  public var gap: TraceGap?
  /// Every mistake tried, in order, with where it parts from the trace (nil: it matches).
  public var tried: [(mistake: Mistake, gap: TraceGap?)]
  /// The relative tolerance used.
  public var tolerance: Double

  /// The first mistake that reproduces every row, if any.
  public var explanation: Mistake? { tried.first { $0.gap == nil }?.mistake }

  /// The mistake that agrees for the longest, when none agrees everywhere.
  public var closest: (mistake: Mistake, gap: TraceGap)? {
    var best: (mistake: Mistake, gap: TraceGap)?
    for (mistake, gap) in tried {
      guard let gap else { continue }
      if best == nil || gap.t > best!.gap.t { best = (mistake, gap) }
    }
    return best
  }

  public static func == (a: Diagnosis, b: Diagnosis) -> Bool {
    a.gap == b.gap && a.tolerance == b.tolerance && a.tried.count == b.tried.count
      && zip(a.tried, b.tried).allSatisfy { $0.mistake == $1.mistake && $0.gap == $1.gap }
  }

  static func relativeGap(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    guard a.isFinite && b.isFinite else { return .infinity }
    return abs(a - b) / Swift.max(abs(a), abs(b))
  }

  /// Compares `trace` with `setup` run from its start, then, when they part, tries every
  /// candidate ``Mistake`` in turn. `tolerance` defaults to the trace's own precision.
  public static func diagnose(_ trace: Trace, setup: RunSetup, tolerance: Double? = nil)
    -> Diagnosis
  {
    let tolerance = tolerance ?? trace.precision
    let gap = firstGap(trace, snapshots(of: setup, at: trace.rows.map(\.t)), tolerance)
    var tried: [(mistake: Mistake, gap: TraceGap?)] = []
    guard gap != nil else { return Diagnosis(gap: nil, tried: [], tolerance: tolerance) }
    var seen: [RunSetup] = [setup]
    for mistake in Mistake.candidates(for: setup) {
      let points: [Snapshot?]
      if mistake.changesRule {
        guard !setup.training.shuffle else { continue }
        points = snapshots(of: setup, mistake: mistake, at: trace.rows.map(\.t))
      } else {
        guard let changed = mistake.setup(from: setup), !seen.contains(changed) else { continue }
        seen.append(changed)
        points = snapshots(of: changed, at: trace.rows.map(\.t))
      }
      tried.append((mistake, firstGap(trace, points, tolerance)))
    }
    return Diagnosis(gap: gap, tried: tried, tolerance: tolerance)
  }

  /// The state of a run after update t, with what needs the data.
  struct Snapshot {
    var state: OptimizerState
    var loss: Double
    var epoch: Int

    func value(_ column: Trace.Column) -> Double {
      switch column.quantity {
      case .loss: return loss
      case .epoch: return Double(epoch)
      default:
        switch state.value(of: column.quantity) {
        case .scalar(let x): return x
        case .vector(let xs): return xs[column.feature ?? 0]
        }
      }
    }
  }

  private static func snapshots(of setup: RunSetup, at ts: [Int]) -> [Snapshot?] {
    var session = Session(setup: setup)
    var out: [Snapshot?] = []
    for t in ts {
      if t > session.t {
        let wanted = t - session.t
        guard session.step(wanted).taken == wanted else { break }
      }
      out.append(Snapshot(state: session.state, loss: session.loss, epoch: session.epoch))
    }
    return out + [Snapshot?](repeating: nil, count: ts.count - out.count)
  }

  private static func snapshots(of setup: RunSetup, mistake: Mistake, at ts: [Int])
    -> [Snapshot?]
  {
    var run = MistakeRun(setup: setup, mistake: mistake)
    var out: [Snapshot?] = []
    outer: for t in ts {
      while run.state.updateCount < t {
        guard run.step() else { break outer }
      }
      out.append(Snapshot(state: run.state, loss: run.loss, epoch: run.completedEpochs))
    }
    return out + [Snapshot?](repeating: nil, count: ts.count - out.count)
  }

  /// Where a quantity comes in an update: gradient, moments, corrections, rate, parameters.
  static func causalRank(_ quantity: Quantity) -> Int {
    let order: [Quantity] = [
      .t, .epoch, .dw, .db, .mW, .mB, .vW, .vB, .uW, .uB, .vmaxW, .vmaxB, .mHatW, .mHatB,
      .vHatW, .vHatB, .lrW, .lrB, .w, .b, .loss,
    ]
    return order.firstIndex(of: quantity) ?? order.count
  }

  private static func firstGap(_ trace: Trace, _ points: [Snapshot?], _ tolerance: Double)
    -> TraceGap?
  {
    // Within a row, look in the order the rule computes: a wrong v shows in v before w.
    let order = trace.columns.indices.sorted {
      causalRank(trace.columns[$0].quantity) < causalRank(trace.columns[$1].quantity)
    }
    for (row, point) in zip(trace.rows, points) {
      for k in order {
        let column = trace.columns[k]
        let theirs = row.values[k]
        guard let point else {
          return TraceGap(t: row.t, column: column.name, theirs: theirs, ours: nil)
        }
        let ours = point.value(column)
        if relativeGap(theirs, ours) > tolerance {
          return TraceGap(t: row.t, column: column.name, theirs: theirs, ours: ours)
        }
      }
    }
    return nil
  }
}
