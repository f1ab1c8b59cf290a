/// A known way to implement an optimizer wrongly, or differently: what `diagnose` tries,
/// one by one, to explain where someone's trajectory parts from adalab's.
public enum Mistake: Equatable, Sendable {
  /// ε in another place: inside the root, outside it, Keras's ε-hat, or in AdaMax's max.
  case epsilonPlacement(EpsilonPlacement)
  /// m and v used without dividing by 1 − βᵗ.
  case biasCorrectionMissing
  /// The bias-correction power counted in epochs (the notes' Adam listing) or in updates.
  case biasPower(BiasPower)
  /// The (1 − β) factor left out of an average: m ← β₁·m + g, or v ← β·v + g².
  case dampingMissing(firstMoment: Bool, secondMoment: Bool)
  /// Gradients summed across the points of an epoch instead of reset at every update
  /// (`dw += grad_w(...)` where the listing has `dw = grad_w(...)`).
  case gradientsAccumulated
  /// Another convention's formulas with the same numbers (η, β, ε …), or with its defaults.
  case convention(Convention, defaults: Bool)

  /// One line for a person.
  public var description: String {
    switch self {
    case .epsilonPlacement(.inside): return "ε inside the root: η/√(v + ε)"
    case .epsilonPlacement(.outside): return "ε outside the root: η/(√v + ε)"
    case .epsilonPlacement(.hat): return "Keras's ε-hat: η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε)"
    case .epsilonPlacement(.max): return "ε inside the max: v ← max(β·v, |g| + ε) (PyTorch AdaMax)"
    case .biasCorrectionMissing: return "bias correction missing: m and v not divided by 1 − βᵗ"
    case .biasPower(.epoch):
      return "bias-correction power counted in epochs, not updates (as in the notes' Adam listing)"
    case .biasPower(.update): return "bias-correction power counted in updates, not epochs"
    case .dampingMissing(let first, let second):
      switch (first, second) {
      case (true, true): return "the (1 − β) factor missing from both m and v"
      case (true, false): return "the (1 − β₁) factor missing from m: m ← β₁·m + g"
      default: return "the (1 − β) factor missing from v: v ← β·v + g²"
      }
    case .gradientsAccumulated:
      return "gradients accumulated across the points of an epoch instead of reset (dw += …)"
    case .convention(let convention, let defaults):
      return defaults
        ? "\(convention.rawValue)'s formulas and defaults"
        : "\(convention.rawValue)'s formulas with the same η, β and ε"
    }
  }

  /// Whether the mistake changes the rule itself, not just a switch of the setup.
  var changesRule: Bool {
    switch self {
    case .dampingMissing, .gradientsAccumulated: return true
    default: return false
    }
  }

  /// The setup that reproduces the mistake when it is only a switch; nil for rule changes
  /// or when it would change nothing.
  func setup(from reference: RunSetup) -> RunSetup? {
    var setup = reference
    var h = setup.hyperparameters
    switch self {
    case .epsilonPlacement(let placement): h.epsilonPlacement = placement
    case .biasCorrectionMissing: h.biasCorrection = false
    case .biasPower(let power): h.biasPower = power
    case .dampingMissing, .gradientsAccumulated: return nil
    case .convention(let convention, let defaults):
      let mine = h
      h = .defaults(for: reference.optimizer, convention: convention)
      if !defaults {
        h.learningRate = mine.learningRate
        h.beta = mine.beta
        h.beta1 = mine.beta1
        h.beta2 = mine.beta2
        h.epsilon = mine.epsilon
        h.weightDecay = mine.weightDecay
      }
      setup.convention = convention
    }
    setup.hyperparameters = h
    return h == reference.hyperparameters ? nil : setup
  }

  /// The mistakes worth trying for a setup, most common first.
  public static func candidates(for setup: RunSetup) -> [Mistake] {
    let optimizer = setup.optimizer
    let h = setup.hyperparameters
    var list: [Mistake] = []
    for placement in [EpsilonPlacement.inside, .outside, .hat, .max]
    where placement != h.epsilonPlacement
      && EpsilonPlacement.allowed(for: optimizer).contains(placement)
    {
      list.append(.epsilonPlacement(placement))
    }
    if optimizer.isAdamFamily {
      if h.biasCorrection { list.append(.biasCorrectionMissing) }
      list.append(.biasPower(h.biasPower == .update ? .epoch : .update))
    }
    switch optimizer {
    case .rmsprop, .adadelta:
      list.append(.dampingMissing(firstMoment: false, secondMoment: true))
    case .adamax:
      list.append(.dampingMissing(firstMoment: true, secondMoment: false))
    case .adam, .adamw, .amsgrad, .nadam:
      list += [
        .dampingMissing(firstMoment: false, secondMoment: true),
        .dampingMissing(firstMoment: true, secondMoment: false),
        .dampingMissing(firstMoment: true, secondMoment: true),
      ]
    default: break
    }
    if setup.training.updatesPerEpoch(count: setup.dataset.count) > 1 {
      list.append(.gradientsAccumulated)
    }
    for convention in Convention.allCases where convention != setup.convention {
      list += [.convention(convention, defaults: false), .convention(convention, defaults: true)]
    }
    return list
  }
}
