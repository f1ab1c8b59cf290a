/// The three code listings of the notes, as setups that reproduce them exactly.
///
/// All three run on the toy set with one update per point (`for x,y in zip(X,Y)`), and
/// each starts where its listing starts. `do_adam_sgd` raises β to the power i + 1 with i
/// the epoch counter while it updates once per point, so both updates of an epoch use the
/// same bias correction: adalab's `bias_power epoch`.
public enum Listing: String, CaseIterable, Sendable {
  /// AdaGrad, w, b = −2, −2, η 0.1, ε 1e-8, ε outside the root.
  case doAdagrad = "do_adagrad"
  /// RMSProp, w, b = −4, 4, η 0.1, β 0.5, ε 1e-4, ε outside the root.
  case doRMSProp = "do_rmsprop"
  /// Adam, w, b = −4, −4, η 0.1, β₁ 0.9, β₂ 0.999, ε 1e-10, bias power in epochs.
  case doAdamSGD = "do_adam_sgd"

  /// The setup the listing runs.
  public var setup: RunSetup {
    var training = TrainingSetup()
    training.batch = .points(1)
    switch self {
    case .doAdagrad:
      var setup = RunSetup(
        dataset: .toy, optimizer: .adagrad, convention: .lecture, training: training,
        start: [-2, -2])
      setup.hyperparameters.learningRate = 0.1
      setup.hyperparameters.epsilon = 1e-8
      setup.hyperparameters.epsilonPlacement = .outside
      return setup
    case .doRMSProp:
      var setup = RunSetup(
        dataset: .toy, optimizer: .rmsprop, convention: .lecture, training: training,
        start: [-4, 4])
      setup.hyperparameters.learningRate = 0.1
      setup.hyperparameters.beta = 0.5
      setup.hyperparameters.epsilon = 1e-4
      setup.hyperparameters.epsilonPlacement = .outside
      return setup
    case .doAdamSGD:
      var setup = RunSetup(
        dataset: .toy, optimizer: .adam, convention: .lecture, training: training,
        start: [-4, -4])
      setup.hyperparameters.learningRate = 0.1
      setup.hyperparameters.beta1 = 0.9
      setup.hyperparameters.beta2 = 0.999
      setup.hyperparameters.epsilon = 1e-10
      setup.hyperparameters.biasPower = .epoch
      return setup
    }
  }
}
