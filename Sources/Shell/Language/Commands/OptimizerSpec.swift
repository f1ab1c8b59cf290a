/// An optimizer as written after `use` or `compare`: `adam`, `adam:keras`,
/// `adam:pytorch[beta2=0.99, eps=1e-7]`.
public struct OptimizerSpec: Equatable, Sendable {
  /// The canonical optimizer name, one of `Vocabulary.optimizers`.
  public var optimizer: String
  /// The canonical convention name after `:`, or nil to keep the session's convention.
  public var convention: String?
  /// The settings in brackets, in the order written; names are canonical.
  public var overrides: [SettingAssignment]

  /// Creates a spec from canonical names.
  public init(
    optimizer: String, convention: String? = nil, overrides: [SettingAssignment] = []
  ) {
    self.optimizer = optimizer
    self.convention = convention
    self.overrides = overrides
  }
}
