/// Where in an update the fault is: the trace's quantities at the row where it first
/// parts from the run, split into those that still agree and those that part, and the
/// first line of the rule (in the order it computes) that parts.
///
/// m and v agree but w parts: the moments are right and the fault is in the parameter
/// update line. m agrees, v parts: the second-moment line. The gradient parts: the loss's
/// derivative or the batch, before any optimizer line.
public struct Location: Equatable, Sendable {
  /// A stage of an update, in the order the rule computes.
  public enum Stage: Int, Comparable, Sendable {
    case gradient, firstMoment, secondMoment, maximum, accumulatedUpdate
    case correction, rate, parameters, loss, count

    public static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }

    init(_ quantity: Quantity) {
      switch quantity {
      case .dw, .db, .gW, .gB: self = .gradient
      case .mW, .mB: self = .firstMoment
      case .vW, .vB, .beta2T: self = .secondMoment
      case .vmaxW, .vmaxB: self = .maximum
      case .uW, .uB: self = .accumulatedUpdate
      case .mHatW, .mHatB, .vHatW, .vHatB: self = .correction
      case .lrW, .lrB, .eta, .scaleW, .scaleB: self = .rate
      case .clipW, .clipB: self = .correction
      case .w, .b: self = .parameters
      case .loss: self = .loss
      case .t, .epoch: self = .count
      }
    }
  }

  /// The update.
  public var t: Int
  /// Columns that agree at that update, and columns that part, as named in the trace.
  public var agreeing: [String]
  public var parting: [String]
  /// The earliest stage that parts.
  public var stage: Stage
  /// Whether the trace has any state besides the parameters (m, v, …) to narrow it down.
  public var hasState: Bool

  init(_ trace: Trace, row: Int, run: Diagnosis.Snapshot, tolerance: Double) {
    t = trace.rows[row].t
    agreeing = []
    parting = []
    var earliest = Stage.count
    for (column, theirs) in zip(trace.columns, trace.rows[row].values) {
      if Diagnosis.relativeGap(theirs, run.value(column)) > tolerance {
        parting.append(column.name)
        earliest = min(earliest, Stage(column.quantity))
      } else {
        agreeing.append(column.name)
      }
    }
    stage = earliest
    hasState = trace.columns.contains {
      ![.parameters, .loss, .count].contains(Stage($0.quantity))
    }
  }

  /// The line of `optimizer`'s rule where the fault is, as the notes write it.
  public func line(of optimizer: Optimizer) -> String {
    switch stage {
    case .gradient: return "the gradient (the loss's derivative, or which points the batch holds)"
    case .firstMoment: return "the first-moment line m ← β₁·m + (1 − β₁)·g"
    case .secondMoment:
      switch optimizer {
      case .adagrad: return "the accumulator line v ← v + g²"
      case .rmsprop, .adadelta: return "the second-moment line v ← β·v + (1 − β)·g²"
      case .adamax: return "the infinity-norm line v ← max(β₂·v, |g|)"
      case .maxprop: return "the maximum line v ← max(β·v, |g|)"
      default: return "the second-moment line v ← β₂·v + (1 − β₂)·g²"
      }
    case .maximum: return "the running maximum v_max ← max(v_max, v)"
    case .accumulatedUpdate: return "the line that updates u"
    case .correction: return "the bias corrections m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)"
    case .rate: return "the rate (the step size that multiplies the direction)"
    case .parameters:
      switch optimizer {
      case .adam, .amsgrad, .adamw, .nadam:
        return "the parameter update line θ ← θ − η·m̂/(√v̂ + ε)"
      case .adamax: return "the parameter update line θ ← θ − η·m̂/(v + ε)"
      case .adagrad, .rmsprop, .maxprop:
        return "the parameter update line θ ← θ − η·g/(√v + ε)"
      default: return "the parameter update line"
      }
    case .loss: return "the loss (the parameters agree)"
    case .count: return "the step count"
    }
  }
}
