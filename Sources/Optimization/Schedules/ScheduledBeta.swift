/// A decay rate that a schedule may drive instead of η: the notes' β₁ (m's decay) and β₂
/// (v's decay), under the one library that has such a thing.
///
/// optax's `inject_hyperparams(optax.adam)(b1=…, b2=schedule)` evaluates the schedule at its
/// own count k (0 at the first update) and hands the value βₖ to `scale_by_adam`, which both
/// decays with it, v ← β₂ₖ·v + (1 − β₂ₖ)·g², and corrects with it raised to Adam's count:
/// v̂ = v/(1 − β₂ₖᵗ), t = k + 1, the current β to the power t, not a product of past βs.
/// PyTorch's `torch.optim.lr_scheduler` and Keras's `keras.optimizers.schedules` schedule
/// the learning rate only.
public enum ScheduledBeta: String, CaseIterable, Equatable, Hashable, Sendable {
  case beta1
  case beta2

  /// β₁ or β₂.
  public var symbol: String { self == .beta1 ? "β₁" : "β₂" }

  /// optax's name for it: `b1` or `b2`.
  public var optaxName: String { self == .beta1 ? "b1" : "b2" }

  /// The setting the schedule replaces.
  public var setting: Setting { self == .beta1 ? .beta1 : .beta2 }

  /// Its value in `h`.
  public func value(in h: Hyperparameters) -> Double {
    self == .beta1 ? h.beta1 : h.beta2
  }

  /// Why `schedule` cannot drive this β of `optimizer` under `convention`, or nil.
  public func refusal(
    of schedule: LearningRateSchedule, for optimizer: Optimizer, under convention: Convention
  ) -> String? {
    // An optimizer without this β in any convention is refused as such, not sent to optax.
    guard
      Convention.allCases.contains(where: {
        Setting.applicable(to: optimizer, convention: $0).contains(setting)
      })
    else {
      return "expected an optimizer with \(rawValue), found \(optimizer.rawValue)"
    }
    switch convention {
    case .pytorch:
      return
        "pytorch has no schedule for \(rawValue): torch.optim.lr_scheduler sets lr only; use \(optimizer.rawValue):optax (inject_hyperparams)"
    case .keras:
      return
        "keras has no schedule for \(rawValue): keras.optimizers.schedules set learning_rate only; use \(optimizer.rawValue):optax (inject_hyperparams)"
    case .lecture:
      return
        "the notes have no schedule for \(rawValue): use \(optimizer.rawValue):optax (inject_hyperparams)"
    case .optax: break
    }
    guard Setting.applicable(to: optimizer, convention: convention).contains(setting) else {
      return "expected an optimizer with \(rawValue), found \(optimizer.rawValue)"
    }
    guard schedule.library == .optax else {
      return
        "expected an optax schedule for \(rawValue) (inject_hyperparams), found \(schedule.phases[0].kind.rawValue) (\(schedule.library.module))"
    }
    return nil
  }
}
