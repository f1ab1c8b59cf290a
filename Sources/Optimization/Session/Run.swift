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
  /// The clipped gradient ĝ while the rule reads it (``Clipping``); unused when clipping is
  /// off.
  var clipped: [Double]
  let neuron: Neuron
  let updatesPerEpoch: Int
  var order: [Int]
  var orderEpoch = -1
  /// The shared numbers of the update being taken (see
  /// ``prepare(_:_:_:update:epoch:previousMomentumProduct:_:)``), and what it takes to update
  /// them cheaply: the powers the rule reads (``UpdateRule/sharedNumbers(for:)``, looked up
  /// once), the exponent they were last computed for, and which have vanished.
  var context: StepContext
  var powerCache: StepPowerCache
  /// Whether ``step(count:)`` may take its updates in one tight loop (see
  /// ``takesUpdatesInLoop(for:)``).
  let loopsOverBuffers: Bool
  /// Whether the gradient is clipped before the rule reads it (``Clipping``).
  let clips: Bool
  /// The update after which the rule's own count starts (0, or where `use … from here`
  /// started it afresh; see ``Change/origin``): the rule sees update t as t − origin, and
  /// its epochs from the one holding update origin + 1.
  let origin: Int
  let originEpoch: Int

  init(setup: RunSetup, state: OptimizerState? = nil, origin: Int = 0) {
    self.setup = setup
    self.origin = origin
    self.state = state ?? setup.initialState
    if setup.schedule != nil || self.state.plateau != nil {
      self.state.plateau = Run.plateau(for: setup, origin: origin, from: self.state)
    }
    self.next = self.state
    self.lookahead = self.state.parameters
    self.clipped = self.state.gradient
    self.neuron = Neuron(dataset: setup.dataset, loss: setup.training.loss)
    self.updatesPerEpoch = setup.training.updatesPerEpoch(count: setup.dataset.count)
    self.originEpoch = origin / updatesPerEpoch
    self.order = Array(0..<setup.dataset.count)
    self.context = StepContext(
      h: setup.hyperparameters, t: 1, biasPowerT: 1, previousMomentumProduct: 1,
      includingNAdam: false)
    self.powerCache = StepPowerCache(
      setup.optimizer.updateRule.sharedNumbers(for: setup.hyperparameters))
    self.loopsOverBuffers = Run.takesUpdatesInLoop(for: setup)
    self.clips = setup.hyperparameters.clipping.isOn
    self.powerCache.learningRate = setup.schedule.map {
      ScheduleCursor(
        $0, base: setup.hyperparameters.learningRate, origin: origin,
        updatesPerEpoch: updatesPerEpoch)
    }
    if !setup.betaSchedules.isEmpty || setup.schedule?.cyclesMomentum == true {
      self.powerCache.betas = BetaCursors(
        setup, origin: origin, updatesPerEpoch: updatesPerEpoch)
    }
    if state == nil { self.state.learningRate = upcomingLearningRate }
  }

  /// The η update t + 1 will use, from the same ``prepare(_:_:_:update:epoch:previousMomentumProduct:_:)``
  /// (and ReduceLROnPlateau's rate) as the update itself (on copies: the run does not
  /// change), so that a state at t = 0 records the η of update 1 whatever sets it.
  var upcomingLearningRate: Double {
    let t = state.updateCount + 1
    var (context, cache) = (self.context, self.powerCache)
    Run.prepare(
      &context, &cache, setup, update: t - origin, epoch: epochIndex(ofUpdate: t) - originEpoch,
      previousMomentumProduct: state.momentumProduct, ScheduledRates.self)
    if let plateau = state.plateau {
      Run.usePlateauRate(plateau, &context, setup, update: t - origin)
    }
    return context.learningRate
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
    setup.optimizer.updateRule.takeUpdates(1, of: &self).divergence
  }

  /// Takes up to `count` updates, stopping before one that would leave the finite numbers;
  /// returns the number taken and, if it stopped early, why. The same updates, bit for bit,
  /// as calling ``step()`` `count` times.
  ///
  /// The call goes through the optimizer's rule type once (``UpdateRule/takeUpdates(_:of:)``)
  /// and lands in ``takeUpdates(_:_:)`` specialised for that rule, so each rule is inlined
  /// into its own loop. Callers bound `count` by their next interrupt poll and checkpoint,
  /// so a call is short.
  mutating func step(count: Int) -> (taken: Int, divergence: Divergence?) {
    guard count > 0 else { return (0, nil) }
    return setup.optimizer.updateRule.takeUpdates(count, of: &self)
  }

  /// ``step(count:)`` for the rule `Rule`: the tight per-point loop when the setup allows
  /// it (``takesUpdatesInLoop(for:)``), else one general update after another, specialised
  /// for clipping or not (``GradientStage``), so that the loop without clipping does not even
  /// test for it.
  mutating func takeUpdates<Rule: UpdateRule>(_ count: Int, _ rule: Rule.Type) -> (
    taken: Int, divergence: Divergence?
  ) {
    if loopsOverBuffers { return loop(count, rule) }
    return takeGeneralUpdates(count, rule)
  }

  /// Up to `count` general updates of `Rule`, one after another (never the tight per-point
  /// loop, which applies a rule one coordinate at a time: Adafactor, whose update reads
  /// whole tensors, takes its updates here).
  mutating func takeGeneralUpdates<Rule: UpdateRule>(_ count: Int, _ rule: Rule.Type) -> (
    taken: Int, divergence: Divergence?
  ) {
    clips ? takeUpdates(count, rule, Clipped.self) : takeUpdates(count, rule, Unclipped.self)
  }

  private mutating func takeUpdates<Rule: UpdateRule, Stage: GradientStage>(
    _ count: Int, _ rule: Rule.Type, _ stage: Stage.Type
  ) -> (taken: Int, divergence: Divergence?) {
    for taken in 0..<count {
      if let divergence = takeUpdate(rule, stage) { return (taken, divergence) }
    }
    return (count, nil)
  }

  /// Takes one update with `Rule`, whatever the data, batch and order: the general path.
  ///
  /// This is the innermost loop of every command that is not per-point on a few dense
  /// points, so it is written for speed (a profile of ten million per-point Adam updates
  /// decided each choice):
  /// - the bias corrections' powers are reused while their exponent stays the same
  ///   (``prepare(_:_:_:update:epoch:previousMomentumProduct:_:)``);
  /// - the rule is a type parameter, so it is inlined into ``update(_:into:_:_:)``;
  /// - finiteness is checked on the coordinates as they are written, and the slow search for
  ///   the offending quantity runs only when something is not finite;
  /// - whether it clips is a type parameter too, so the update without clipping has no test.
  private mutating func takeUpdate<Rule: UpdateRule, Stage: GradientStage>(
    _ rule: Rule.Type, _ stage: Stage.Type
  ) -> Divergence? {
    let t = state.updateCount + 1
    let epoch = epochIndex(ofUpdate: t)
    computeGradient(
      update: t, epoch: epoch,
      atLookahead: Rule.takesGradientAtLookahead(setup.hyperparameters))
    // Clipping puts ĝ where the rule reads the gradient, and the loss's gradient back after.
    if Stage.clips { clipGradient() }
    Run.prepare(
      &context, &powerCache, setup, update: t - origin,
      epoch: epoch - originEpoch,
      previousMomentumProduct: state.momentumProduct, ScheduledRates.self)
    if let plateau = state.plateau {
      Run.usePlateauRate(plateau, &context, setup, update: t - origin)
    }
    let finite = Run.update(state, into: &next, context, rule)
    if Stage.clips { swap(&next.gradient, &clipped) }
    next.updateCount = t
    next.learningRate = context.learningRate
    next.momentumProduct =
      Rule.schedulesMomentum(setup.hyperparameters) ? context.muProduct : state.momentumProduct
    if !finite || !next.momentumProduct.isFinite {
      return firstNonFinite(in: next, step: t)
    }
    if state.plateau != nil { next.plateau = state.plateau }
    swap(&state, &next)
    if state.plateau != nil { stepPlateau(after: t) }
    return nil
  }

  /// Applies `Rule` to every coordinate of `old`, writing into `new`; returns whether every
  /// value written is finite. Static, so that ``takeUpdate(_:_:)`` can pass two stored
  /// properties of the run at once without copying either.
  @inline(__always)
  private static func update<Rule: UpdateRule>(
    _ old: OptimizerState, into new: inout OptimizerState, _ context: StepContext,
    _ rule: Rule.Type
  ) -> Bool {
    old.withBuffersForReading { old in
      new.withMutableBuffers { new in Rule.updateCoordinates(old, into: new, context) }
    }
  }

  /// The update of every coordinate, the one loop both paths run: reads `old`, writes
  /// `new`, `Rule` inlined; returns whether every value written is finite.
  ///
  /// The nine arrays are read and written through buffers (see
  /// ``OptimizerState/withMutableBuffers(_:)``), so a write costs a store, not a bounds
  /// check and a uniqueness check.
  @inline(__always)
  static func update<Rule: UpdateRule>(
    _ old: StateBuffers, into new: StateBuffers, _ context: StepContext, _ rule: Rule.Type
  ) -> Bool {
    var finite = true
    for i in 0..<new.count {
      var c = old.coordinate(i, gradient: new.gradient[i])
      Rule.apply(&c, context)
      new.store(c, at: i)
      finite = finite && c.isFinite
    }
    return finite
  }

  /// Sets `context` to the numbers shared by the coordinates of update `t`, for a rule that
  /// reads `cache.numbers`.
  ///
  /// ``StepContext/init(h:t:biasPowerT:previousMomentumProduct:includingNAdam:)`` evaluates
  /// up to five powers (1 − β₁ᵏ, 1 − β₂ᵏ, 1 − β₁ᵏ⁺¹ and NAdam's two μ), which cost more than
  /// the rest of a per-point update. Here the context is updated in place, with the same
  /// bits: only the powers the rule declares for its settings are computed
  /// (``UpdateRule/sharedNumbers(for:)``: none for AdaGrad, RMSProp and the other rules
  /// without bias correction), only when their exponent k changes (the notes' Adam listing
  /// counts k in epochs), and no longer once they have vanished (``StepPowerCache``); NAdam's
  /// μₜ is the previous update's μₜ₊₁; η is the schedule's ηₜ when the setup has one
  /// (``ScheduleCursor``), divided by PyTorch AdaGrad's 1 + (t − 1)·decay only when the decay
  /// is not 0, as torch's `clr = lr/(1 + (step − 1)·lr_decay)` reads the scheduled lr.
  /// Static, on the run's parts, for the loop of ``step(count:)``, which holds the run's
  /// states borrowed while it calls this.
  ///
  /// `rates` says whether the run's η or β may vary at all (``ScheduledRates``) or not
  /// (``FixedRates``), so that the tight loop of a run without a schedule or a decay does not
  /// even test for them: with ``FixedRates`` the context keeps the η and β it was made with.
  @inline(__always)
  static func prepare<Rates: RateStage>(
    _ context: inout StepContext, _ cache: inout StepPowerCache, _ setup: RunSetup,
    update t: Int, epoch: Int, previousMomentumProduct: Double, _ rates: Rates.Type
  ) {
    context.t = Double(t)
    let h = setup.hyperparameters
    if Rates.vary, let eta = cache.learningRate?.rate(update: t, epoch: epoch) {
      // A schedule's ηₜ, for the rules that read η (`h`) and those that read it decayed.
      context.h.learningRate = eta
      context.learningRate =
        h.learningRateDecay != 0 ? eta / (1 + (Double(t) - 1) * h.learningRateDecay) : eta
    } else if Rates.vary, h.learningRateDecay != 0 {
      context.learningRate = h.learningRate / (1 + (Double(t) - 1) * h.learningRateDecay)
    }
    if Rates.vary, case .some = cache.betas {
      scheduleBetas(&context, &cache, update: t, epoch: epoch)
    }
    guard !cache.numbers.isEmpty else { return }
    let biasPowerT = h.biasPower == .epoch ? epoch + 1 : t
    if cache.biasPowerT != biasPowerT {
      context.setCorrections(biasPowerT, &cache)
      cache.biasPowerT = biasPowerT
    }
    if cache.numbers.contains(.momentumSchedule) {
      context.setSchedule(t, previousMomentumProduct: previousMomentumProduct, &cache)
    }
  }

  /// Sets β₁ and β₂ of update `t` from their schedules, and makes the corrections be
  /// computed afresh: 1 − βᵗ with the current β (optax's `scale_by_adam` under
  /// `inject_hyperparams`, and torch's Adam under OneCycleLR's cycle_momentum), so neither
  /// the last exponent nor a vanished power holds any more.
  @inline(never)
  static func scheduleBetas(
    _ context: inout StepContext, _ cache: inout StepPowerCache, update t: Int, epoch: Int
  ) {
    cache.betas!.set(&context.h, update: t, epoch: epoch)
    cache.biasPowerT = -1
    cache.beta1Vanishes = .max
    cache.beta2Vanishes = .max
  }

  /// The points update `t` reads: all of them for a full batch, else the batch of k that
  /// update t takes in its epoch (the last batch of an epoch may be shorter), as positions in
  /// the epoch's order.
  @inline(__always)
  func points(ofUpdate t: Int) -> Range<Int> {
    switch setup.training.batch {
    case .full: return 0..<setup.dataset.count
    case .points(let k):
      let position = (t - 1) % updatesPerEpoch
      return (position * k)..<min((position + 1) * k, setup.dataset.count)
    }
  }

  /// The gradient of update `t` into `next.gradient`, at the look-ahead point θ − β·u when
  /// the rule asks for it (the notes' NAG). ``MistakeRun`` takes its gradients from here too.
  mutating func computeGradient(update t: Int, epoch: Int, atLookahead: Bool) {
    let h = setup.hyperparameters
    let points = points(ofUpdate: t)
    let shuffled = setup.training.shuffle && setup.training.batch != .full
    if shuffled { prepareOrder(epoch: epoch) }
    if atLookahead {
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

  /// Whether the run's η or β vary from update to update (a schedule of η or β, or PyTorch
  /// AdaGrad's `lr_decay`), as a type: a constant in each specialisation of
  /// ``prepare(_:_:_:update:epoch:previousMomentumProduct:_:)``. The general update always
  /// passes ``ScheduledRates`` (which tests for each at run time); the tight loop
  /// (``loop(_:_:)``) is specialised for both (``ratesVary``).
  protocol RateStage { static var vary: Bool { get } }
  enum FixedRates: RateStage { static var vary: Bool { false } }
  enum ScheduledRates: RateStage { static var vary: Bool { true } }

  /// Whether the general update clips the gradient, as a type: a constant in each
  /// specialisation of ``takeUpdate(_:_:)``.
  private protocol GradientStage { static var clips: Bool { get } }
  private enum Unclipped: GradientStage { static var clips: Bool { false } }
  private enum Clipped: GradientStage { static var clips: Bool { true } }

  /// Clips the gradient just computed and swaps ĝ into `next.gradient`, where the rule
  /// reads it; the loss's gradient waits in `clipped` until it is swapped back.
  mutating func clipGradient() {
    setup.hyperparameters.clipping.clip(next.gradient, into: &clipped, under: setup.convention)
    swap(&next.gradient, &clipped)
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
