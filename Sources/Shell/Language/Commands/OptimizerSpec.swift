import Optimization

/// An optimizer as written after `use` or `compare`: `adam`, `adam:keras`,
/// `adam:pytorch[beta2=0.99, eps=1e-7]`.
public struct OptimizerSpec: Equatable, Sendable {
  public var optimizer: Optimizer
  /// The convention after `:`, or nil to keep the session's convention.
  public var convention: Convention?
  /// The settings in brackets, in the order written, each at most once.
  public var overrides: [SettingAssignment]

  public init(
    optimizer: Optimizer, convention: Convention? = nil, overrides: [SettingAssignment] = []
  ) {
    self.optimizer = optimizer
    self.convention = convention
    self.overrides = overrides
  }
}
