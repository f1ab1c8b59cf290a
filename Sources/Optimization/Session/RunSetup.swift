/// Everything that defines a run: the same setup always produces the same trajectory,
/// bit for bit, which is what lets adalab rewind by recomputing.
public struct RunSetup: Equatable, Sendable {
  /// The data the neuron is fitted to.
  public var dataset: Dataset
  /// The update rule.
  public var optimizer: Optimizer
  /// Whose defaults and switches the hyperparameters came from.
  public var convention: Convention
  /// The numbers and switches the rule reads.
  public var hyperparameters: Hyperparameters
  /// Batch size, order and loss.
  public var training: TrainingSetup
  /// θ₀ = (w₁, …, w_d, b) before the first update.
  public var start: [Double]
  /// ηₜ from a library's schedule, or nil: η throughout.
  public var schedule: LearningRateSchedule?
  /// β₁ₜ and β₂ₜ from optax schedules (``ScheduledBeta``); empty: the settings throughout.
  public var betaSchedules: [ScheduledBeta: LearningRateSchedule] = [:]

  /// A setup with the convention's defaults for `optimizer`.
  public init(
    dataset: Dataset, optimizer: Optimizer, convention: Convention,
    training: TrainingSetup = TrainingSetup(), start: [Double]? = nil
  ) {
    self.dataset = dataset
    self.optimizer = optimizer
    self.convention = convention
    self.hyperparameters = .defaults(for: optimizer, convention: convention)
    self.training = training
    self.start = start ?? RunSetup.defaultStart(for: dataset)
  }

  /// The notes' start w = b = −2 on the toy set; zeros elsewhere.
  public static func defaultStart(for dataset: Dataset) -> [Double] {
    if dataset.name == "toy" && dataset.dimension == 1 { return [-2, -2] }
    return [Double](repeating: 0, count: dataset.dimension + 1)
  }

  /// The state before the first update.
  public var initialState: OptimizerState {
    let usesAccumulator = optimizer.updateRule.reads(.vInit, under: convention)
    return OptimizerState(
      start: start, initialAccumulator: usesAccumulator ? hyperparameters.initialAccumulator : 0,
      initialFirstMoment: optimizer.updateRule.initialFirstMoment(
        hyperparameters, under: convention), learningRate: hyperparameters.learningRate)
  }
}
