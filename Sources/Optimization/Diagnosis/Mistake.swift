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
  /// Only one moment bias-corrected: m̂ = m/(1 − β₁ᵗ) with v̂ = v (`first`), or v̂ corrected
  /// with m̂ = m.
  case correctionOfOneMomentOnly(first: Bool)
  /// v̂ = v/(1 − β₁ᵗ): the second moment corrected with the first moment's β.
  case secondMomentCorrectedWithBeta1
  /// β₁ and β₂ swapped in the moment updates (m ← β₂·m + (1 − β₂)·g, v with β₁), the
  /// corrections as written.
  case betasSwapped
  /// The gradient averaged over the points of a batch instead of summed: ∇L/n.
  case gradientAveraged
  /// AdamW's weight decay coupled to the gradient (g + λ·w, then Adam) instead of
  /// decoupled (w ← w·(1 − η·λ), then Adam).
  case weightDecayCoupled
  /// The step taken with m̂ and v̂ of the moments before this gradient is folded in, the
  /// moments updated afterwards: the momentum applied after instead of before the correction.
  case stepBeforeMomentUpdate
  /// The step count starting at 0: the corrections raise β to t − 1.
  case stepCountFromZero

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
    case .correctionOfOneMomentOnly(true):
      return "bias correction on m only: v̂ = v, not v/(1 − β₂ᵗ)"
    case .correctionOfOneMomentOnly(false):
      return "bias correction on v only: m̂ = m, not m/(1 − β₁ᵗ)"
    case .secondMomentCorrectedWithBeta1: return "v̂ divided by 1 − β₁ᵗ instead of 1 − β₂ᵗ"
    case .betasSwapped:
      return "β₁ and β₂ swapped in the moments: m ← β₂·m + (1 − β₂)·g, v ← β₁·v + (1 − β₁)·g²"
    case .gradientAveraged: return "the gradient averaged over the batch instead of summed"
    case .weightDecayCoupled:
      return "weight decay coupled (g + λ·w, then Adam) instead of decoupled (AdamW)"
    case .stepBeforeMomentUpdate:
      return "the step taken with the old m and v: the moments updated after the step"
    case .stepCountFromZero: return "the step count starting at 0: β raised to t − 1"
    }
  }

  /// Whether the mistake changes the rule itself, not just a switch of the setup.
  var changesRule: Bool {
    switch self {
    case .epsilonPlacement, .biasCorrectionMissing, .biasPower, .convention: return false
    default: return true
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
    case .dampingMissing, .gradientsAccumulated, .correctionOfOneMomentOnly,
      .secondMomentCorrectedWithBeta1, .betasSwapped, .gradientAveraged, .weightDecayCoupled,
      .stepBeforeMomentUpdate, .stepCountFromZero:
      return nil
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
      if h.biasCorrection {
        list.append(.biasCorrectionMissing)
        if optimizer != .adamax {
          list += [
            .correctionOfOneMomentOnly(first: true), .correctionOfOneMomentOnly(first: false),
            .secondMomentCorrectedWithBeta1,
          ]
        }
        list.append(.stepCountFromZero)
      }
      list.append(.biasPower(h.biasPower == .update ? .epoch : .update))
      if optimizer != .adamax && h.beta1 != h.beta2 { list.append(.betasSwapped) }
      if optimizer == .adam || optimizer == .adamw { list.append(.stepBeforeMomentUpdate) }
      if optimizer == .adamw && h.weightDecay != 0 { list.append(.weightDecayCoupled) }
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
    if setup.training.pointsPerUpdate(count: setup.dataset.count) > 1 {
      list.append(.gradientAveraged)
    }
    for convention in Convention.allCases where convention != setup.convention {
      list += [.convention(convention, defaults: false), .convention(convention, defaults: true)]
    }
    return list
  }
}
