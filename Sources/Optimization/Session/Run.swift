/// A setup and its current state, and the machinery to take one update after another.
///
/// A step reads `state`, writes the next state into a second, preallocated state and swaps
/// the two, so stepping allocates nothing, and a step that would produce a non-finite
/// value is simply not committed.
struct Run {
  let setup: RunSetup
  private(set) var state: OptimizerState
  private var next: OptimizerState
  private var lookahead: [Double]
  private let neuron: Neuron
  private let updatesPerEpoch: Int
  private var order: [Int]
  private var orderEpoch = -1

  init(setup: RunSetup, state: OptimizerState? = nil) {
    self.setup = setup
    self.state = state ?? setup.initialState
    self.next = self.state
    self.lookahead = self.state.parameters
    self.neuron = Neuron(dataset: setup.dataset, loss: setup.training.loss)
    self.updatesPerEpoch = setup.training.updatesPerEpoch(count: setup.dataset.count)
    self.order = Array(0..<setup.dataset.count)
  }

  /// Points in one update at most.
  var pointsPerUpdate: Int { setup.training.pointsPerUpdate(count: setup.dataset.count) }

  /// The epoch (0-based) that update `t` (1-based) belongs to.
  func epochIndex(ofUpdate t: Int) -> Int { (t - 1) / updatesPerEpoch }

  /// The number of completed passes over the data.
  var completedEpochs: Int { state.updateCount / updatesPerEpoch }

  /// Replaces the current state, e.g. with a checkpoint.
  mutating func restore(_ saved: OptimizerState) {
    state = saved
  }

  /// The loss at the current parameters, summed over every point.
  var loss: Double { neuron.totalLoss(at: state.parameters) }

  /// Takes update t + 1, or returns why it cannot without leaving the finite numbers.
  mutating func step() -> Divergence? {
    let t = state.updateCount + 1
    let epoch = epochIndex(ofUpdate: t)
    computeGradient(update: t, epoch: epoch)
    let h = setup.hyperparameters
    let context = StepContext(
      h: h, t: t, biasPowerT: h.biasPower == .epoch ? epoch + 1 : t,
      previousMomentumProduct: state.momentumProduct)
    for i in 0..<state.parameterCount {
      var c = Coordinate(
        parameter: state.parameters[i], gradient: next.gradient[i], m: state.m[i],
        v: state.v[i], u: state.u[i], vMax: state.vMax[i], mHat: 0, vHat: 0, rate: 0)
      apply(setup.optimizer, to: &c, context)
      next.parameters[i] = c.parameter
      next.m[i] = c.m
      next.v[i] = c.v
      next.u[i] = c.u
      next.vMax[i] = c.vMax
      next.mHat[i] = c.mHat
      next.vHat[i] = c.vHat
      next.rate[i] = c.rate
    }
    next.updateCount = t
    next.momentumProduct =
      setup.optimizer == .nadam && h.nadamForm == .schedule
      ? context.muProduct : state.momentumProduct
    if let divergence = firstNonFinite(in: next, step: t) { return divergence }
    swap(&state, &next)
    return nil
  }

  private func apply(_ optimizer: Optimizer, to c: inout Coordinate, _ s: StepContext) {
    switch optimizer {
    case .gd: c.applyGradientDescent(s)
    case .momentum: c.applyMomentum(s)
    case .nag: c.applyNesterov(s)
    case .adagrad: c.applyAdaGrad(s)
    case .rmsprop: c.applyRMSProp(s)
    case .adadelta: c.applyAdaDelta(s)
    case .adam: c.applyAdam(s)
    case .adamax: c.applyAdaMax(s)
    case .maxprop: c.applyMaxProp(s)
    case .nadam: c.applyNAdam(s)
    case .amsgrad: c.applyAMSGrad(s)
    case .adamw: c.applyAdamW(s)
    }
  }

  /// The gradient of update `t` into `next.gradient`, at the look-ahead point for the
  /// notes' NAG.
  private mutating func computeGradient(update t: Int, epoch: Int) {
    let h = setup.hyperparameters
    let point: [Double]
    if setup.optimizer == .nag && h.nesterovForm == .lookahead {
      for i in 0..<state.parameterCount {
        lookahead[i] = state.parameters[i] - h.beta * state.u[i]
      }
      point = lookahead
    } else {
      point = state.parameters
    }
    switch setup.training.batch {
    case .full:
      neuron.gradient(at: point, over: 0..<setup.dataset.count, into: &next.gradient)
    case .points(let k):
      let position = (t - 1) % updatesPerEpoch
      let range = (position * k)..<min((position + 1) * k, setup.dataset.count)
      if setup.training.shuffle {
        prepareOrder(epoch: epoch)
        neuron.gradient(at: point, over: order[range], into: &next.gradient)
      } else {
        neuron.gradient(at: point, over: range, into: &next.gradient)
      }
    }
  }

  /// The shuffled order of epoch `epoch`: a Fisher–Yates shuffle seeded by (seed, epoch),
  /// so any epoch's order can be rebuilt without replaying the ones before it.
  private mutating func prepareOrder(epoch: Int) {
    guard orderEpoch != epoch else { return }
    var generator = SplitMix64(
      seed: setup.training.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(epoch))
    for i in order.indices { order[i] = i }
    var i = order.count - 1
    while i > 0 {
      let j = Int(generator.next() % UInt64(i + 1))
      order.swapAt(i, j)
      i -= 1
    }
    orderEpoch = epoch
  }

  private func firstNonFinite(in s: OptimizerState, step t: Int) -> Divergence? {
    let d = s.parameterCount - 1
    let checks: [(KeyPath<OptimizerState, [Double]>, Quantity, Quantity)] = [
      (\.gradient, .dw, .db), (\.m, .mW, .mB), (\.v, .vW, .vB), (\.u, .uW, .uB),
      (\.vMax, .vmaxW, .vmaxB), (\.mHat, .mHatW, .mHatB), (\.vHat, .vHatW, .vHatB),
      (\.rate, .lrW, .lrB), (\.parameters, .w, .b),
    ]
    guard !s.isFinite else { return nil }
    for (path, weightName, biasName) in checks {
      let values = s[keyPath: path]
      if let i = values.firstIndex(where: { !$0.isFinite }) {
        return Divergence(step: t, quantity: i == d ? biasName : weightName, parameterIndex: i)
      }
    }
    return Divergence(step: t, quantity: .mHatB, parameterIndex: d)
  }
}
