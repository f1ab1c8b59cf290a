/// Which of RMSProp's options each library has: a setting a library lacks is refused with
/// the reason rather than run as a silent departure from its numbers.
extension RMSProp {
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    let library = convention == .optax ? "optax's rmsprop" : "\(convention.rawValue)'s RMSprop"
    switch (setting, convention) {
    case (.vInit, .pytorch), (.vInit, .keras):
      return "\(library) has no initial accumulator (v starts at 0); "
        + "use optax's rmsprop (initial_scale) or the lecture convention"
    case (.centered, .lecture), (.momentum, .lecture):
      return "the notes' rmsprop has no \(setting.rawValue); "
        + "use rmsprop:pytorch, rmsprop:keras or rmsprop:optax"
    case (.nesterov, .pytorch), (.nesterov, .keras), (.nesterov, .lecture):
      return "\(convention == .lecture ? "the notes' rmsprop" : library) has no nesterov; "
        + "use optax's rmsprop"
    case (.biasCorrection, .pytorch), (.biasCorrection, .keras), (.biasCorrection, .lecture):
      return "\(convention == .lecture ? "the notes' rmsprop" : library) corrects no bias "
        + "(v starts at 0 and stays uncorrected); use optax's rmsprop (bias_correction)"
    case (.weightDecay, .optax):
      return "optax's rmsprop has no weight decay (add_decayed_weights is a separate "
        + "transform); use pytorch's rmsprop for the L2 term"
    case (.weightDecay, .lecture):
      return "the notes' rmsprop has no weight decay; use pytorch's rmsprop"
    default: return nil
    }
  }

  /// optax's nesterov acts only on its momentum trace.
  static func inert(_ setting: Setting, with h: Hyperparameters) -> String? {
    guard setting == .nesterov, h.momentum == 0 else { return nil }
    return "nesterov acts only with momentum (now 0); set momentum first"
  }
}
