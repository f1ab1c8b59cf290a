/// A knob a user can turn with `set NAME VALUE`, named as the command language names it.
public enum Setting: String, CaseIterable, Sendable {
  case eta, beta, beta1, beta2, epsilon
  case epsPlacement = "eps_placement"
  case epsRoot = "eps_root"
  case biasCorrection = "bias_correction"
  case biasPower = "bias_power"
  case vInit = "v_init"
  case lrDecay = "lr_decay"
  case weightDecay = "weight_decay"
  case decoupledWeightDecay = "decoupled_weight_decay"
  case momentumDecay = "momentum_decay"
  case dampening
  case centered, momentum, nesterov
  case amsgradMax = "amsgrad_max"
  case threshold
  case nagForm = "nag_form"
  case nadamForm = "nadam_form"
  case clipvalue, clipnorm
  case globalClipnorm = "global_clipnorm"
  case clipByBlockRMS = "clip_by_block_rms"
  case beta2Decay = "beta2_decay"
  case epsilon2
  case clipThreshold = "clip_threshold"
  case batch, shuffle, seed, loss

  /// The settings of how data is consumed; they apply to every optimizer.
  public var isTraining: Bool {
    [.batch, .shuffle, .seed, .loss].contains(self)
  }

  /// The clipping this setting turns on with threshold `c`, for the settings of the
  /// clipping stage (``Clipping``); nil for the others.
  public func clipping(_ c: Double) -> Clipping? {
    switch self {
    case .clipvalue: return .value(c)
    case .clipnorm: return .norm(c)
    case .globalClipnorm: return .globalNorm(c)
    case .clipByBlockRMS: return .blockRMS(c)
    default: return nil
    }
  }

  /// Whether the setting belongs to the clipping stage before the rule.
  public var isClipping: Bool { clipping(1) != nil }

  /// Whether the optimizer reads this setting under the convention (the training settings
  /// apply to every optimizer, and so does clipping where the convention's library has the
  /// form; the others are listed in each optimizer's file).
  public func applies(to optimizer: Optimizer, convention: Convention) -> Bool {
    if let form = clipping(1) { return form.missing(under: convention) == nil }
    return isTraining || optimizer.updateRule.reads(self, under: convention)
  }

  /// The settings an optimizer reads under a convention, in declaration order.
  public static func applicable(to optimizer: Optimizer, convention: Convention) -> [Setting] {
    allCases.filter { $0.applies(to: optimizer, convention: convention) }
  }

  /// The settings a listing of `setup` shows (`use`, `help`, `show settings`): the
  /// applicable ones, but of the clipping stage's only the one that is on, so that a
  /// stage that is off by default does not lengthen every line.
  public static func listed(in setup: RunSetup) -> [Setting] {
    applicable(to: setup.optimizer, convention: setup.convention).filter {
      !$0.isClipping || setup.value(of: $0) != .word("off")
    }
  }
}

extension EpsilonPlacement {
  /// The placements that mean something for an optimizer (empty: ε has one place only).
  public static func allowed(for optimizer: Optimizer) -> [EpsilonPlacement] {
    optimizer.updateRule.epsilonPlacements
  }
}

/// A value as typed after `set NAME`: a number, or a word such as `full` or `inside`.
public enum SettingInput: Equatable, Sendable, CustomStringConvertible {
  case number(Double)
  case word(String)

  public var description: String {
    switch self {
    case .number(let x):
      return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    case .word(let w): return w
    }
  }
}

/// Why a setting was refused. The session is unchanged.
public struct SettingError: Error, Equatable, Sendable {
  /// One lowercase line: what was expected and what was found.
  public var message: String
  /// An error with the given message.
  public init(_ message: String) { self.message = message }
}

extension Setting {
  /// Whether changing the setting restarts the run even at t > 0: the training settings
  /// decide which points each update reads, and v's initial value matters only at the
  /// start, so neither can take effect from the middle of a run.
  public var restartsRun: Bool { isTraining || self == .vInit }
}
