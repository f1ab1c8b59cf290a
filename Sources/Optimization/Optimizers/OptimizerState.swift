/// Everything an optimizer keeps between steps, for all parameters at once.
///
/// Every array has one entry per parameter: the d weights w₁…w_d first, then the bias b
/// last. The arrays a given optimizer does not use stay at their initial value.
public struct OptimizerState: Equatable, Sendable {
  /// The parameters θ = (w₁, …, w_d, b).
  public internal(set) var parameters: [Double]
  /// The gradient used by the last update (at the look-ahead point for the notes' NAG).
  public internal(set) var gradient: [Double]
  /// The first moment m (Adam family), raw.
  public internal(set) var m: [Double]
  /// The second moment or accumulator v: AdaGrad's Σg², the EMA of g², or the L∞ norm.
  public internal(set) var v: [Double]
  /// AdaDelta's EMA of squared updates, or the velocity u of momentum and NAG.
  public internal(set) var u: [Double]
  /// AMSGrad's running maximum.
  public internal(set) var vMax: [Double]
  /// The bias-corrected first moment, or the direction the last step moved along.
  public internal(set) var mHat: [Double]
  /// The bias-corrected second moment of the last step.
  public internal(set) var vHat: [Double]
  /// The effective learning rate of the last step: what multiplied the direction.
  public internal(set) var rate: [Double]
  /// t, the number of updates taken.
  public internal(set) var updateCount: Int
  /// Πμ, the running product of NAdam's momentum schedule.
  public internal(set) var momentumProduct: Double
  /// ηₜ, the learning rate the last update used (before the first update, the one update 1
  /// will use): the setting η, or η decayed by PyTorch AdaGrad's `lr_decay`, a schedule, or a
  /// value `set` mid-run. Recorded from ``StepContext/learningRate`` by every update path.
  public internal(set) var learningRate: Double
  /// ReduceLROnPlateau's state when the run's schedule is one (``PlateauState``), else nil.
  public internal(set) var plateau: PlateauState?

  /// A state before any update: parameters at `start`, v at `initialAccumulator`, m at
  /// `initialFirstMoment`, η at `learningRate`, the rest 0.
  public init(
    start: [Double], initialAccumulator: Double = 0, initialFirstMoment: Double = 0,
    learningRate: Double = 0
  ) {
    let zeros = [Double](repeating: 0, count: start.count)
    parameters = start
    gradient = zeros
    m = [Double](repeating: initialFirstMoment, count: start.count)
    v = [Double](repeating: initialAccumulator, count: start.count)
    u = zeros
    vMax = zeros
    mHat = zeros
    vHat = zeros
    rate = zeros
    updateCount = 0
    momentumProduct = 1
    self.learningRate = learningRate
  }

  /// The number of parameters, d + 1.
  public var parameterCount: Int { parameters.count }

  /// Whether every number in the state is finite.
  public var isFinite: Bool {
    func allFinite(_ values: [Double]) -> Bool {
      for x in values where !x.isFinite { return false }
      return true
    }
    return allFinite(parameters) && allFinite(gradient) && allFinite(m) && allFinite(v)
      && allFinite(u) && allFinite(vMax) && allFinite(mHat) && allFinite(vHat)
      && allFinite(rate) && momentumProduct.isFinite
  }
}
