#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The hyperparameters of one rule (adalab's, or one with a ``Mistake``) and one batch
/// size, fitted to a trace's moments and steps row by row (see ``Recovery``).
struct ExactFit {
  let variant: Mistake?
  let batch: BatchSize
  /// The fitted numbers, in the variant's switches.
  var h: Hyperparameters
  /// The decays measured: the name (β₁, β₂, β), the column it came from, its spread.
  var decays: [(name: String, source: String, spread: Double)] = []
  /// η (nil when no row pair could measure it) and the spread of the rows' estimates.
  var eta: Double?
  var etaSpread = Double.infinity
  /// The ε that fit, as a range: `lower` 0 when every small enough ε fits.
  var epsilonRange: (lower: Double, upper: Double)?
  /// Whether AdamW's λ was measured (from the steps, or from m when it is coupled).
  var measuredWeightDecay = false
  /// The row pairs the fit used, when it fits only the first ones (a fault that starts
  /// later); nil when it used them all.
  var fittedPairs: Int?
  /// The worst spread: how well this rule explains the trace (0 is perfect).
  var score = Double.infinity

  /// The optimizers whose state the fit can read.
  static func isSupported(_ optimizer: Optimizer) -> Bool {
    optimizer.isAdamFamily || [.rmsprop, .adagrad, .adadelta, .maxprop].contains(optimizer)
  }

  /// The gradients of the trace's updates at the rows before them, for a batch size.
  static func gradients(_ state: TraceState, setup: RunSetup, batch: BatchSize) -> [[Double]] {
    var training = setup.training
    training.batch = batch
    let neuron = Neuron(dataset: setup.dataset, loss: training.loss)
    let perEpoch = training.updatesPerEpoch(count: setup.dataset.count)
    return state.consecutivePairs(limit: Recovery.pairLimit).map { (before, row) in
      var g = [Double](repeating: 0, count: setup.start.count)
      neuron.gradient(
        at: state.parameters[before]!, over: batchRange(t: state.ts[row], batch, perEpoch, setup),
        into: &g)
      return g
    }
  }

  /// The points update t reads.
  static func batchRange(t: Int, _ batch: BatchSize, _ perEpoch: Int, _ setup: RunSetup)
    -> Range<Int>
  {
    switch batch {
    case .full: return 0..<setup.dataset.count
    case .points(let k):
      let position = (t - 1) % perEpoch
      return (position * k)..<min((position + 1) * k, setup.dataset.count)
    }
  }

  init?(
    _ state: TraceState, base: RunSetup, batch: BatchSize, variant: Mistake?,
    gradients rawGradients: [[Double]]
  ) {
    self.variant = variant
    self.batch = batch
    var setup = base
    setup.training.batch = batch
    if let variant, !variant.changesRule {
      guard let changed = variant.setup(from: setup) else { return nil }
      setup = changed
    }
    h = setup.hyperparameters
    let optimizer = setup.optimizer
    let pairs = state.consecutivePairs(limit: Recovery.pairLimit)
    let perEpoch = setup.training.updatesPerEpoch(count: setup.dataset.count)
    if variant == .weightDecayCoupled,
      let lambda = ExactFit.coupledDecay(state, pairs: pairs, gradients: rawGradients)
    {
      h.weightDecay = Recovery.rounded(lambda, within: 1e-9)
      measuredWeightDecay = true
    }
    let gradients = zip(pairs, rawGradients).map { pair, g in
      ExactFit.asTheRuleSees(
        g, before: state.parameters[pair.0]!, variant: variant, h: h,
        points: ExactFit.batchRange(t: state.ts[pair.1], batch, perEpoch, setup).count)
    }
    measureDecays(state, pairs: pairs, gradients: gradients, optimizer: optimizer)
    let steps = StepSamples(
      state, pairs: pairs, gradients: gradients, optimizer: optimizer, variant: variant,
      setup: setup)
    guard !steps.isEmpty else { return }
    let decoupled = optimizer == .adamw && variant != .weightDecayCoupled
    fitStepSize(steps, weightDecay: decoupled)
    score = ([etaSpread] + decays.map(\.spread)).max()!
    // A fault that starts after a few updates spoils the fit of every row: fit the first
    // rows alone, the longest prefix that still fits.
    var count = steps.count / 2
    while score > 1e-9 && etaSpread > 1e-9 && count >= 4 {
      var prefix = steps
      prefix.keepFirst(count)
      var trial = self
      trial.fitStepSize(prefix, weightDecay: decoupled)
      if trial.etaSpread <= 1e-9 {
        (h, eta, etaSpread, epsilonRange) = (
          trial.h, trial.eta, trial.etaSpread, trial.epsilonRange
        )
        measuredWeightDecay = trial.measuredWeightDecay
        fittedPairs = count
        score = ([etaSpread] + decays.map(\.spread)).max()!
        break
      }
      count /= 2
    }
  }

