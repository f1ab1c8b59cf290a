/// The learning-rate schedules adalab runs, each named as its library spells it, with its
/// parameters as the library's signature names and defaults them.
///
/// This is the one catalog: `help schedule`, completion and did-you-mean derive from
/// ``allCases``, ``parameters`` and ``summary``. The formulas are in ``TorchScheduler``,
/// ``OptaxSchedule`` and ``KerasSchedule``.
public enum ScheduleKind: String, CaseIterable, Sendable {
  // torch.optim.lr_scheduler
  case stepLR = "StepLR"
  case multiStepLR = "MultiStepLR"
  case exponentialLR = "ExponentialLR"
  case cosineAnnealingLR = "CosineAnnealingLR"
  case linearLR = "LinearLR"
  case oneCycleLR = "OneCycleLR"
  case reduceLROnPlateau = "ReduceLROnPlateau"
  // optax.schedules
  case exponentialDecay = "exponential_decay"
  case cosineDecaySchedule = "cosine_decay_schedule"
  case warmupCosineDecaySchedule = "warmup_cosine_decay_schedule"
  case linearSchedule = "linear_schedule"
  case piecewiseConstantSchedule = "piecewise_constant_schedule"
  case polynomialSchedule = "polynomial_schedule"
  // keras.optimizers.schedules
  case kerasExponentialDecay = "ExponentialDecay"
  case inverseTimeDecay = "InverseTimeDecay"
  case piecewiseConstantDecay = "PiecewiseConstantDecay"
  case cosineDecay = "CosineDecay"
  case polynomialDecay = "PolynomialDecay"

  /// The library whose schedule this is.
  public enum Library: String, Sendable {
    case pytorch, optax, keras

    /// Where its schedules live.
    public var module: String {
      switch self {
      case .pytorch: return "torch.optim.lr_scheduler"
      case .optax: return "optax.schedules"
      case .keras: return "keras.optimizers.schedules"
      }
    }
  }

  public var library: Library {
    switch self {
    case .stepLR, .multiStepLR, .exponentialLR, .cosineAnnealingLR, .linearLR, .oneCycleLR,
      .reduceLROnPlateau:
      return .pytorch
    case .exponentialDecay, .cosineDecaySchedule, .warmupCosineDecaySchedule, .linearSchedule,
      .piecewiseConstantSchedule, .polynomialSchedule:
      return .optax
    case .kerasExponentialDecay, .inverseTimeDecay, .piecewiseConstantDecay, .cosineDecay,
      .polynomialDecay:
      return .keras
    }
  }

  /// The counting the kind takes when none is typed: PyTorch's documentation steps its
  /// schedulers once per epoch, except OneCycleLR, which its documentation steps after
  /// every batch; optax and Keras count updates only.
  public var defaultCounting: ScheduleCounting {
    library == .pytorch && self != .oneCycleLR ? .perEpoch : .perUpdate
  }

  /// One line: what the schedule does to η.
  public var summary: String {
    switch self {
    case .stepLR: return "η·gamma^⌊k/step_size⌋: drop by gamma every step_size counts"
    case .multiStepLR: return "η·gamma^(milestones passed): drop by gamma at each milestone"
    case .exponentialLR: return "η·gamma^k: shrink by gamma every count"
    case .cosineAnnealingLR:
      return "eta_min + (η − eta_min)·(1 + cos(π·k/T_max))/2, then back up (period 2·T_max)"
    case .linearLR:
      return "η·(start_factor → end_factor) linearly over total_iters counts: the usual warm-up"
    case .oneCycleLR:
      return "max_lr/div_factor up to max_lr over pct_start of total_steps, then down to tiny"
    case .reduceLROnPlateau:
      return "η·factor once the loss has not improved for more than patience counts"
    case .exponentialDecay:
      return "init_value·decay_rate^((k − transition_begin)/transition_steps)"
    case .cosineDecaySchedule:
      return "init_value·((1 − alpha)·(½(1 + cos(π·k/decay_steps)))^exponent + alpha)"
    case .warmupCosineDecaySchedule:
      return "init_value up to peak_value in warmup_steps, then cosine down to end_value"
    case .linearSchedule: return "init_value to end_value linearly over transition_steps"
    case .piecewiseConstantSchedule:
      return "init_value, multiplied by each scale once k reaches its boundary"
    case .polynomialSchedule:
      return "(init_value − end_value)·(1 − k/transition_steps)^power + end_value"
    case .kerasExponentialDecay:
      return "initial_learning_rate·decay_rate^(k/decay_steps)"
    case .inverseTimeDecay:
      return "initial_learning_rate/(1 + decay_rate·k/decay_steps)"
    case .piecewiseConstantDecay: return "values[i] while k ≤ boundaries[i], values[-1] after"
    case .cosineDecay:
      return "linear warm-up to warmup_target (if set), then cosine down to alpha times it"
    case .polynomialDecay:
      return "(initial − end_learning_rate)·(1 − k/decay_steps)^power + end_learning_rate"
    }
  }

