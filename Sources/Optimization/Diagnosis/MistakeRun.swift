/// A run of a setup with one of the rule ``Mistake``s built in (or none: adalab's rule),
/// stepped the way ``Run`` steps (data order; no shuffle), for `diagnose` to compare with
/// someone's trace.
struct MistakeRun {
  let setup: RunSetup
  let mistake: Mistake?
  private(set) var state: OptimizerState
  private let neuron: Neuron
  private let updatesPerEpoch: Int
  private var sum: [Double]

  init(setup: RunSetup, mistake: Mistake?) {
    self.setup = setup
    self.mistake = mistake
    state = setup.initialState
    neuron = Neuron(dataset: setup.dataset, loss: setup.training.loss)
    updatesPerEpoch = setup.training.updatesPerEpoch(count: setup.dataset.count)
    sum = [Double](repeating: 0, count: state.parameterCount)
  }

  var loss: Double { neuron.totalLoss(at: state.parameters) }
  var completedEpochs: Int { state.updateCount / updatesPerEpoch }

  /// Takes one update; false when it would leave the finite numbers (nothing changes then).
  mutating func step() -> Bool {
    let t = state.updateCount + 1
    let h = setup.hyperparameters
    let count = state.parameterCount
    var point = state.parameters
    if setup.optimizer == .nag && h.nesterovForm == .lookahead {
      for i in 0..<count { point[i] = state.parameters[i] - h.beta * state.u[i] }
    }
    var gradient = [Double](repeating: 0, count: count)
    let range: Range<Int>
    switch setup.training.batch {
    case .full: range = 0..<setup.dataset.count
    case .points(let k):
      let position = (t - 1) % updatesPerEpoch
      range = (position * k)..<min((position + 1) * k, setup.dataset.count)
    }
    neuron.gradient(at: point, over: range, into: &gradient)
    if mistake == .gradientAveraged {
      for i in 0..<count { gradient[i] /= Double(range.count) }
    }
    if mistake == .weightDecayCoupled {
      for i in 0..<count { gradient[i] += h.weightDecay * state.parameters[i] }
    }
    if mistake == .gradientsAccumulated {
      if (t - 1) % updatesPerEpoch == 0 {
        for i in 0..<count { sum[i] = 0 }
      }
      for i in 0..<count {
        sum[i] += gradient[i]
        gradient[i] = sum[i]
      }
    }
    let epoch = (t - 1) / updatesPerEpoch
    let power = h.biasPower == .epoch ? epoch + 1 : t
    let context = StepContext(
      h: h, t: t, biasPowerT: mistake == .stepCountFromZero ? power - 1 : power,
      previousMomentumProduct: state.momentumProduct
    )
    let adjusted = mistake.map { context.adjusted(for: $0) } ?? context
    var next = state
    for i in 0..<count {
      var c = Coordinate(
        parameter: state.parameters[i], gradient: gradient[i], m: state.m[i], v: state.v[i],
        u: state.u[i], vMax: state.vMax[i], mHat: 0, vHat: 0, rate: 0)
      if let mistake {
        c.applyRule(of: setup.optimizer, with: mistake, adjusted)
      } else {
        c.applyRule(of: setup.optimizer, context)
      }
      next.parameters[i] = c.parameter
      next.gradient[i] = gradient[i]
      next.m[i] = c.m
      next.v[i] = c.v
      next.u[i] = c.u
      next.vMax[i] = c.vMax
      next.mHat[i] = c.mHat
      next.vHat[i] = c.vHat
      next.rate[i] = c.rate
    }
    if setup.optimizer == .adafactor {
      // Adafactor's RMS spans a tensor: its update is by tensor (its mistakes are the
      // gradient's, already in `next.gradient`).
      _ = Adafactor.update(tensorsOf: &next, from: state, context)
    }
    next.updateCount = t
    if setup.optimizer == .nadam && h.nadamForm == .schedule {
      next.momentumProduct = context.muProduct
    }
    // Counting from 0 divides by 1 − β⁰ = 0 at the first update: the trace it explains is
    // not finite either, and the comparison sees the same NaN there.
    guard next.isFinite || mistake == .stepCountFromZero else { return false }
    state = next
    return true
  }
}
