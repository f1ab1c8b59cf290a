#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keras's schedules as Keras 3 computes them
/// (keras/src/optimizers/schedules/learning_rate_schedule.py, read from the installed
/// package): functions of `optimizer.iterations` k, 0 at the first update, in the dtype of
/// `initial_learning_rate`. In the order of operations of the source:
///
///     ExponentialDecay        p = k/decay_steps (⌊p⌋ if staircase); initial·decay_rate^p
///     InverseTimeDecay        p = k/decay_steps (⌊p⌋ if staircase); initial/(1 + decay_rate·p)
///     PiecewiseConstantDecay  values[0] if k ≤ boundaries[0]; values[i] if boundaries[i−1] < k ≤
///                             boundaries[i]; values[−1] if k > boundaries[−1]
///     CosineDecay             without warm-up: k' = min(k, decay_steps); with warmup_target:
///                             k' = min(k, decay_steps + warmup_steps), and while k' < warmup_steps
///                             (warmup_target − initial)·(k'/warmup_steps) + initial; the decay
///                             from lr₀ (initial, or warmup_target after warm-up, at k' −
///                             warmup_steps): lr₀·((1 − alpha)·0.5·(1 + cos(π·(k'/decay_steps)))
///                             + alpha)
///     PolynomialDecay         T = decay_steps·max(1, ⌈k/decay_steps⌉) if cycle, else k' =
///                             min(k, decay_steps); p = k'/T;
///                             (initial − end_learning_rate)·(1 − p)^power + end_learning_rate
///
/// Note the cosine's π·(k/T) where optax computes (π·k)/T: the two round differently.
///
/// A value of this type is one schedule with its parameters read once, typed (the session's
/// η filled in where it is the default), when a ``ScheduleCursor`` is made.
enum KerasSchedule {
  case exponentialDecay(initial: Double, decay: Double, steps: Int, staircase: Bool)
  case inverseTimeDecay(initial: Double, decay: Double, steps: Int, staircase: Bool)
  case piecewiseConstantDecay(boundaries: [Int], values: [Double])
  case cosineDecay(
    initial: Double, steps: Int, alpha: Double, warmup: (target: Double, steps: Int)?)
  case polynomialDecay(initial: Double, end: Double, power: Double, steps: Int, cycle: Bool)

  /// `phase`'s parameters, with the session's η `rate` for defaults.
  init(_ phase: SchedulePhase, rate: Double) {
    switch phase.kind {
    case .kerasExponentialDecay, .inverseTimeDecay:
      let initial = phase.number("initial_learning_rate", rate)
      let decay = phase.number("decay_rate", rate)
      let steps = phase.whole("decay_steps")
      let staircase = phase.flag("staircase")
      self =
        phase.kind == .inverseTimeDecay
        ? .inverseTimeDecay(initial: initial, decay: decay, steps: steps, staircase: staircase)
        : .exponentialDecay(initial: initial, decay: decay, steps: steps, staircase: staircase)
    case .piecewiseConstantDecay:
      guard case .wholes(let boundaries)? = phase.value("boundaries", rate: rate),
        case .numbers(let values)? = phase.value("values", rate: rate)
      else { preconditionFailure("checked when the schedule was made") }
      self = .piecewiseConstantDecay(boundaries: boundaries, values: values)
    case .cosineDecay:
      var warmup: (target: Double, steps: Int)? = nil
      if case .number(let target)? = phase.value("warmup_target", rate: rate) {
        warmup = (target, phase.whole("warmup_steps"))
      }
      self = .cosineDecay(
        initial: phase.number("initial_learning_rate", rate), steps: phase.whole("decay_steps"),
        alpha: phase.number("alpha", rate), warmup: warmup)
    case .polynomialDecay:
      self = .polynomialDecay(
        initial: phase.number("initial_learning_rate", rate),
        end: phase.number("end_learning_rate", rate), power: phase.number("power", rate),
        steps: phase.whole("decay_steps"), cycle: phase.flag("cycle"))
    default: preconditionFailure("\(phase.kind.rawValue) is not a Keras schedule")
    }
  }

  /// η at `optimizer.iterations` `k` (from 0).
  @inline(__always)
  func value(_ k: Int) -> Double {
    let step = Double(k)
    switch self {
    case .exponentialDecay(let initial, let decay, let steps, let staircase):
      var p = step / Double(steps)
      if staircase { p = p.rounded(.down) }
      return initial * pow(decay, p)
    case .inverseTimeDecay(let initial, let decay, let steps, let staircase):
      var p = step / Double(steps)
      if staircase { p = p.rounded(.down) }
      return initial / (1 + decay * p)
    case .piecewiseConstantDecay(let boundaries, let values):
      let index = boundaries.firstIndex { k <= $0 } ?? boundaries.count
      return values[index]
    case .cosineDecay(let initial, let steps, let alpha, let warmupPhase):
      let decaySteps = Double(steps)
      guard let (target, warmupSteps) = warmupPhase else {
        return Self.decay(Swift.min(step, decaySteps), decaySteps, initial, alpha)
      }
      let warmup = Double(warmupSteps)
      let clipped = Swift.min(step, decaySteps + warmup)
      guard clipped >= warmup else {
        return (target - initial) * (clipped / warmup) + initial
      }
      return Self.decay(clipped - warmup, decaySteps, target, alpha)
    case .polynomialDecay(let initial, let end, let power, let stepCount, let cycle):
      let steps = Double(stepCount)
      var total = steps
      var clipped = step
      if cycle {
        total = steps * (step == 0 ? 1 : (step / steps).rounded(.up))
      } else {
        clipped = Swift.min(step, steps)
      }
      let p = clipped / total
      return (initial - end) * pow(1 - p, power) + end
    }
  }

  /// CosineDecay's `_decay_function`: lr₀·((1 − alpha)·0.5·(1 + cos(π·(k/T))) + alpha).
  @inline(__always)
  private static func decay(_ k: Double, _ steps: Double, _ from: Double, _ alpha: Double)
    -> Double
  {
    let fraction = k / steps
    let cosine = 0.5 * (1.0 + cos(Double.pi * fraction))
    return from * ((1 - alpha) * cosine + alpha)
  }
}
