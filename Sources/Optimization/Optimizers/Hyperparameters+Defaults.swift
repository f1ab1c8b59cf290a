extension Hyperparameters {
  /// The hyperparameters a fresh optimizer starts with under a convention: the library's
  /// constructor defaults, and the notes' code listings for `lecture`.
  ///
  /// optax has no default learning rate (it is a required argument); adalab uses 0.1 there,
  /// as the notes do. Where a library's momentum defaults to 0 (plain SGD), adalab uses 0.9.
  /// MaxProp exists in no library: every convention runs the notes' rule.
  public static func defaults(for optimizer: Optimizer, convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = defaultLearningRate(optimizer, convention)
    switch (optimizer, convention) {
    case (.gd, _), (.momentum, _): break
    case (.nag, .lecture): h.nesterovForm = .lookahead
    case (.nag, _): break
    case (.adagrad, .lecture): h.epsilon = 1e-8
    case (.adagrad, .pytorch): h.epsilon = 1e-10
    case (.adagrad, .keras), (.adagrad, .optax):
      h.epsilon = 1e-7
      h.epsilonPlacement = .inside
      h.initialAccumulator = 0.1
    case (.rmsprop, .lecture):
      h.beta = 0.5
      h.epsilon = 1e-4
    case (.rmsprop, .pytorch): h.beta = 0.99
    case (.rmsprop, .keras):
      h.epsilon = 1e-7
      h.epsilonPlacement = .inside
    case (.rmsprop, .optax): h.epsilonPlacement = .inside
    case (.adadelta, .keras):
      h.beta = 0.95
      h.epsilon = 1e-7
      h.epsilonPlacement = .inside
    case (.adadelta, _):
      h.epsilon = 1e-6
      h.epsilonPlacement = .inside
    case (.adam, .lecture): h.epsilon = 1e-10
    case (.adam, .keras), (.amsgrad, .keras), (.adamw, .keras):
      h.epsilon = 1e-7
      h.epsilonPlacement = .hat
    case (.adam, _), (.amsgrad, .lecture), (.amsgrad, .pytorch): break
    case (.amsgrad, .optax): h.amsgradMaximum = .corrected
    case (.adamax, .keras): h.epsilon = 1e-7
    case (.adamax, .lecture): break
    case (.adamax, _): h.epsilonPlacement = .max
    case (.maxprop, _): break
    case (.nadam, .lecture): break
    case (.nadam, .pytorch): h.nadamForm = .schedule
    case (.nadam, .keras):
      h.nadamForm = .schedule
      h.momentumDecay = 1
      h.epsilon = 1e-7
    case (.nadam, .optax): h.nadamForm = .optax
    case (.adamw, .lecture), (.adamw, .pytorch): h.weightDecay = 0.01
    case (.adamw, .optax): h.weightDecay = 1e-4
    }
    if optimizer == .adamw && convention == .keras { h.weightDecay = 0.004 }
    return h
  }

  private static func defaultLearningRate(
    _ optimizer: Optimizer, _ convention: Convention
  ) -> Double {
    switch convention {
    case .lecture, .optax: return optimizer == .adadelta ? 1 : 0.1
    case .pytorch:
      switch optimizer {
      case .gd, .momentum, .nag, .adam, .amsgrad, .adamw: return 1e-3
      case .adagrad, .rmsprop: return 1e-2
      case .adadelta: return 1
      case .adamax, .nadam: return 2e-3
      case .maxprop: return 0.1
      }
    case .keras:
      switch optimizer {
      case .gd, .momentum, .nag: return 1e-2
      case .maxprop: return 0.1
      default: return 1e-3
      }
    }
  }
}
