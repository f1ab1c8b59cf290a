/// What PyTorch's `ReduceLROnPlateau` remembers between calls of `scheduler.step(metric)`:
/// the lr it has set, the best metric so far, the bad epochs since, and the cooldown left.
///
/// Kept in the ``OptimizerState``, so that checkpoints, `back` and `undo` restore it exactly.
/// As torch 2.x computes it (torch/optim/lr_scheduler.py), for mode `min` with threshold τ:
///
///     better = metric < best·(1 − τ)    (threshold_mode rel)   or   metric < best − τ   (abs)
///     (mode max: metric > best·(1 + τ), or metric > best + τ)
///     better: best = metric, bad = 0; else bad += 1
///     in cooldown (counter > 0): counter −= 1, bad = 0
///     bad > patience: new = max(lr·factor, min_lr); lr = new if lr − new > eps;
///                     counter = cooldown, bad = 0
///
/// The metric is the total training loss (what `show loss` prints) after each epoch, or
/// after each update when counted per update.
public struct PlateauState: Equatable, Sendable {
  /// The lr the scheduler has set: the η of the next update.
  public internal(set) var learningRate: Double
  /// The best metric seen (+∞ before any, in mode min).
  public internal(set) var best: Double
  public internal(set) var badEpochs: Int
  public internal(set) var cooldownCounter: Int
  /// The schedule's ``LearningRateSchedule/startsAfter`` and the η it started from: a new
  /// schedule, or a new η under it, starts the scheduler afresh.
  let startsAfter: Int
  let base: Double

  init(_ phase: SchedulePhase, base: Double, startsAfter: Int) {
    learningRate = base
    best = phase.value("mode", rate: 0) == .word("max") ? -Double.infinity : Double.infinity
    badEpochs = 0
    cooldownCounter = 0
    self.startsAfter = startsAfter
    self.base = base
  }

  /// `scheduler.step(metric)`.
  mutating func step(_ metric: Double, _ phase: SchedulePhase) {
    let threshold = phase.number("threshold", 0)
    let relative = phase.value("threshold_mode", rate: 0) == .word("rel")
    let better: Bool
    if phase.value("mode", rate: 0) == .word("max") {
      better = relative ? metric > best * (threshold + 1.0) : metric > best + threshold
    } else {
      better = relative ? metric < best * (1.0 - threshold) : metric < best - threshold
    }
    if better {
      best = metric
      badEpochs = 0
    } else {
      badEpochs += 1
    }
    if cooldownCounter > 0 {
      cooldownCounter -= 1
      badEpochs = 0
    }
    if badEpochs > phase.whole("patience") {
      let reduced = Swift.max(learningRate * phase.number("factor", 0), phase.number("min_lr", 0))
      if learningRate - reduced > phase.number("eps", 0) { learningRate = reduced }
      cooldownCounter = phase.whole("cooldown")
      badEpochs = 0
    }
  }
}
