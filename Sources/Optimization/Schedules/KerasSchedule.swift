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
enum KerasSchedule {
  /// η at `optimizer.iterations` `k` (from 0), with the session's η `rate` for defaults.
  static func value(_ phase: SchedulePhase, _ k: Int, rate: Double) -> Double {
    let step = Double(k)
    switch phase.kind {
    case .kerasExponentialDecay, .inverseTimeDecay:
      let initial = phase.number("initial_learning_rate", rate)
      let decay = phase.number("decay_rate", rate)
      var p = step / Double(phase.whole("decay_steps"))
      if phase.flag("staircase") { p = p.rounded(.down) }
      return phase.kind == .inverseTimeDecay
        ? initial / (1 + decay * p) : initial * pow(decay, p)
    case .piecewiseConstantDecay:
      guard case .wholes(let boundaries)? = phase.value("boundaries", rate: rate),
        case .numbers(let values)? = phase.value("values", rate: rate)
      else { preconditionFailure("checked when the schedule was made") }
      let index = boundaries.firstIndex { k <= $0 } ?? boundaries.count
      return values[index]
    case .cosineDecay:
      let initial = phase.number("initial_learning_rate", rate)
      let decaySteps = Double(phase.whole("decay_steps"))
      let alpha = phase.number("alpha", rate)
      guard case .number(let target)? = phase.value("warmup_target", rate: rate) else {
        return decay(Swift.min(step, decaySteps), decaySteps, initial, alpha)
      }
      let warmup = Double(phase.whole("warmup_steps"))
      let clipped = Swift.min(step, decaySteps + warmup)
      guard clipped >= warmup else {
        return (target - initial) * (clipped / warmup) + initial
      }
      return decay(clipped - warmup, decaySteps, target, alpha)
    case .polynomialDecay:
      let initial = phase.number("initial_learning_rate", rate)
      let end = phase.number("end_learning_rate", rate)
      let power = phase.number("power", rate)
      let steps = Double(phase.whole("decay_steps"))
      var total = steps
      var clipped = step
      if phase.flag("cycle") {
        total = steps * (step == 0 ? 1 : (step / steps).rounded(.up))
      } else {
        clipped = Swift.min(step, steps)
      }
      let p = clipped / total
      return (initial - end) * pow(1 - p, power) + end
    default: preconditionFailure("\(phase.kind.rawValue) is not a Keras schedule")
    }
  }

  /// CosineDecay's `_decay_function`: lr₀·((1 − alpha)·0.5·(1 + cos(π·(k/T))) + alpha).
  private static func decay(_ k: Double, _ steps: Double, _ from: Double, _ alpha: Double)
    -> Double
  {
    let fraction = k / steps
    let cosine = 0.5 * (1.0 + cos(Double.pi * fraction))
    return from * ((1 - alpha) * cosine + alpha)
  }
}
