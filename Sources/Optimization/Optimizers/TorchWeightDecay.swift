/// PyTorch's weight decay in front of an Adam-family rule (`torch.optim.NAdam`, `RAdam`):
/// λ·w added to the gradient (L2, rounded once, as PyTorch's `grad.add(param, alpha=λ)`
/// is a fused multiply-add), or with `decoupled_weight_decay` the parameter shrunk first,
/// w ← w·(1 − η·λ), as AdamW does. Keras's `weight_decay` is its base class's decoupled
/// decay and optax has none on these rules; those conventions refuse the settings.
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
    .weightDecay: "g ← g + λ·w before the rule (PyTorch's L2 term)",
    .decoupledWeightDecay: "with weight_decay: w ← w·(1 − η·λ) first instead (AdamW's decay)",
  ]

  /// The reason a convention has no PyTorch weight decay on `name`'s rule.
  static func missing(_ setting: Setting, under convention: Convention, name: String)
    -> String?
  {
    guard settings.contains(setting), convention != .pytorch else { return nil }
    switch convention {
    case .keras:
      return "keras's weight_decay is its base class's decoupled decay, which adalab does not "
        + "run on keras's \(name) yet; use pytorch's \(name)"
    case .optax:
      return "optax's \(name) has no weight decay (its decoupled forms are separate "
        + "transforms); use pytorch's \(name)"
    case .lecture, .pytorch:
      return "the lecture's \(name) has no weight decay; use pytorch's \(name)"
    }
  }
}

extension Coordinate {
  /// Applies PyTorch's weight decay before the rule's moments (nothing when λ = 0).
  @inline(__always)
  mutating func applyTorchWeightDecay(_ s: StepContext) {
    guard s.h.weightDecay != 0 else { return }
    if s.h.decoupledWeightDecay {
      parameter *= 1 - s.learningRate * s.h.weightDecay
    } else {
      gradient = l2Gradient(s)
    }
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
}
