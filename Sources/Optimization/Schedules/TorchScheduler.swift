#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// PyTorch's schedulers as torch 2.x computes them (torch/optim/lr_scheduler.py, read from
/// the installed package): most are *chainable*, each `scheduler.step()` multiplying the
/// optimizer's current `group["lr"]` rather than evaluating a closed form, so adalab
/// carries the same recursion, operation for operation, to land on the same bits.
///
/// With η the optimizer's lr when the scheduler was made (`initial_lr`, `base_lr`) and k
/// the scheduler's `last_epoch` (0 after construction, +1 per `scheduler.step()`), the
/// value after construction is ``initial(_:)`` and each step gives ``next(_:_:base:)``:
///
///     StepLR             lr·gamma when k % step_size == 0, else lr
///     MultiStepLR        lr·gamma^n when k is a milestone n times, else lr
///     ExponentialLR      lr·gamma
///     CosineAnnealingLR  (1 + cos(π·k/T_max))/(1 + cos(π·(k − 1)/T_max))·(lr − eta_min) + eta_min,
///                        or lr + (η − eta_min)·(1 − cos(π/T_max))/2 when (k − 1 − T_max) % (2·T_max) == 0
///     LinearLR           η·start_factor at k = 0; lr·(1 + (end − start)/(total_iters·start
///                        + (k − 1)·(end − start))) while k ≤ total_iters; lr after
///     OneCycleLR         not chainable: phase i from s₀ to s₁ with pct = (k − s₀)/(s₁ − s₀),
///                        cos: end + (start − end)/2·(cos(π·pct) + 1), linear: (end − start)·pct + start
///                        (initial_lr = max_lr/div_factor, min_lr = initial_lr/final_div_factor)
///
/// `SequentialLR(schedulers, milestones)` resets lr to η, lets the first scheduler make its
/// initial step, and on each step k runs the scheduler whose span holds k; at a milestone it
/// restarts that scheduler with its *closed form* at 0 (``closedFormAtStart(_:)``), as
/// `_update_lr(0)` does.
///
/// A value of this type is one scheduler with its parameters read once, typed, when a
/// ``ScheduleCursor`` is made: a run's update reads no parameter by name.
enum TorchScheduler {
  case stepLR(gamma: Double, stepSize: Int)
  case multiStepLR(gamma: Double, milestones: [Int])
  case exponentialLR(gamma: Double)
  case cosineAnnealingLR(tMax: Int, etaMin: Double)
  case linearLR(start: Double, end: Double, total: Int)
  case oneCycleLR(OneCycle)

  /// OneCycleLR's phases, each ending at step `end` and going from `from` to `to`.
  struct OneCycle {
    let total: Int
    let phases: [(end: Double, from: Double, to: Double)]
    let cosine: Bool
  }

  /// `phase`'s parameters, defaults filled in with the optimizer's lr `rate`.
  init(_ phase: SchedulePhase, base rate: Double) {
    switch phase.kind {
    case .stepLR:
      self = .stepLR(gamma: phase.number("gamma", rate), stepSize: phase.whole("step_size"))
    case .multiStepLR:
      guard case .wholes(let milestones)? = phase.value("milestones", rate: rate) else {
        preconditionFailure("MultiStepLR's milestones are required")
      }
      self = .multiStepLR(gamma: phase.number("gamma", rate), milestones: milestones)
    case .exponentialLR: self = .exponentialLR(gamma: phase.number("gamma", rate))
    case .cosineAnnealingLR:
      self = .cosineAnnealingLR(tMax: phase.whole("T_max"), etaMin: phase.number("eta_min", rate))
    case .linearLR:
      self = .linearLR(
        start: phase.number("start_factor", rate), end: phase.number("end_factor", rate),
        total: phase.whole("total_iters"))
    case .oneCycleLR: self = .oneCycleLR(OneCycle.learningRate(phase))
    default: preconditionFailure("\(phase.kind.rawValue) is not a PyTorch scheduler")
    }
  }

  /// `group["lr"]` right after the scheduler is constructed (its `_initial_step`), with the
  /// optimizer's lr at `rate`.
  func initial(_ rate: Double) -> Double {
    switch self {
    case .linearLR(let start, _, _): return rate * start
    case .oneCycleLR(let cycle): return cycle.rate(step: 0)
    default: return rate
    }
  }

