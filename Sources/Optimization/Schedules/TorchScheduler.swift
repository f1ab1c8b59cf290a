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
/// value after construction is ``initial(_:_:)`` and each step gives ``next(_:_:_:)``:
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
/// restarts that scheduler with its *closed form* at 0 (``closedFormAtStart(_:_:)``), as
/// `_update_lr(0)` does.
enum TorchScheduler {
  /// `group["lr"]` right after the scheduler is constructed (its `_initial_step`), with the
  /// optimizer's lr at `rate`.
  static func initial(_ phase: SchedulePhase, _ rate: Double) -> Double {
    switch phase.kind {
    case .linearLR: return rate * phase.number("start_factor", rate)
    case .oneCycleLR: return oneCycle(phase, step: 0)
    default: return rate
    }
  }

  /// `group["lr"]` after the step that brings `last_epoch` to `k` ≥ 1, from `lr` before it.
  static func next(_ phase: SchedulePhase, _ lr: Double, _ k: Int, base rate: Double) -> Double {
    switch phase.kind {
    case .stepLR:
      let gamma = phase.number("gamma", rate)
      return k % phase.whole("step_size") != 0 ? lr : lr * gamma
    case .multiStepLR:
      guard case .wholes(let milestones)? = phase.value("milestones", rate: rate) else {
        return lr
      }
      let n = milestones.filter { $0 == k }.count
      return n == 0 ? lr : lr * pow(phase.number("gamma", rate), Double(n))
    case .exponentialLR: return lr * phase.number("gamma", rate)
    case .cosineAnnealingLR:
      let tMax = Double(phase.whole("T_max"))
      let etaMin = phase.number("eta_min", rate)
      let period = 2 * phase.whole("T_max")
      if ((k - 1 - phase.whole("T_max")) % period + period) % period == 0 {
        return lr + (rate - etaMin) * (1 - cos(Double.pi / tMax)) / 2
      }
      return (1 + cos(Double.pi * Double(k) / tMax))
        / (1 + cos(Double.pi * Double(k - 1) / tMax)) * (lr - etaMin) + etaMin
    case .linearLR:
      let total = phase.whole("total_iters")
      guard k <= total else { return lr }
      let start = phase.number("start_factor", rate)
      let end = phase.number("end_factor", rate)
      return lr * (1.0 + (end - start) / (Double(total) * start + Double(k - 1) * (end - start)))
    case .oneCycleLR: return oneCycle(phase, step: k)
    default: preconditionFailure("\(phase.kind.rawValue) is not a PyTorch scheduler")
    }
  }

  /// `_get_closed_form_lr()` at `last_epoch` 0: what a scheduler of a `SequentialLR` starts
  /// from at its milestone.
  static func closedFormAtStart(_ phase: SchedulePhase, _ rate: Double) -> Double {
    switch phase.kind {
    case .stepLR, .exponentialLR: return rate * pow(phase.number("gamma", rate), 0)
    case .multiStepLR: return rate * pow(phase.number("gamma", rate), 0)
    case .cosineAnnealingLR:
      let etaMin = phase.number("eta_min", rate)
      let tMax = Double(phase.whole("T_max"))
      return etaMin + (rate - etaMin) * (1 + cos(Double.pi * 0 / tMax)) / 2
    case .linearLR:
      let start = phase.number("start_factor", rate)
      let end = phase.number("end_factor", rate)
      let total = phase.whole("total_iters")
      return rate * (start + (end - start) * Double(min(total, 0)) / Double(total))
    case .oneCycleLR: return oneCycle(phase, step: 0)
    default: preconditionFailure("\(phase.kind.rawValue) is not a PyTorch scheduler")
    }
  }

  /// OneCycleLR's `get_lr()` at step `k`; past `total_steps` (where torch raises) it keeps
  /// the value at `total_steps`.
  static func oneCycle(_ phase: SchedulePhase, step k: Int) -> Double {
    let maxRate = phase.number("max_lr", 0)
    let initial = maxRate / phase.number("div_factor", 0)
    let minimum = initial / phase.number("final_div_factor", 0)
    return oneCycle(
      phase, step: k, three: [(initial, maxRate), (maxRate, initial), (initial, minimum)],
      two: [(initial, maxRate), (maxRate, minimum)])
  }

  /// OneCycleLR's momentum with `cycle_momentum=True`: against the lr, max_momentum down to
  /// base_momentum while the lr rises, back up while it falls (and max_momentum through the
  /// third phase), annealed like the lr. torch writes it into Adam's `betas[0]` at every
  /// step, from the scheduler's construction on.
  static func oneCycleMomentum(_ phase: SchedulePhase, step k: Int) -> Double {
    let base = phase.number("base_momentum", 0)
    let top = phase.number("max_momentum", 0)
    return oneCycle(
      phase, step: k, three: [(top, base), (base, top), (top, top)],
      two: [(top, base), (base, top)])
  }

  /// The annealing of OneCycleLR's phases from `from` to `to`, `three` or `two` of them.
  private static func oneCycle(
    _ phase: SchedulePhase, step k: Int, three: [(from: Double, to: Double)],
    two: [(from: Double, to: Double)]
  ) -> Double {
    let total = phase.whole("total_steps")
    let step = Double(min(k, total))
    let pct = phase.number("pct_start", 0)
    let ends =
      phase.flag("three_phase")
      ? [pct * Double(total) - 1, 2 * pct * Double(total) - 2, Double(total) - 1]
      : [pct * Double(total) - 1, Double(total) - 1]
    let values = phase.flag("three_phase") ? three : two
    let phases = zip(ends, values).map { (end: $0, from: $1.from, to: $1.to) }
    let cosine = phase.value("anneal_strategy", rate: 0) == .word("cos")
    var start = 0.0
    for (i, p) in phases.enumerated() {
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
