#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// optax's schedules as optax 0.2.x computes them (optax/schedules/_schedule.py and
/// _join.py, read from the installed package): functions of the optimizer's update count
/// k, 0 at the first update. In the order of operations of the source:
///
///     exponential_decay         d = k − transition_begin; p = d/transition_steps (⌊p⌋ if staircase);
///                               init_value if d ≤ 0, else init_value·decay_rate^p, then
///                               max(·, end_value) when decay_rate < 1 (min otherwise)
///     cosine_decay_schedule     k' = min(k, decay_steps); c = 0.5·(1 + cos(π·k'/decay_steps));
///                               init_value·((1 − alpha)·c^exponent + alpha)
///     polynomial_schedule       k' = clip(k − transition_begin, 0, transition_steps);
///                               (init_value − end_value)·(1 − k'/transition_steps)^power + end_value
///     linear_schedule           polynomial_schedule with power 1
///     piecewise_constant_schedule  v = init_value; for each (boundary, scale) in order:
///                               v·scale once k ≥ boundary
///     warmup_cosine_decay_schedule  join_schedules([linear_schedule(init_value, peak_value,
///                               warmup_steps), cosine_decay_schedule(peak_value, decay_steps −
///                               warmup_steps, alpha = end_value/peak_value (0 if peak is 0),
///                               exponent)], [warmup_steps]): the second at k − warmup_steps once
///                               k ≥ warmup_steps
///
/// A `transition_steps` ≤ 0 (or exponential_decay's decay_rate 0) makes optax's schedule the
/// constant init_value, and so here.
enum OptaxSchedule {
  /// η at update count `k` (from 0), with the session's η `rate` for defaults.
  static func value(_ phase: SchedulePhase, _ k: Int, rate: Double) -> Double {
    let count = Double(k)
    switch phase.kind {
    case .exponentialDecay:
      let initial = phase.number("init_value", rate)
      let steps = phase.whole("transition_steps")
      let decay = phase.number("decay_rate", rate)
      guard steps > 0, decay != 0 else { return initial }
      let decreased = count - Double(phase.whole("transition_begin"))
      var p = decreased / Double(steps)
      if phase.flag("staircase") { p = p.rounded(.down) }
      var value = decreased <= 0 ? initial : initial * pow(decay, p)
      if case .number(let end)? = phase.value("end_value", rate: rate) {
        value = decay < 1 ? Swift.max(value, end) : Swift.min(value, end)
      }
      return value
    case .cosineDecaySchedule:
      return cosine(
        phase.number("init_value", rate), Double(phase.whole("decay_steps")),
        phase.number("alpha", rate), phase.number("exponent", rate), count)
    case .polynomialSchedule:
      return polynomial(
        phase.number("init_value", rate), phase.number("end_value", rate),
        phase.number("power", rate), phase.whole("transition_steps"),
        phase.whole("transition_begin"), k)
    case .linearSchedule:
      return polynomial(
        phase.number("init_value", rate), phase.number("end_value", rate), 1,
        phase.whole("transition_steps"), phase.whole("transition_begin"), k)
    case .piecewiseConstantSchedule:
      var v = phase.number("init_value", rate)
      if case .boundaries(let list)? = phase.value("boundaries_and_scales", rate: rate) {
        for b in list where k >= b.count { v = b.scale * v }
      }
      return v
    case .warmupCosineDecaySchedule:
      let peak = phase.number("peak_value", rate)
      let end = phase.number("end_value", rate)
      let warmup = phase.whole("warmup_steps")
      guard k >= warmup else {
        return polynomial(phase.number("init_value", rate), peak, 1, warmup, 0, k)
      }
      let alpha = peak == 0 ? 0 : end / peak
      return cosine(
        peak, Double(phase.whole("decay_steps") - warmup), alpha,
        phase.number("exponent", rate), Double(k - warmup))
    default: preconditionFailure("\(phase.kind.rawValue) is not an optax schedule")
    }
  }

  /// polynomial_schedule: (init − end)·(1 − k'/steps)^power + end.
  private static func polynomial(
    _ initial: Double, _ end: Double, _ power: Double, _ steps: Int, _ begin: Int, _ k: Int
  ) -> Double {
    guard steps > 0 else { return initial }
    let count = Double(Swift.min(Swift.max(k - begin, 0), steps))
    let fraction = 1 - count / Double(steps)
    return (initial - end) * pow(fraction, power) + end
  }

  /// cosine_decay_schedule: init·((1 − alpha)·(0.5·(1 + cos(π·k'/T)))^exponent + alpha).
  private static func cosine(
    _ initial: Double, _ steps: Double, _ alpha: Double, _ exponent: Double, _ count: Double
  ) -> Double {
    let k = Swift.min(count, steps)
    let decay = 0.5 * (1 + cos(Double.pi * k / steps))
    return initial * ((1 - alpha) * pow(decay, exponent) + alpha)
  }
}
