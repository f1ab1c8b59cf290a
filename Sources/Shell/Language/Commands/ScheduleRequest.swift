import Optimization

/// What follows `schedule`: a schedule for η or for a β, or `off`.
public enum ScheduleRequest: Equatable, Sendable {
  /// `schedule eta KIND NAME=VALUE … [then KIND …] [per epoch|per update]`.
  case eta(phases: [Phase], counting: ScheduleCounting?)
  /// `schedule off`.
  case off
  /// `schedule beta2 KIND NAME=VALUE … [per update]` (optax's inject_hyperparams).
  case beta(ScheduledBeta, phases: [Phase], counting: ScheduleCounting?)
  /// `schedule beta2 off`.
  case betaOff(ScheduledBeta)

  /// One schedule of the request: its kind and arguments as typed, with canonical names
  /// (`steplr` arrives as `StepLR`, `t_max` as `T_max`); the engine checks the values.
  public struct Phase: Equatable, Sendable {
    public var kind: String
    public var arguments: [Argument]
    /// SequentialLR's milestone where this phase starts, from `then at N`.
    public var at: Int? = nil
  }

  /// `NAME=VALUE`, the value as typed (`30,80`, `10:0.5,25:0.1`).
  public struct Argument: Equatable, Sendable {
    public var name: String
    public var text: String
  }
}
