/// What `help` and completion say about each setting: derived by the shell's vocabulary from
/// `Setting.allCases`, so a new setting is typed, completed and documented from this file alone
/// (its aliases, such as `lr`, stay with the shell's vocabulary).
extension Setting {
  /// One line saying what the setting means.
  public var summary: String {
    switch self {
    case .eta: return "the learning rate"
    case .beta: return "the decay of momentum's history or of rmsprop's average"
    case .beta1: return "the decay of adam's first moment m"
    case .beta2: return "the decay of adam's second moment v"
    case .epsilon: return "the small number that keeps the denominator away from zero"
    case .epsPlacement:
      return
        "where epsilon goes: sqrt(v) + eps, sqrt(v + eps), Keras's eps-hat (eps added to the root of the raw v), or inside adamax's max(beta2*v, |g| + eps)"
    case .epsRoot:
      return
        "optax's epsilon under the root, sqrt(v_hat + eps_root) + eps (adam family; listed once set); adabelief adds it to s = v every update"
    case .biasCorrection: return "whether m and v are divided by 1 - beta^t"
    case .biasPower: return "whether t in 1 - beta^t counts updates or epochs"
    case .vInit: return "the starting value of the accumulator v"
    case .lrDecay: return "how fast eta decays over time"
    case .weightDecay: return "how strongly the weights are pulled toward zero"
    case .decoupledWeightDecay:
      return
        "pytorch adam, amsgrad, nadam, radam: shrink w by 1 - eta*weight_decay instead of adding the L2 term (keras and optax nadam: always)"
    case .momentumDecay: return "nadam's schedule for the momentum coefficient"
    case .threshold:
      return
        "optax radam: rectify the step once rho_t >= threshold (pytorch fixes rho_t > 5, the paper rho_t > 4)"
    case .dampening:
      return "pytorch sgd's dampening d: from the second update on, momentum adds (1 - d)*g"
    case .centered:
      return "rmsprop: divide by the root of v - mean(g)^2, the variance, instead of v"
    case .momentum: return "rmsprop's momentum mu: u = mu*u + eta*g/(sqrt(v) + eps); w -= u"
    case .nesterov: return "optax rmsprop: step along eta*g/(sqrt(v) + eps) + mu*u, a look-ahead"
    case .amsgradMax:
      return
        "whether amsgrad keeps the maximum of v or of v_hat; on adamw, off or raw (amsgrad=True)"
    case .nagForm: return "nag as the notes write it, or the libraries' rewritten form"
    case .nadamForm:
      return "the notes' nadam, Dozat's momentum schedule (pytorch, keras), or optax's"
    case .clipvalue:
      return
        "clip each gradient entry to [-c, c] before the rule (keras clipvalue, optax clip, pytorch clip_grad_value_)"
    case .clipnorm:
      return "keras: scale the gradient of w, and of b, to norm at most c before the rule"
    case .globalClipnorm:
      return
        "scale the whole gradient to norm at most c before the rule (keras global_clipnorm, optax clip_by_global_norm, pytorch clip_grad_norm_)"
    case .clipByBlockRMS:
      return "optax: scale the gradient of w, and of b, to rms at most c before the rule"
    case .beta2Decay: return "adafactor's c in beta2_t = 1 - t^c: the decay changes every step"
    case .epsilon2: return "adafactor's eps2: the smallest parameter scale, max(eps2, rms(w))"
    case .clipThreshold: return "adafactor's d: the update is scaled down when its rms exceeds d"
    case .batch: return "points per update: full for the whole data set, or a whole number"
    case .shuffle: return "whether the points are shuffled each epoch"
    case .seed: return "the seed of the random generator used for shuffling"
    case .loss: return "the loss function"
    }
  }

  /// The words the setting accepts (`on`, `off`); empty when it takes only numbers.
  public var choices: [String] {
    switch self {
    case .epsPlacement: return EpsilonPlacement.allCases.map(\.rawValue)
    case .biasPower: return BiasPower.allCases.map(\.rawValue)
    case .amsgradMax: return AMSGradMaximum.allCases.map(\.rawValue)
    case .nagForm: return NesterovForm.allCases.map(\.rawValue)
    case .nadamForm: return NAdamForm.allCases.map(\.rawValue)
    case .loss: return LossFunction.allCases.map(\.rawValue)
    case .biasCorrection, .decoupledWeightDecay, .centered, .nesterov, .shuffle:
      return ["on", "off"]
    case .batch: return ["full"]
    case .clipvalue, .clipnorm, .globalClipnorm, .clipByBlockRMS: return ["off"]
    default: return []
    }
  }

  /// Whether the setting takes a number.
  public var takesNumber: Bool {
    switch self {
    case .eta, .beta, .beta1, .beta2, .epsilon, .epsRoot, .vInit, .lrDecay, .weightDecay,
      .momentumDecay, .dampening, .momentum, .threshold, .batch, .seed, .clipvalue, .clipnorm,
      .globalClipnorm, .clipByBlockRMS, .beta2Decay, .epsilon2, .clipThreshold:
      return true
    default: return false
    }
  }
}
