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
  case amsgradMax = "amsgrad_max"
  case nagForm = "nag_form"
  case nadamForm = "nadam_form"
  case beta2Decay = "beta2_decay"
  case epsilon2
  case clipThreshold = "clip_threshold"
  case batch, shuffle, seed, loss

  /// The settings of how data is consumed; they apply to every optimizer.
  public var isTraining: Bool {
    [.batch, .shuffle, .seed, .loss].contains(self)
  }

  /// Whether the optimizer reads this setting under the convention (the training settings
  /// apply to every optimizer; the others are listed in each optimizer's file).
  public func applies(to optimizer: Optimizer, convention: Convention) -> Bool {
    isTraining || optimizer.updateRule.reads(self, under: convention)
  }

  /// The settings an optimizer reads under a convention, in declaration order.
  public static func applicable(to optimizer: Optimizer, convention: Convention) -> [Setting] {
    allCases.filter { $0.applies(to: optimizer, convention: convention) }
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
