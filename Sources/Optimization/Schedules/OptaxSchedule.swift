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
///
/// A value of this type is one schedule with its parameters read once, typed (the session's
/// η filled in where it is the default), when a ``ScheduleCursor`` is made.
enum OptaxSchedule {
  case exponentialDecay(
    initial: Double, steps: Int, decay: Double, begin: Int, staircase: Bool, end: Double?)
  case cosineDecay(initial: Double, steps: Int, alpha: Double, exponent: Double)
  case polynomial(initial: Double, end: Double, power: Double, steps: Int, begin: Int)
  case piecewiseConstant(initial: Double, boundaries: [ScheduleValue.Boundary])
  case warmupCosineDecay(
    initial: Double, peak: Double, end: Double, warmup: Int, steps: Int, exponent: Double)

  /// `phase`'s parameters, with the session's η `rate` for defaults.
  init(_ phase: SchedulePhase, rate: Double) {
    switch phase.kind {
    case .exponentialDecay:
      var end: Double? = nil
      if case .number(let value)? = phase.value("end_value", rate: rate) { end = value }
      self = .exponentialDecay(
        initial: phase.number("init_value", rate), steps: phase.whole("transition_steps"),
        decay: phase.number("decay_rate", rate), begin: phase.whole("transition_begin"),
        staircase: phase.flag("staircase"), end: end)
    case .cosineDecaySchedule:
      self = .cosineDecay(
        initial: phase.number("init_value", rate), steps: phase.whole("decay_steps"),
        alpha: phase.number("alpha", rate), exponent: phase.number("exponent", rate))
    case .polynomialSchedule:
      self = .polynomial(
        initial: phase.number("init_value", rate), end: phase.number("end_value", rate),
        power: phase.number("power", rate), steps: phase.whole("transition_steps"),
        begin: phase.whole("transition_begin"))
    case .linearSchedule:
      self = .polynomial(
        initial: phase.number("init_value", rate), end: phase.number("end_value", rate),
        power: 1, steps: phase.whole("transition_steps"), begin: phase.whole("transition_begin"))
    case .piecewiseConstantSchedule:
      var boundaries: [ScheduleValue.Boundary] = []
      if case .boundaries(let list)? = phase.value("boundaries_and_scales", rate: rate) {
        boundaries = list
      }
      self = .piecewiseConstant(initial: phase.number("init_value", rate), boundaries: boundaries)
    case .warmupCosineDecaySchedule:
      self = .warmupCosineDecay(
        initial: phase.number("init_value", rate), peak: phase.number("peak_value", rate),
        end: phase.number("end_value", rate), warmup: phase.whole("warmup_steps"),
        steps: phase.whole("decay_steps"), exponent: phase.number("exponent", rate))
    default: preconditionFailure("\(phase.kind.rawValue) is not an optax schedule")
    }
  }

  /// η at update count `k` (from 0).
  @inline(__always)
  func value(_ k: Int) -> Double {
    let count = Double(k)
    switch self {
    case .exponentialDecay(let initial, let steps, let decay, let begin, let staircase, let end):
      guard steps > 0, decay != 0 else { return initial }
      let decreased = count - Double(begin)
      var p = decreased / Double(steps)
      if staircase { p = p.rounded(.down) }
      var value = decreased <= 0 ? initial : initial * pow(decay, p)
      if let end {
        value = decay < 1 ? Swift.max(value, end) : Swift.min(value, end)
      }
      return value
    case .cosineDecay(let initial, let steps, let alpha, let exponent):
      return Self.cosine(initial, Double(steps), alpha, exponent, count)
    case .polynomial(let initial, let end, let power, let steps, let begin):
      return Self.polynomial(initial, end, power, steps, begin, k)
    case .piecewiseConstant(let initial, let boundaries):
      var v = initial
      for b in boundaries where k >= b.count { v = b.scale * v }
      return v
    case .warmupCosineDecay(let initial, let peak, let end, let warmup, let steps, let exponent):
      guard k >= warmup else {
        return Self.polynomial(initial, peak, 1, warmup, 0, k)
      }
      let alpha = peak == 0 ? 0 : end / peak
      return Self.cosine(peak, Double(steps - warmup), alpha, exponent, Double(k - warmup))
    }
  }

  /// polynomial_schedule: (init − end)·(1 − k'/steps)^power + end. x¹ is x itself (glibc's
  /// `pow` is within 1 ulp, and x is exact), so `pow` is called only for another power.
  @inline(__always)
  private static func polynomial(
    _ initial: Double, _ end: Double, _ power: Double, _ steps: Int, _ begin: Int, _ k: Int
  ) -> Double {
    guard steps > 0 else { return initial }
    let count = Double(Swift.min(Swift.max(k - begin, 0), steps))
    let fraction = 1 - count / Double(steps)
    return (initial - end) * (power == 1 ? fraction : pow(fraction, power)) + end
  }

  /// cosine_decay_schedule: init·((1 − alpha)·(0.5·(1 + cos(π·k'/T)))^exponent + alpha),
  /// with `pow` skipped for the exponent 1 as in ``polynomial(_:_:_:_:_:_:)``.
  @inline(__always)
  private static func cosine(
    _ initial: Double, _ steps: Double, _ alpha: Double, _ exponent: Double, _ count: Double
  ) -> Double {
    let k = Swift.min(count, steps)
    let decay = 0.5 * (1 + cos(Double.pi * k / steps))
    return initial * ((1 - alpha) * (exponent == 1 ? decay : pow(decay, exponent)) + alpha)
  }
}
