import Optimization

/// The long form of `help schedule` and the help of each schedule kind, derived from the
/// engine's catalog (``ScheduleKind``).
extension HelpText {
  /// What `help schedule` prints after its examples: how counting works, then the kinds by
  /// library.
  static var scheduleDetails: [String] {
    var lines = [
      "counting:",
      "  per epoch   scheduler.step() after each pass over the data (PyTorch's",
      "              default here)",
      "  per update  after each update (OneCycleLR's default; optax and Keras",
      "              count only updates)",
      "  the count is 0 at the update after 'schedule'; 'use … from here' restarts it",
      "base: η is PyTorch's initial_lr and the default of optax's init_value",
      "  (peak_value for the warm-up cosine) and of Keras's initial_learning_rate",
      "chains: 'A … then at N B …' is PyTorch's SequentialLR, B from milestone N",
      "  (its count restarts at 0); after LinearLR, 'then' alone puts the milestone",
      "  at its total_iters",
      "beta1, beta2: optax's inject_hyperparams(optax.adam)(b1=…, b2=…), under optax",
      "  with optax's kinds, counted per update from 0; v̂ = v/(1 − β₂ᵗ) with the",
      "  current β₂; init_value defaults to the setting (PyTorch and Keras have no",
      "  schedule for β: their schedulers set the learning rate only)",
      "kinds ('help KIND' lists the parameters):",
    ]
    for library in [ScheduleKind.Library.pytorch, .optax, .keras] {
      let names = ScheduleKind.allCases.filter { $0.library == library }.map(\.rawValue)
      lines.append("  \(library.module): " + names.joined(separator: ", "))
    }
    return lines
  }

  /// `help StepLR`: the kind's formula, library and parameters with their defaults.
  static func scheduleKind(_ kind: ScheduleKind) -> [String] {
    var lines = [
      "schedule eta \(kind.rawValue) [NAME=VALUE ...]  (\(kind.library.module))",
      "  \(kind.summary)",
      "  counts: \(kind.defaultCounting.rawValue)"
        + (kind.library != .pytorch
          ? " (only)"
          : kind.defaultCounting == .perEpoch
            ? " by default, or per update" : " by default, or per epoch"),
    ]
    if kind == .reduceLROnPlateau {
      lines.append("  the loss it watches: the total training loss ('show loss') after each")
      lines.append("  epoch, or each update per update; its state is kept in checkpoints")
    }
    if kind == .oneCycleLR {
      lines.append("  past total_steps torch raises an error; adalab keeps the last value")
      lines.append("  cycle_momentum=True (the default) cycles β₁ (Adam's betas[0]) from")
      lines.append("  max_momentum down to base_momentum and back, under pytorch; other")
      lines.append("  optimizers (SGD's momentum, RMSprop, NAdam) need cycle_momentum=False")
    }
    let width = kind.parameters.map(\.name.count).max() ?? 0
    for parameter in kind.parameters {
      lines.append(
        "  \(parameter.name.padding(toLength: width, withPad: " ", startingAt: 0))  "
          + (parameter.defaultValue == .required
            ? "\(parameter.kind.name), required"
            : "\(parameter.kind.name), default \(parameter.defaultValue.description)"))
    }
    return lines
  }
}