  /// The parameters, in the library's signature order.
  public var parameters: [ScheduleParameter] {
    typealias P = ScheduleParameter
    let required = P.Default.required
    func number(_ x: Double) -> P.Default { .value(.number(x)) }
    func whole(_ n: Int) -> P.Default { .value(.whole(n)) }
    let off = P.Default.value(.flag(false))
    let real = P.ValueKind.number(positive: false)
    let positive = P.ValueKind.number(positive: true)
    let count = P.ValueKind.whole(minimum: 0)
    let length = P.ValueKind.whole(minimum: 1)
    switch self {
    case .stepLR: return [P("step_size", length, required), P("gamma", positive, number(0.1))]
    case .multiStepLR:
      return [P("milestones", .wholes, required), P("gamma", positive, number(0.1))]
    case .exponentialLR: return [P("gamma", positive, required)]
    case .cosineAnnealingLR: return [P("T_max", length, required), P("eta_min", real, number(0))]
    case .linearLR:
      return [
        P("start_factor", positive, number(1.0 / 3)), P("end_factor", real, number(1)),
        P("total_iters", length, whole(5)),
      ]
    case .oneCycleLR:
      return [
        P("max_lr", positive, required), P("total_steps", length, required),
        P("pct_start", real, number(0.3)),
        P("anneal_strategy", .word(["cos", "linear"]), .value(.word("cos"))),
        P("cycle_momentum", .flag, .value(.flag(true))), P("div_factor", positive, number(25)),
        P("final_div_factor", positive, number(1e4)), P("three_phase", .flag, off),
        P("base_momentum", real, number(0.85)), P("max_momentum", real, number(0.95)),
      ]
    case .reduceLROnPlateau:
      return [
        P("mode", .word(["min", "max"]), .value(.word("min"))),
        P("factor", positive, number(0.1)), P("patience", count, whole(10)),
        P("threshold", real, number(1e-4)),
        P("threshold_mode", .word(["rel", "abs"]), .value(.word("rel"))),
        P("cooldown", count, whole(0)), P("min_lr", real, number(0)), P("eps", real, number(1e-8)),
      ]
    case .exponentialDecay:
      return [
        P("init_value", real, .sessionRate), P("transition_steps", count, required),
        P("decay_rate", real, required), P("transition_begin", count, whole(0)),
        P("staircase", .flag, off), P("end_value", real, .none),
      ]
    case .cosineDecaySchedule:
      return [
        P("init_value", real, .sessionRate), P("decay_steps", length, required),
        P("alpha", real, number(0)), P("exponent", real, number(1)),
      ]
    case .warmupCosineDecaySchedule:
      return [
        P("init_value", real, required), P("peak_value", real, .sessionRate),
        P("warmup_steps", count, required), P("decay_steps", length, required),
        P("end_value", real, number(0)), P("exponent", real, number(1)),
      ]
    case .linearSchedule:
      return [
        P("init_value", real, .sessionRate), P("end_value", real, required),
        P("transition_steps", count, required), P("transition_begin", count, whole(0)),
      ]
    case .piecewiseConstantSchedule:
      return [P("init_value", real, .sessionRate), P("boundaries_and_scales", .boundaries, .none)]
    case .polynomialSchedule:
      return [
        P("init_value", real, .sessionRate), P("end_value", real, required),
        P("power", real, required), P("transition_steps", count, required),
        P("transition_begin", count, whole(0)),
      ]
    case .kerasExponentialDecay, .inverseTimeDecay:
      return [
        P("initial_learning_rate", real, .sessionRate), P("decay_steps", length, required),
        P("decay_rate", real, required), P("staircase", .flag, off),
      ]
    case .piecewiseConstantDecay:
      return [P("boundaries", .wholes, required), P("values", .numbers, required)]
    case .cosineDecay:
      return [
        P("initial_learning_rate", real, .sessionRate), P("decay_steps", length, required),
        P("alpha", real, number(0)), P("warmup_target", real, .none),
        P("warmup_steps", count, whole(0)),
      ]
    case .polynomialDecay:
      return [
        P("initial_learning_rate", real, .sessionRate), P("decay_steps", length, required),
        P("end_learning_rate", real, number(0.0001)), P("power", real, number(1)),
        P("cycle", .flag, off),
      ]
    }
  }

  /// The kind named `name` exactly as the library spells it.
  public init?(named name: String) {
    self.init(rawValue: name)
  }
}
