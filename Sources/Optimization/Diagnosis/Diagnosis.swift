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

  /// The quantities of the trace at the first gap's row, split by whether they agree
  /// with the run: what locates the fault (m and v agree but w parts: the update line).
  public var location: Location?

  public static func == (a: Diagnosis, b: Diagnosis) -> Bool {
    a.gap == b.gap && a.tolerance == b.tolerance && a.tried.count == b.tried.count
      && zip(a.tried, b.tried).allSatisfy { $0.mistake == $1.mistake && $0.gap == $1.gap }
      && a.location == b.location
  }

  static func relativeGap(_ a: Double, _ b: Double) -> Double {
    if a == b || a.isNaN && b.isNaN { return 0 }
    guard a.isFinite && b.isFinite else { return .infinity }
    return abs(a - b) / Swift.max(abs(a), abs(b))
  }

  /// The most updates a trace may reach: replaying further would take minutes.
  public static let maximumUpdates = 10_000_000

  /// Why a diagnosis did not finish.
  public enum Stop: Error, Equatable {
    /// The user interrupted.
    case interrupted
    /// The trace reaches an update beyond ``maximumUpdates``.
    case tooFar(Int)
  }

  /// Compares `trace` with `setup` run from its start, then, when they part, tries every
  /// candidate ``Mistake`` in turn. `tolerance` defaults to the trace's own precision.
  /// `isCancelled` is polled every few hundred updates of every replay.
  public static func diagnose(
    _ trace: Trace, setup: RunSetup, tolerance: Double? = nil,
    isCancelled: () -> Bool = { false }
  ) throws(Stop) -> Diagnosis {
    if let last = trace.rows.last?.t, last > maximumUpdates { throw .tooFar(last) }
    let tolerance = tolerance ?? trace.precision
    let reference = try firstGap(trace, setup, mistake: nil, tolerance, isCancelled)
    var tried: [(mistake: Mistake, gap: TraceGap?)] = []
    guard let gap = reference.gap else {
      return Diagnosis(gap: nil, tried: [], tolerance: tolerance)
    }
    let location = reference.at.map {
      Location(trace, row: $0.row, run: $0.point, tolerance: tolerance)
    }
    var seen: [RunSetup] = [setup]
    for mistake in Mistake.candidates(for: setup) {
      let mistakeGap: TraceGap?
      if mistake.changesRule {
        guard !setup.training.shuffle else { continue }
        mistakeGap = try firstGap(trace, setup, mistake: mistake, tolerance, isCancelled).gap
      } else {
        guard let changed = mistake.setup(from: setup), !seen.contains(changed) else { continue }
        seen.append(changed)
        mistakeGap = try firstGap(trace, changed, mistake: nil, tolerance, isCancelled).gap
      }
      tried.append((mistake, mistakeGap))
      if mistakeGap == nil { break }
    }
    return Diagnosis(gap: gap, tried: tried, tolerance: tolerance, location: location)
  }

  /// The state of a run after update t, with what needs the data.
  struct Snapshot {
    var state: OptimizerState
    var loss: Double
    var epoch: Int
    /// What adalab's u is the library's buffer times, for the columns that hold state
    /// without η (PyTorch's momentum buffer): η when the run keeps the notes' velocity, 1
    /// when it keeps the buffer itself (``MomentumForm``).
    var bufferScale: Double

    func value(_ column: Trace.Column) -> Double {
      let value: Double
      switch column.quantity {
      case .loss: return loss
      case .epoch: return Double(epoch)
      case .t: return Double(state.updateCount)
      default:
        let feature = column.feature ?? 0
        let d = state.parameterCount - 1
        let index = column.quantity.isPerFeature ? feature : d
        switch column.quantity {
        case .w, .b: value = state.parameters[index]
        case .dw, .db: value = state.gradient[index]
        case .mW, .mB: value = state.m[index]
        case .vW, .vB: value = state.v[index]
        case .uW, .uB: value = state.u[index]
        case .vmaxW, .vmaxB: value = state.vMax[index]
        case .mHatW, .mHatB: value = state.mHat[index]
        case .vHatW, .vHatB: value = state.vHat[index]
        case .eta: value = state.learningRate
        default: value = state.rate[index]
        }
      }
      return column.withoutLearningRate ? value / bufferScale : value
    }
  }

  /// Replays `setup` (with `mistake` built in, if any) along the trace and stops at the
  /// first row and column that part: in the order the rule computes, so a wrong v shows
  /// in v before w. Returns the gap and the run's state at that row (nil when the run
  /// diverged before it).
  static func firstGap(
    _ trace: Trace, _ setup: RunSetup, mistake: Mistake?, _ tolerance: Double,
    _ isCancelled: () -> Bool
  ) throws(Stop) -> (gap: TraceGap?, at: (row: Int, point: Snapshot)?) {
    let order = trace.columns.indices.sorted {
      causalRank(trace.columns[$0].quantity) < causalRank(trace.columns[$1].quantity)
    }
    var run = MistakeRun(setup: setup, mistake: mistake)
    let needsLoss = trace.columns.contains { $0.quantity == .loss }
    var taken = 0
    for (k, row) in trace.rows.enumerated() {
      while run.state.updateCount < row.t {
        taken += 1
        if taken & 255 == 0 && isCancelled() { throw .interrupted }
        guard run.step() else {
          let column = trace.columns[order[0]]
          return (
            TraceGap(t: row.t, column: column.name, theirs: row.values[order[0]], ours: nil), nil
          )
        }
      }
      let point = Snapshot(
        state: run.state, loss: needsLoss ? run.loss : .nan, epoch: run.completedEpochs,
        bufferScale: setup.hyperparameters.velocityPerBuffer)
      for c in order {
        let ours = point.value(trace.columns[c])
        if relativeGap(row.values[c], ours) > tolerance {
          let gap = TraceGap(
            t: row.t, column: trace.columns[c].name, theirs: row.values[c], ours: ours)
          return (gap, (k, point))
        }
      }
    }
    return (nil, nil)
  }

  /// Where a quantity comes in an update: gradient, moments, corrections, rate, parameters.
  static func causalRank(_ quantity: Quantity) -> Int {
    let order: [Quantity] = [
      .t, .epoch, .dw, .db, .mW, .mB, .vW, .vB, .uW, .uB, .vmaxW, .vmaxB, .mHatW, .mHatB,
      .vHatW, .vHatB, .lrW, .lrB, .w, .b, .loss,
    ]
    return order.firstIndex(of: quantity) ?? order.count
  }
}