  /// The gradient as the variant feeds it to the rule: averaged, or with λ·w added.
  static func asTheRuleSees(
    _ g: [Double], before theta: [Double], variant: Mistake?, h: Hyperparameters, points: Int
  ) -> [Double] {
    switch variant {
    case .gradientAveraged?: return g.map { $0 / Double(points) }
    case .weightDecayCoupled?: return zip(g, theta).map { $0 + h.weightDecay * $1 }
    default: return g
    }
  }

  // MARK: - Step size and ε

  /// ε values tried: 0, and 10⁻¹⁶ … 10⁻¹ in quarter decades.
  static let epsilonGrid: [Double] = [0] + (0...60).map { pow(10, -16 + Double($0) * 0.25) }

  /// η (and AdamW's decoupled λ when `weightDecay`) and ε from the steps.
  private mutating func fitStepSize(_ steps: StepSamples, weightDecay: Bool) {
    var h1 = h
    if weightDecay { h1.weightDecay = 0 }
    var lambda = h.weightDecay
    func spread(_ epsilon: Double) -> (eta: Double, spread: Double)? {
      h1.epsilon = epsilon
      guard weightDecay else { return ExactFit.summary(steps.ratios(h1)) }
      // The step is η·direction + η·λ·θ: two numbers by least squares.
      let rows = steps.directions(h1).map { (x: $0.direction, z: $0.theta, y: $0.step) }
      guard let (eta, c) = ExactFit.leastSquares(rows), eta != 0 else { return nil }
      lambda = c / eta
      let worst = rows.map { abs(($0.y - eta * $0.x - c * $0.z) / $0.y) }.max() ?? 0
      return (eta, worst)
    }
    let spreads = ExactFit.epsilonGrid.map { spread($0)?.spread ?? .infinity }
    let bestIndex = spreads.indices.min { spreads[$0] < spreads[$1] }!
    var best = (epsilon: ExactFit.epsilonGrid[bestIndex], spread: spreads[bestIndex])
    if bestIndex > 0 {
      // Golden-section search in log ε between the grid neighbours.
      var lo = log10(ExactFit.epsilonGrid[max(1, bestIndex - 1)])
      var hi = log10(ExactFit.epsilonGrid[min(ExactFit.epsilonGrid.count - 1, bestIndex + 1)])
      let ratio = (5.0.squareRoot() - 1) / 2
      for _ in 0..<30 {
        let a = hi - ratio * (hi - lo)
        let b = lo + ratio * (hi - lo)
        let sa = spread(pow(10, a))?.spread ?? .infinity
        let sb = spread(pow(10, b))?.spread ?? .infinity
        if sa < sb { hi = b } else { lo = a }
      }
      let refined = pow(10, (lo + hi) / 2)
      if let s = spread(refined)?.spread, s < best.spread { best = (refined, s) }
    }
    // Every ε that fits about as well: the trace cannot tell them apart.
    let threshold = Swift.max(2 * best.spread, 1e-11)
    let fitting = ExactFit.epsilonGrid.indices.filter { spreads[$0] <= threshold }
    let lower = fitting.first.map { ExactFit.epsilonGrid[$0] } ?? best.epsilon
    let upper = fitting.last.map { ExactFit.epsilonGrid[$0] } ?? best.epsilon
    epsilonRange = (Swift.min(lower, best.epsilon), Swift.max(upper, best.epsilon))
    let chosen = ExactFit.roundEpsilon(best.epsilon, in: epsilonRange!, session: h.epsilon)
    guard let fitted = spread(chosen) ?? spread(best.epsilon) else { return }
    h.epsilon = spread(chosen) != nil ? chosen : best.epsilon
    eta = Recovery.rounded(fitted.eta, within: Swift.max(4 * fitted.spread, 1e-13))
    etaSpread = fitted.spread
    if weightDecay {
      h.weightDecay = Recovery.rounded(lambda, within: Swift.max(4 * fitted.spread, 1e-10))
      measuredWeightDecay = true
    }
  }

  /// The roundest ε in the range: the session's when it fits, else a power of ten, else
  /// the best value to two digits.
  static func roundEpsilon(
    _ best: Double, in range: (lower: Double, upper: Double), session: Double
  ) -> Double {
    if session >= range.lower && session <= range.upper { return session }
    let powers = (-16...0).map { pow(10, Double($0)) }.filter {
      $0 >= range.lower && $0 <= range.upper
    }
    if let nearest = powers.min(by: {
      abs(log10($0) - log10(Swift.max(best, 1e-300)))
        < abs(log10($1) - log10(Swift.max(best, 1e-300)))
    }) {
      return nearest
    }
    return Recovery.rounded(best, within: 0.05)
  }
}
