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
  /// The shared numbers of the update being taken (see ``prepareContext(update:epoch:)``),
  /// and the bias-correction exponent they were last built for.
  private var context: StepContext
  private var contextBiasPowerT = -1
  /// Whether ``step(count:)`` may take its updates in one tight loop (see
  /// ``takesUpdatesInLoop(for:)``).
  private let loopsOverBuffers: Bool

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
  /// the rest of a per-point update. Every optimizer but NAdam reads only the bias
  /// corrections, so NAdam's three powers are skipped for them, and the corrections depend
  /// on the exponent k alone: while k stays the same (the notes' Adam listing counts k in
  /// epochs) the context is kept with only t and η updated, the same bits the full
  /// initialiser would compute. It is updated in place: a context is a few hundred bytes.
  private mutating func prepareContext(update t: Int, epoch: Int) {
    Run.prepare(
      &context, &contextBiasPowerT, setup, update: t, epoch: epoch,
      previousMomentumProduct: state.momentumProduct)
  }

  /// ``prepareContext(update:epoch:)`` on its parts, for the loop of ``step(count:)``,
  /// which holds the run's states borrowed while it calls this.
  @inline(__always)
  private static func prepare(
    _ context: inout StepContext, _ contextBiasPowerT: inout Int, _ setup: RunSetup,
    update t: Int, epoch: Int, previousMomentumProduct: Double
  ) {
    let biasPowerT = setup.hyperparameters.biasPower == .epoch ? epoch + 1 : t
    if setup.optimizer != .nadam && contextBiasPowerT == biasPowerT {
      context.t = Double(t)
      context.learningRate =
        setup.hyperparameters.learningRate
        / (1 + (Double(t) - 1) * setup.hyperparameters.learningRateDecay)
      return
    }
    context = StepContext(
      h: setup.hyperparameters, t: t, biasPowerT: biasPowerT,
      previousMomentumProduct: previousMomentumProduct,
      includingNAdam: setup.optimizer == .nadam)
    contextBiasPowerT = biasPowerT
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

// MARK: - Many updates in one loop

extension Run {
  /// Points per update up to which ``step(count:)`` runs its own loop. Past a few points the
  /// gradient outweighs the per-update overhead this loop removes, and the neuron's blocked
  /// and parallel kernels are the ones to use.
  private static let loopPointLimit = 16

  /// Whether ``step(count:)`` can take updates in its tight loop: a few points of dense data
  /// per update, in data order (no shuffle), with the gradient at θ itself (not the notes'
  /// NAG look-ahead). These are exactly the updates whose gradient the neuron computes with
  /// its plain small dense loop, which ``smallDenseGradient(_:at:over:_:_:d:into:)``
  /// repeats operation for operation.
  private static func takesUpdatesInLoop(for setup: RunSetup) -> Bool {
    guard case .points(let k) = setup.training.batch, k <= loopPointLimit else { return false }
    let lookahead =
      setup.optimizer == .nag && setup.hyperparameters.nesterovForm == .lookahead
    return !setup.training.shuffle && !lookahead && setup.dataset.sparseColumns.count == 0
  }

  /// Takes up to `count` updates, stopping before one that would leave the finite numbers;
  /// returns the number taken and, if it stopped early, why. The same updates, bit for bit,
  /// as calling ``step()`` `count` times, only faster.
  ///
  /// ``step()`` pays, on every update, for taking the nine arrays of the next state as
  /// buffers (a uniqueness check each, a runtime call), for reading the current state
  /// through bounds-checked arrays, and for the gradient taking its own buffers again. For
  /// a per-point update those costs were larger than the arithmetic. Here both states'
  /// arrays and the data's are taken as buffers once, for the whole call, and each update
  /// swaps the two sets of buffers instead of the states; the arrays are swapped once at the
  /// end when the count of swaps is odd. The shared numbers (``StepContext``) live in a
  /// local that each update changes in place, and the optimizer is switched on once per
  /// call: the loop is generic over the rule's type (``CoordinateRule``), so the compiler
  /// specialises one loop per rule with the rule inlined. (With the rule as a closure, as
  /// ``step()`` has it, the closure stayed an indirect call inside the buffers' closures,
  /// and the shared numbers were copied for every update.)
  ///
  /// Callers bound `count` by their next interrupt poll and checkpoint, so a call is short.
  mutating func step(count: Int) -> (taken: Int, divergence: Divergence?) {
    guard loopsOverBuffers else {
      for taken in 0..<count {
        if let divergence = step() { return (taken, divergence) }
      }
      return (count, nil)
    }
    guard count > 0 else { return (0, nil) }
    // One call per case with the rule's concrete type (not an `any CoordinateRule.Type`),
    // so each is a call of a specialised loop.
    let outcome: Loop.Outcome
    switch setup.optimizer {
    case .gd: outcome = loop(count, GradientDescentRule.self)
    case .momentum: outcome = loop(count, MomentumRule.self)
    case .nag: outcome = loop(count, NesterovRule.self)
    case .adagrad: outcome = loop(count, AdaGradRule.self)
    case .rmsprop: outcome = loop(count, RMSPropRule.self)
    case .adadelta: outcome = loop(count, AdaDeltaRule.self)
    case .adam: outcome = loop(count, AdamRule.self)
    case .adamax: outcome = loop(count, AdaMaxRule.self)
    case .maxprop: outcome = loop(count, MaxPropRule.self)
    case .nadam: outcome = loop(count, NAdamRule.self)
    case .amsgrad: outcome = loop(count, AMSGradRule.self)
    case .adamw: outcome = loop(count, AdamWRule.self)
    }
    let t = state.updateCount + outcome.taken
    if outcome.swapped { swap(&state, &next) }
    state.updateCount = t
    state.momentumProduct = outcome.momentumProduct
    guard let rejected = outcome.rejectedMomentumProduct else { return (outcome.taken, nil) }
    next.updateCount = t + 1
    next.momentumProduct = rejected
    return (outcome.taken, firstNonFinite(in: next, step: t + 1))
  }

  /// Runs the loop of ``step(count:)`` with `rule` on the run's states and shared numbers.
  private mutating func loop<Rule: CoordinateRule>(_ count: Int, _ rule: Rule.Type)
    -> Loop.Outcome
  {
    Loop(setup: setup, updatesPerEpoch: updatesPerEpoch).run(
      count, &state, &next, &context, &contextBiasPowerT, rule)
  }

  /// The loop of ``step(count:)`` and the run's parts it reads.
  ///
  /// A separate value so that the loop can read the setup while the run's states are
  /// borrowed for writing: a method on the run itself would conflict with those borrows.
  private struct Loop {
    let setup: RunSetup
    let updatesPerEpoch: Int

    /// What a call of ``run(_:_:_:_:_:_:)`` did.
    struct Outcome {
      /// Updates taken.
      var taken: Int
      /// Whether the newest state is in the arrays of `next` (an odd number of swaps).
      var swapped: Bool
      /// Πμ after the last update taken.
      var momentumProduct: Double
      /// Πμ of the update that was not taken, when one was refused.
      var rejectedMomentumProduct: Double?
    }

    /// Takes up to `count` updates of `rule`, from `state` into `next` and back, as
    /// ``Run/step(count:)`` describes. Leaves the scalars of both states alone.
    func run<Rule: CoordinateRule>(
      _ count: Int, _ state: inout OptimizerState, _ next: inout OptimizerState,
      _ context: inout StepContext, _ contextBiasPowerT: inout Int, _ rule: Rule.Type
    ) -> Outcome {
      let first = state.updateCount + 1
      let schedulesMomentum =
        setup.optimizer == .nadam && setup.hyperparameters.nadamForm == .schedule
      var outcome = Outcome(
        taken: 0, swapped: false, momentumProduct: state.momentumProduct,
        rejectedMomentumProduct: nil)
      guard case .points(let k) = setup.training.batch else { return outcome }
      let n = setup.dataset.count
      let d = setup.dataset.denseCount
      let loss = setup.training.loss
      state.withMutableBuffers { current in
        next.withMutableBuffers { spare in
          setup.dataset.denseValues.withUnsafeBufferPointer { x in
            setup.dataset.targets.withUnsafeBufferPointer { y in
              var (current, spare) = (current, spare)
              while outcome.taken < count {
                let t = first + outcome.taken
                let (epoch, position) = (t - 1).quotientAndRemainder(dividingBy: updatesPerEpoch)
                let points = (position * k)..<Swift.min((position + 1) * k, n)
                Run.smallDenseGradient(
                  loss, at: current.parameters, over: points, x, y, d: d, into: spare.gradient)
                Run.prepare(
                  &context, &contextBiasPowerT, setup, update: t, epoch: epoch,
                  previousMomentumProduct: outcome.momentumProduct)
                let finite = Run.update(current, into: spare, context, Rule.self)
                let product = schedulesMomentum ? context.muProduct : outcome.momentumProduct
                guard finite && product.isFinite else {
                  outcome.rejectedMomentumProduct = product
                  return
                }
                outcome.momentumProduct = product
                swap(&current, &spare)
                outcome.swapped.toggle()
                outcome.taken += 1
              }
            }
          }
        }
      }
      return outcome
    }
  }

  /// ``update(_:into:_:_:)`` on buffers: the same coordinates, the same rule, the same
  /// order of writes.
  @inline(__always)
  private static func update<Rule: CoordinateRule>(
    _ old: StateBuffers, into new: StateBuffers, _ context: StepContext, _ rule: Rule.Type
  ) -> Bool {
    var finite = true
    for i in 0..<new.count {
      var c = Coordinate(
        parameter: old.parameters[i], gradient: new.gradient[i], m: old.m[i], v: old.v[i],
        u: old.u[i], vMax: old.vMax[i], mHat: 0, vHat: 0, rate: 0)
      Rule.apply(&c, context)
      new.parameters[i] = c.parameter
      new.m[i] = c.m
      new.v[i] = c.v
      new.u[i] = c.u
      new.vMax[i] = c.vMax
      new.mHat[i] = c.mHat
      new.vHat[i] = c.vHat
      new.rate[i] = c.rate
      finite = finite && c.isFinite
    }
    return finite
  }

  /// The gradient at `p` over a few points of dense data, into `g`: the neuron's own loop
  /// (``Neuron/denseGradient(_:at:over:_:_:d:into:)``) on buffers the caller already holds,
  /// so that a per-point update takes none and the bits are the neuron's.
  @inline(__always)
  private static func smallDenseGradient(
    _ loss: LossFunction, at p: UnsafeMutableBufferPointer<Double>, over range: Range<Int>,
    _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, d: Int,
    into g: UnsafeMutableBufferPointer<Double>
  ) {
    Neuron.denseGradient(loss, at: UnsafeBufferPointer(p), over: range, x, y, d: d, into: g)
  }
}

/// An optimizer's update of one coordinate, as a type rather than a closure, so that the
/// loop of ``Run/step(count:)``, generic over it, is specialised per optimizer with the rule
/// inlined; a closure passed into the nested buffer closures stayed an indirect call.
private protocol CoordinateRule {
  static func apply(_ c: inout Coordinate, _ s: StepContext)
}

private enum GradientDescentRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyGradientDescent(s)
  }
}

private enum MomentumRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyMomentum(s)
  }
}

private enum NesterovRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyNesterov(s)
  }
}

private enum AdaGradRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyAdaGrad(s) }
}

private enum RMSPropRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyRMSProp(s) }
}

private enum AdaDeltaRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyAdaDelta(s)
  }
}

private enum AdamRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyAdam(s) }
}

private enum AdaMaxRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyAdaMax(s) }
}

private enum MaxPropRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyMaxProp(s) }
}

private enum NAdamRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyNAdam(s) }
}

private enum AMSGradRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyAMSGrad(s) }
}

private enum AdamWRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyAdamW(s) }
}
