/// optax's `eps_root`: ε_root added to v̂ under the square root, η/(√(v̂ + ε_root) + ε), in
/// `optax.adam`, `adamw`, `nadam`, `nadamw`, `amsgrad` (to v_max) and `radam` (on the
/// rectified step). It keeps the root's derivative finite where v̂ = 0, which matters when
/// gradients flow through the update (meta-learning); it is 0 by default. PyTorch and Keras
/// have none, nor have the notes; optax's adamax and yogi take no `eps_root` either.
/// (AdaBelief's ε_root is a different term: added to s at every update, see ``AdaBelief``.)
enum OptaxEpsilonRoot {
  static let settings: Set<Setting> = [.epsRoot]

  /// What the option does, for `help NAME`.
  static let rules: [Setting: String] = [
    .epsRoot: "η/(√(v̂ + ε_root) + ε): optax's ε under the root, 0 by default"
  ]

  /// The reason a convention has no `eps_root` on `name`'s rule.
  static func missing(_ setting: Setting, under convention: Convention, name: String)
    -> String?
  {
    guard setting == .epsRoot else { return nil }
    switch convention {
    case .optax: return nil
    case .pytorch:
      return "pytorch's \(name) adds ε outside the root only; use \(name):optax"
    case .keras:
      return "keras's \(name) adds ε outside the root only (eps_placement hat); "
        + "use \(name):optax"
    case .lecture:
      return "the notes' \(name) has no ε under the root (eps_placement inside moves ε "
        + "itself there); use \(name):optax"
    }
  }

  /// Why optax's rule `name` takes no `eps_root` in any convention.
  static func absent(_ setting: Setting, name: String, because reason: String) -> String? {
    setting == .epsRoot
      ? "no \(name) takes eps_root: optax's has none (\(reason)), nor has any other" : nil
  }
}
