/// Weight decay in front of a rule. PyTorch's: λ·w added to the gradient (L2, rounded once,
/// as PyTorch's `grad.add(param, alpha=λ)` is a fused multiply-add), or with
/// `decoupled_weight_decay` the parameter shrunk first, w ← w·(1 − η·λ), as AdamW does.
/// Keras's `weight_decay` is its base class's (keras/src/optimizers/base_optimizer.py
/// `_apply_weight_decay`): after clipping and before the optimizer's own update, every
/// variable becomes w − w·λ·ηₜ with the current rate, the decoupled form, so a rule's keras
/// convention starts with `decoupledWeightDecay` on and takes `weight_decay` alone. optax has
/// none on these rules (its decay is a separate transform), nor has the lecture; those
/// conventions refuse the settings.
enum TorchWeightDecay {
  static let settings: Set<Setting> = [.weightDecay, .decoupledWeightDecay]

  /// Why keras takes `weight_decay` alone: its base class's decay (Keras's only kind,
  /// w ← w − w·λ·η on every variable before the step) is always decoupled. Rules whose
  /// keras convention takes it start there with `decoupledWeightDecay` on.
  static let kerasIsDecoupled =
    "keras's weight_decay (its base class's) is always decoupled, w ← w − w·λ·η before the "
    + "step; set weight_decay alone"
  /// What the two options do, for `help NAME`.
  static let rules: [Setting: String] = [
    .weightDecay: "g ← g + λ·w before the rule (pytorch's L2 term); keras: w ← w·(1 − η·λ) first",
    .decoupledWeightDecay: "with weight_decay: w ← w·(1 − η·λ) first instead (AdamW's decay)",
  ]

  /// The reason a convention has no PyTorch weight decay on `name`'s rule.
  static func missing(_ setting: Setting, under convention: Convention, name: String)
    -> String?
  {
    guard settings.contains(setting), convention != .pytorch else { return nil }
    switch convention {
    case .keras:
      return setting == .decoupledWeightDecay ? kerasIsDecoupled : nil
    case .optax:
      return "optax's \(name) has no weight decay (its decoupled forms are separate "
        + "transforms); use pytorch's \(name)"
    case .lecture, .pytorch:
      return "the lecture's \(name) has no weight decay; use pytorch's \(name)"
    }
  }
}

extension Hyperparameters {
  /// Whether the gradient carries PyTorch's L2 term, g + λ·w (λ ≠ 0, not decoupled).
  var takesL2: Bool { weightDecay != 0 && !decoupledWeightDecay }
}

extension Coordinate {
  /// Applies the weight decay before the rule's moments (nothing when λ = 0): the L2 term,
  /// or the decoupled shrink.
  @inline(__always)
  mutating func applyTorchWeightDecay(_ s: StepContext) {
    guard s.h.weightDecay != 0 else { return }
    if s.h.decoupledWeightDecay {
      parameter *= 1 - s.learningRate * s.h.weightDecay
    } else {
      gradient = l2Gradient(s)
    }
  }

  /// Only the decoupled shrink w ← w·(1 − η·λ) (Keras's base-class decay), for the rules
  /// that add PyTorch's L2 term themselves (SGD's momentum and dampening).
  @inline(__always)
  mutating func applyDecoupledWeightDecay(_ s: StepContext) {
    guard s.h.weightDecay != 0 && s.h.decoupledWeightDecay else { return }
    parameter *= 1 - s.learningRate * s.h.weightDecay
  }
}

extension ExplanationBuilder {
  /// The line of PyTorch's weight decay, when λ ≠ 0: returns the coordinate the rule
  /// continues from (its gradient g + λ·w, or its parameter w·(1 − η·λ)).
  mutating func torchWeightDecay(_ before: Coordinate) -> Coordinate {
    guard h.weightDecay != 0 else { return before }
    let n = Self.n
    let (p, g) = (parameterName, gradientName)
    var after = before
    after.applyTorchWeightDecay(s)
    if h.decoupledWeightDecay {
      add(
        p + " decayed", nil, "\(p)·(1 − η·λ)",
        [n(before.parameter), "·(1 − ", n(s.learningRate), "·", n(h.weightDecay), ")"],
        after.parameter)
    } else {
      add(
        "\(g) + λ·\(p)", nil, "",
        [n(before.gradient), " + ", n(h.weightDecay), "·", n(before.parameter)],
        after.gradient)
    }
    return after
  }

  /// The decoupled line only (``Coordinate/applyDecoupledWeightDecay(_:)``): returns the
  /// coordinate with w decayed, or `before` itself without a decoupled decay.
  mutating func decoupledWeightDecay(_ before: Coordinate) -> Coordinate {
    h.decoupledWeightDecay ? torchWeightDecay(before) : before
  }
}
