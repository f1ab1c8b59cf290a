/// A run of a setup with one of the rule ``Mistake``s built in, stepped the way ``Run``
/// steps (data order; no shuffle), for `diagnose` to compare with someone's trace.
struct MistakeRun {
  let setup: RunSetup
  let mistake: Mistake
  private(set) var state: OptimizerState
  private let neuron: Neuron
  private let updatesPerEpoch: Int
  private var sum: [Double]

  init(setup: RunSetup, mistake: Mistake) {
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
    switch setup.training.batch {
    case .full:
      neuron.gradient(at: point, over: 0..<setup.dataset.count, into: &gradient)
    case .points(let k):
      let position = (t - 1) % updatesPerEpoch
      let range = (position * k)..<min((position + 1) * k, setup.dataset.count)
      neuron.gradient(at: point, over: range, into: &gradient)
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
    let context = StepContext(
      h: h, t: t, biasPowerT: h.biasPower == .epoch ? epoch + 1 : t,
      previousMomentumProduct: state.momentumProduct)
    var next = state
    for i in 0..<count {
      var c = Coordinate(
        parameter: state.parameters[i], gradient: gradient[i], m: state.m[i], v: state.v[i],
        u: state.u[i], vMax: state.vMax[i], mHat: 0, vHat: 0, rate: 0)
      if case .dampingMissing(let first, let second) = mistake {
        c.applyUndamped(setup.optimizer, firstMoment: first, secondMoment: second, context)
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
    next.updateCount = t
    if setup.optimizer == .nadam && h.nadamForm == .schedule {
      next.momentumProduct = context.muProduct
    }
    guard next.isFinite else { return false }
    state = next
    return true
  }
}