  /// `group["lr"]` after the step that brings `last_epoch` to `k` ≥ 1, from `lr` before it.
  @inline(__always)
  func next(_ lr: Double, _ k: Int, base rate: Double) -> Double {
    switch self {
    case .stepLR(let gamma, let stepSize):
      return k % stepSize != 0 ? lr : lr * gamma
    case .multiStepLR(let gamma, let milestones):
      var n = 0
      for milestone in milestones where milestone == k { n += 1 }
      return n == 0 ? lr : lr * pow(gamma, Double(n))
    case .exponentialLR(let gamma): return lr * gamma
    case .cosineAnnealingLR(let whole, let etaMin):
      let tMax = Double(whole)
      let period = 2 * whole
      if ((k - 1 - whole) % period + period) % period == 0 {
        return lr + (rate - etaMin) * (1 - cos(Double.pi / tMax)) / 2
      }
      return (1 + cos(Double.pi * Double(k) / tMax))
        / (1 + cos(Double.pi * Double(k - 1) / tMax)) * (lr - etaMin) + etaMin
    case .linearLR(let start, let end, let total):
      guard k <= total else { return lr }
      return lr * (1.0 + (end - start) / (Double(total) * start + Double(k - 1) * (end - start)))
    case .oneCycleLR(let cycle): return cycle.rate(step: k)
    }
  }

  /// `_get_closed_form_lr()` at `last_epoch` 0: what a scheduler of a `SequentialLR` starts
  /// from at its milestone.
  func closedFormAtStart(_ rate: Double) -> Double {
    switch self {
    case .stepLR(let gamma, _), .exponentialLR(let gamma), .multiStepLR(let gamma, _):
      return rate * pow(gamma, 0)
    case .cosineAnnealingLR(let whole, let etaMin):
      let tMax = Double(whole)
      return etaMin + (rate - etaMin) * (1 + cos(Double.pi * 0 / tMax)) / 2
    case .linearLR(let start, let end, let total):
      return rate * (start + (end - start) * Double(min(total, 0)) / Double(total))
    case .oneCycleLR(let cycle): return cycle.rate(step: 0)
    }
  }
}

extension TorchScheduler.OneCycle {
  /// OneCycleLR's `get_lr()` at step `k`; past `total_steps` (where torch raises) it keeps
  /// the value at `total_steps`.
  @inline(__always)
  func rate(step k: Int) -> Double {
    let step = Double(min(k, total))
    var start = 0.0
    for i in phases.indices {
      let p = phases[i]
      if step <= p.end || i == phases.count - 1 {
        let fraction = (step - start) / (p.end - start)
        return cosine
          ? p.to + (p.from - p.to) / 2.0 * (cos(Double.pi * fraction) + 1)
          : (p.to - p.from) * fraction + p.from
      }
      start = p.end
    }
    preconditionFailure("unreachable")
  }
}

extension TorchScheduler.OneCycle {
  /// OneCycleLR's lr: initial = max_lr/div_factor up to max_lr, then down to initial (three
  /// phases) and to initial/final_div_factor.
  static func learningRate(_ phase: SchedulePhase) -> Self {
    let maxRate = phase.number("max_lr", 0)
    let initial = maxRate / phase.number("div_factor", 0)
    let minimum = initial / phase.number("final_div_factor", 0)
    return Self(
      phase, three: [(initial, maxRate), (maxRate, initial), (initial, minimum)],
      two: [(initial, maxRate), (maxRate, minimum)])
  }

  /// OneCycleLR's momentum with `cycle_momentum=True`: against the lr, max_momentum down to
  /// base_momentum while the lr rises, back up while it falls (and max_momentum through the
  /// third phase), annealed like the lr. torch writes it into Adam's `betas[0]` at every
  /// step, from the scheduler's construction on (``BetaCursors``).
  static func momentum(_ phase: SchedulePhase) -> Self {
    let base = phase.number("base_momentum", 0)
    let top = phase.number("max_momentum", 0)
    return Self(
      phase, three: [(top, base), (base, top), (top, top)], two: [(top, base), (base, top)])
  }

  /// `phase`'s steps and annealing, moving through `three` or `two` (from, to) pairs.
  private init(
    _ phase: SchedulePhase, three: [(from: Double, to: Double)],
    two: [(from: Double, to: Double)]
  ) {
    let total = phase.whole("total_steps")
    let pct = phase.number("pct_start", 0)
    let ends =
      phase.flag("three_phase")
      ? [pct * Double(total) - 1, 2 * pct * Double(total) - 2, Double(total) - 1]
      : [pct * Double(total) - 1, Double(total) - 1]
    let values = phase.flag("three_phase") ? three : two
    self.init(
      total: total, phases: zip(ends, values).map { (end: $0, from: $1.from, to: $1.to) },
      cosine: phase.value("anneal_strategy", rate: 0) == .word("cos"))
  }
}
