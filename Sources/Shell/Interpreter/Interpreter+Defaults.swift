import Optimization

extension Interpreter {
  /// The rule's settings of `setup` whose values differ from its optimizer's defaults under
  /// its convention, as the command language types them: `eta 1`, `bias_correction off`.
  ///
  /// What a `compare` row or a plot title names so that a run is never mistaken for the
  /// defaults it does not use. Training settings (batch, shuffle, seed, loss) are the
  /// session's, shared by every run, and left out.
  /// `adam`, or `adam:keras` for a convention other than the notes'.
  static func runName(_ setup: RunSetup) -> String {
    setup.convention == .lecture
      ? setup.optimizer.rawValue : "\(setup.optimizer.rawValue):\(setup.convention.rawValue)"
  }

  static func settingsNotAtDefaults(_ setup: RunSetup) -> [String] {
    let defaults = RunSetup(
      dataset: .toy, optimizer: setup.optimizer, convention: setup.convention)
    return Setting.applicable(to: setup.optimizer, convention: setup.convention)
      .filter { !$0.isTraining && setup.value(of: $0) != defaults.value(of: $0) }
      .map { "\($0.rawValue) \(text(setup.value(of: $0)))" }
  }
}
