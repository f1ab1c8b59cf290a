/// A setup and its current state, and the machinery to take one update after another.
///
/// A step reads `state`, writes the next state into a second, preallocated state and swaps
/// the two, so stepping allocates nothing, and a step that would produce a non-finite
/// value is simply not committed.
struct Run {
  let setup: RunSetup
  var state: OptimizerState
  var next: OptimizerState
  var lookahead: [Double]
  let neuron: Neuron
  let updatesPerEpoch: Int
  var order: [Int]
  var orderEpoch = -1
  /// The shared numbers of the update being taken (see ``prepareContext(update:epoch:)``),
  /// and what it takes to update them cheaply: the powers the rule reads, the exponent they
  /// were last computed for, and which have vanished.
  var context: StepContext
  var powerCache: StepPowerCache
  /// Whether ``step(count:)`` may take its updates in one tight loop (see
  /// ``takesUpdatesInLoop(for:)``).
  let loopsOverBuffers: Bool

  init(setup: RunSetup, state: OptimizerState? = nil) {
    self.setup = setup
    self.state = state ?? setup.initialState
    self.next = self.state
    self.lookahead = self.state.parameters
    self.neuron = Neuron(dataset: setup.dataset, loss: setup.training.loss)
    self.updatesPerEpoch = setup.training.updatesPerEpoch(count: setup.dataset.count)
    self.order = Array(0..<setup.dataset.count)
    self.context = StepContext(
      h: setup.hyperparameters, t: 1, biasPowerT: 1, previousMomentumProduct: 1,
      includingNAdam: false)
    self.powerCache = StepPowerCache(setup.optimizer, setup.hyperparameters)
    self.loopsOverBuffers = Run.takesUpdatesInLoop(for: setup)
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
  ///
  /// This is the innermost loop of every command, so it is written for speed (a profile of
  /// ten million per-point Adam updates decided each choice):
  /// - the bias corrections' powers are reused while their exponent stays the same
  ///   (``prepareContext(update:epoch:)``);
  /// - the optimizer is switched on once per update, not once per coordinate, so each rule
  ///   is inlined into its own loop (``update(_:into:_:_:)``);
  /// - finiteness is checked on the coordinates as they are written, and the slow search for
  ///   the offending quantity runs only when something is not finite.
  mutating func step() -> Divergence? {
    let t = state.updateCount + 1
    let epoch = epochIndex(ofUpdate: t)
    computeGradient(update: t, epoch: epoch)
    prepareContext(update: t, epoch: epoch)
    let finite: Bool
    switch setup.optimizer {
    case .gd: finite = Run.update(state, into: &next, context) { $0.applyGradientDescent($1) }
    case .momentum: finite = Run.update(state, into: &next, context) { $0.applyMomentum($1) }
    case .nag: finite = Run.update(state, into: &next, context) { $0.applyNesterov($1) }
    case .adagrad: finite = Run.update(state, into: &next, context) { $0.applyAdaGrad($1) }
    case .rmsprop: finite = Run.update(state, into: &next, context) { $0.applyRMSProp($1) }
    case .adadelta: finite = Run.update(state, into: &next, context) { $0.applyAdaDelta($1) }
    case .adam: finite = Run.update(state, into: &next, context) { $0.applyAdam($1) }
    case .adamax: finite = Run.update(state, into: &next, context) { $0.applyAdaMax($1) }
    case .maxprop: finite = Run.update(state, into: &next, context) { $0.applyMaxProp($1) }
    case .nadam: finite = Run.update(state, into: &next, context) { $0.applyNAdam($1) }
    case .amsgrad: finite = Run.update(state, into: &next, context) { $0.applyAMSGrad($1) }
    case .adamw: finite = Run.update(state, into: &next, context) { $0.applyAdamW($1) }
    }
    next.updateCount = t
    next.momentumProduct =
      setup.optimizer == .nadam && setup.hyperparameters.nadamForm == .schedule
      ? context.muProduct : state.momentumProduct
    if !finite || !next.momentumProduct.isFinite {
      return firstNonFinite(in: next, step: t)
    }
    swap(&state, &next)
    return nil
  }

  /// Applies `rule` to every coordinate of `old`, writing into `new`; returns whether
  /// every value written is finite.
  ///
  /// `@inline(__always)` with a closure argument makes the compiler emit one loop per rule
  /// with the rule inlined, instead of a call through a switch for every coordinate. The
  /// nine arrays of `new` are written through buffers taken once per update (see
  /// ``OptimizerState/withMutableBuffers(_:)``), so a write costs a store, not a bounds
  /// check and a uniqueness check. It is static so that `step` can pass three stored
  /// properties of the run at once, without copying any of them.
  @inline(__always)
  private static func update(
    _ old: OptimizerState, into new: inout OptimizerState, _ context: StepContext,
    _ rule: (inout Coordinate, StepContext) -> Void
  ) -> Bool {
    new.withMutableBuffers { out in
      var finite = true
      for i in 0..<out.count {
        var c = Coordinate(
          parameter: old.parameters[i], gradient: out.gradient[i], m: old.m[i], v: old.v[i],
          u: old.u[i], vMax: old.vMax[i], mHat: 0, vHat: 0, rate: 0)
        rule(&c, context)
        out.parameters[i] = c.parameter
        out.m[i] = c.m
        out.v[i] = c.v
        out.u[i] = c.u
        out.vMax[i] = c.vMax
        out.mHat[i] = c.mHat
        out.vHat[i] = c.vHat
        out.rate[i] = c.rate
        finite = finite && c.isFinite
      }
      return finite
    }
  }

  /// Sets `context` to the numbers shared by the coordinates of update `t`.
  ///
  /// ``StepContext/init(h:t:biasPowerT:previousMomentumProduct:includingNAdam:)`` evaluates
  /// up to five powers (1 − β₁ᵏ, 1 − β₂ᵏ, 1 − β₁ᵏ⁺¹ and NAdam's two μ), which cost more than
  /// the rest of a per-point update. Here the context is updated in place, with the same
  /// bits: only the powers the rule reads are computed (``StepPowers``: none for AdaGrad,
  /// RMSProp and the other rules without bias correction), only when their exponent k
  /// changes (the notes' Adam listing counts k in epochs), and no longer once they have
  /// vanished (``VanishingPowers``); NAdam's μₜ is the previous update's μₜ₊₁; η is divided
  /// by PyTorch AdaGrad's 1 + (t − 1)·decay only when the decay is not 0.
  private mutating func prepareContext(update t: Int, epoch: Int) {
    Run.prepare(
      &context, &powerCache, setup, update: t, epoch: epoch,
      previousMomentumProduct: state.momentumProduct)
  }

  /// ``prepareContext(update:epoch:)`` on its parts, for the loop of ``step(count:)``,
  /// which holds the run's states borrowed while it calls this.
  @inline(__always)
  static func prepare(
    _ context: inout StepContext, _ cache: inout StepPowerCache, _ setup: RunSetup,
    update t: Int, epoch: Int, previousMomentumProduct: Double
  ) {
    context.t = Double(t)
    let h = setup.hyperparameters
    if h.learningRateDecay != 0 {
      context.learningRate = h.learningRate / (1 + (Double(t) - 1) * h.learningRateDecay)
    }
    guard !cache.powers.isEmpty else { return }
    let biasPowerT = h.biasPower == .epoch ? epoch + 1 : t
    if cache.biasPowerT != biasPowerT {
      context.setCorrections(biasPowerT, &cache)
      cache.biasPowerT = biasPowerT
    }
    if cache.powers.contains(.momentumSchedule) {
      context.setSchedule(t, previousMomentumProduct: previousMomentumProduct, &cache)
    }
  }

  /// The gradient of update `t` into `next.gradient`, at the look-ahead point for the
  /// notes' NAG.
  private mutating func computeGradient(update t: Int, epoch: Int) {
    let h = setup.hyperparameters
    let points: Range<Int>
    switch setup.training.batch {
    case .full: points = 0..<setup.dataset.count
    case .points(let k):
      let position = (t - 1) % updatesPerEpoch
      points = (position * k)..<min((position + 1) * k, setup.dataset.count)
    }
    let shuffled = setup.training.shuffle && setup.training.batch != .full
    if shuffled { prepareOrder(epoch: epoch) }
    if setup.optimizer == .nag && h.nesterovForm == .lookahead {
      for i in 0..<state.parameterCount {
        lookahead[i] = state.parameters[i] - h.beta * state.u[i]
      }
      Run.gradient(neuron, at: lookahead, over: points, shuffled, order, into: &next.gradient)
    } else {
      // `state.parameters` is passed straight through: binding it to a local first cost a
      // retain and a release on every update.
      Run.gradient(
        neuron, at: state.parameters, over: points, shuffled, order, into: &next.gradient)
    }
  }

  /// The gradient over `points`, or over their images in `order` when `shuffled`.
  ///
  /// Static, with the run's parts as arguments: a method on `self` called while
  /// `next.gradient` is borrowed for writing made the compiler copy the whole run.
  @inline(__always)
  private static func gradient(
    _ neuron: Neuron, at point: [Double], over points: Range<Int>, _ shuffled: Bool,
    _ order: [Int], into g: inout [Double]
  ) {
    if shuffled {
      neuron.gradient(at: point, over: order[points], into: &g)
    } else {
      neuron.gradient(at: point, over: points, into: &g)
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

  func firstNonFinite(in s: OptimizerState, step t: Int) -> Divergence? {
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
