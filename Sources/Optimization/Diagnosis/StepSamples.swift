/// The parameter steps of a trace, each with the state the rule read before it, so that
/// the rule can be replayed one update at a time from the trace's own numbers: the step
/// with η = 1 is the direction, and (θₜ₋₁ − θₜ)/direction is the rows' estimate of η.
struct StepSamples {
  private struct Sample {
    var before: Coordinate
    var t: Int
    var biasPowerT: Int
    var momentumProduct: Double
    var step: Double
  }

  private var samples: [Sample] = []
  private let optimizer: Optimizer
  private let variant: Mistake?

  var isEmpty: Bool { samples.isEmpty }

  /// The samples whose state the trace has in full; `gradients` are as the rule sees them.
  init(
    _ state: TraceState, pairs: [(Int, Int)], gradients: [[Double]], optimizer: Optimizer,
    variant: Mistake?, setup: RunSetup
  ) {
    self.optimizer = optimizer
    self.variant = variant
    let h = setup.hyperparameters
    let perEpoch = setup.training.updatesPerEpoch(count: setup.dataset.count)
    let needsU = optimizer == .adadelta
    let needsM = optimizer.isAdamFamily
    let needsVMax = optimizer == .amsgrad
    for ((before, row), g) in zip(pairs, gradients) {
      let t = state.ts[row]
      var power = h.biasPower == .epoch ? (t - 1) / perEpoch + 1 : t
      if variant == .stepCountFromZero { power -= 1 }
      let product = StepSamples.momentumProduct(upTo: t - 1, h, optimizer)
      guard let product else { continue }
      for i in g.indices {
        guard let v = state.v[before][i] else { continue }
        let m = state.m[before][i]
        let u = state.u[before][i]
        let vMax = state.vMax[before][i]
        if needsM && m == nil || needsU && u == nil || needsVMax && vMax == nil { continue }
        let theta = state.parameters[before]![i]
        let step = theta - state.parameters[row]![i]
        guard step != 0, abs(step) > 1e-9 * abs(theta) else { continue }
        samples.append(
          Sample(
            before: Coordinate(
              parameter: theta, gradient: g[i], m: m ?? 0, v: v, u: u ?? 0, vMax: vMax ?? 0,
              mHat: 0, vHat: 0, rate: 0),
            t: t, biasPowerT: power, momentumProduct: product, step: step))
      }
    }
  }

  /// Πμ over updates 1…t of NAdam's schedule (1 for other rules); nil when t is too large
  /// to multiply out.
  static func momentumProduct(upTo t: Int, _ h: Hyperparameters, _ optimizer: Optimizer)
    -> Double?
  {
    guard optimizer == .nadam && h.nadamForm == .schedule else { return 1 }
    guard t <= 100_000 else { return nil }
    var product = 1.0
    for s in stride(from: 1, through: t, by: 1) {
      product *= StepContext(h: h, t: s, biasPowerT: s, previousMomentumProduct: 1).mu
    }
    return product
  }

  /// η estimated at every sample, with the rule's other numbers from `h`.
  func ratios(_ h: Hyperparameters) -> [Double] {
    directions(h).map { $0.step / $0.direction }
  }

  /// Keeps only the first `count` samples.
  mutating func keepFirst(_ count: Int) {
    samples = Array(samples.prefix(count))
  }

  /// The number of samples.
  var count: Int { samples.count }

  /// Each sample's step, the rule's step with η = 1 (the direction), and the parameter
  /// before it (what AdamW's decoupled decay multiplies).
  func directions(_ h: Hyperparameters) -> [(step: Double, direction: Double, theta: Double)] {
    var unit = h
    unit.learningRate = 1
    var out: [(step: Double, direction: Double, theta: Double)] = []
    out.reserveCapacity(samples.count)
    for sample in samples {
      var context = StepContext(
        h: unit, t: sample.t, biasPowerT: sample.biasPowerT,
        previousMomentumProduct: sample.momentumProduct)
      var c = sample.before
      if let variant {
        context = context.adjusted(for: variant)
        c.applyRule(of: optimizer, with: variant, context)
      } else {
        c.applyRule(of: optimizer, context)
      }
      let direction = sample.before.parameter - c.parameter
      guard direction != 0, direction.isFinite else { continue }
      out.append((sample.step, direction, sample.before.parameter))
    }
    return out
  }
}
