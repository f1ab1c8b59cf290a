/// Many updates in one loop: the per-point path of ``Run``. Between two interrupt polls or
/// checkpoints it takes the state's buffers once and runs a loop specialised per rule, with
/// the same operations in the same order as the general update, so the bits are the same.
extension Run {
  /// Points per update up to which ``step(count:)`` runs its own loop. Past a few points the
  /// gradient outweighs the per-update overhead this loop removes, and the neuron's blocked
  /// and parallel kernels are the ones to use.
  private static let loopPointLimit = 16

  /// Whether ``step(count:)`` can take updates in its tight loop: a few points of dense data
  /// per update, in data order (no shuffle), no clipping (the general path clips) and no
  /// ReduceLROnPlateau (which reads the loss after each epoch, see ``stepPlateau(after:)``).
  /// These are exactly the updates whose gradient the
  /// neuron computes with its plain small dense loop, which
  /// ``smallDenseGradient(_:at:over:_:_:d:into:)`` repeats operation for operation (at the
  /// notes' NAG look-ahead point θ − β·u when the rule asks for it, as ``step()`` does).
  static func takesUpdatesInLoop(for setup: RunSetup) -> Bool {
    guard case .points(let k) = setup.training.batch, k <= loopPointLimit else { return false }
    return !setup.training.shuffle && setup.dataset.sparseColumns.count == 0
      && !setup.hyperparameters.clipping.isOn && setup.schedule?.followsLoss != true
  }

  /// Whether η or β vary from update to update in this run: a schedule of η or β, or PyTorch
  /// AdaGrad's `lr_decay` (see ``RateStage``). Fixed when the run is made, as its setup is.
  var ratesVary: Bool {
    powerCache.learningRate != nil || powerCache.betas != nil
      || setup.hyperparameters.learningRateDecay != 0
  }

  /// Takes up to `count` updates of `Rule` in the tight loop; returns the number taken and,
  /// if it stopped early, why.
  ///
  /// The general update (``takeUpdate(_:_:)``) pays, on every update, for taking the nine
  /// arrays of both states as buffers (a uniqueness check each, a runtime call) and for the
  /// gradient taking its own buffers again. For a per-point update those costs were larger
  /// than the arithmetic. Here both states' arrays and the data's are taken as buffers once,
  /// for the whole call, and each update swaps the two sets of buffers instead of the
  /// states; the arrays are swapped once at the end when the count of swaps is odd. The
  /// shared numbers (``StepContext``) live in a local that each update changes in place.
  /// The coordinates go through the same ``update(_:into:_:_:)`` as the general path.
  mutating func loop<Rule: UpdateRule>(_ count: Int, _ rule: Rule.Type) -> (
    taken: Int, divergence: Divergence?
  ) {
    let loop = Loop(
      setup: setup, updatesPerEpoch: updatesPerEpoch, origin: origin, originEpoch: originEpoch)
    let outcome =
      ratesVary
      ? loop.run(count, &state, &next, &context, &powerCache, rule, ScheduledRates.self)
      : loop.run(count, &state, &next, &context, &powerCache, rule, FixedRates.self)
    let t = state.updateCount + outcome.taken
    if outcome.swapped { swap(&state, &next) }
    state.updateCount = t
    state.momentumProduct = outcome.momentumProduct
    state.learningRate = outcome.learningRate
    guard let rejected = outcome.rejectedMomentumProduct else { return (outcome.taken, nil) }
    next.updateCount = t + 1
    next.learningRate = context.learningRate
    next.momentumProduct = rejected
    return (outcome.taken, firstNonFinite(in: next, step: t + 1))
  }

  /// The loop of ``step(count:)`` and the run's parts it reads.
  ///
  /// A separate value so that the loop can read the setup while the run's states are
  /// borrowed for writing: a method on the run itself would conflict with those borrows.
  private struct Loop {
    let setup: RunSetup
    let updatesPerEpoch: Int
    /// See ``Run/origin``.
    let origin: Int
    let originEpoch: Int

    /// What a call of ``run(_:_:_:_:_:_:_:)`` did.
    struct Outcome {
      /// Updates taken.
      var taken: Int
      /// Whether the newest state is in the arrays of `next` (an odd number of swaps).
      var swapped: Bool
      /// Πμ after the last update taken.
      var momentumProduct: Double
      /// ηₜ of the last update taken (see ``OptimizerState/learningRate``).
      var learningRate: Double
      /// Πμ of the update that was not taken, when one was refused.
      var rejectedMomentumProduct: Double?
    }

    /// Takes up to `count` updates of `rule`, from `state` into `next` and back, as
    /// ``Run/step(count:)`` describes. Leaves the scalars of both states alone: t, Πμ and ηₜ
    /// come back in the outcome.
    func run<Rule: UpdateRule, Rates: RateStage>(
      _ count: Int, _ state: inout OptimizerState, _ next: inout OptimizerState,
      _ context: inout StepContext, _ powerCache: inout StepPowerCache, _ rule: Rule.Type,
      _ rates: Rates.Type
    ) -> Outcome {
      let first = state.updateCount + 1
      var outcome = Outcome(
        taken: 0, swapped: false, momentumProduct: state.momentumProduct,
        learningRate: state.learningRate, rejectedMomentumProduct: nil)
      guard case .points(let k) = setup.training.batch else { return outcome }
      let d = setup.dataset.denseCount
      // The epoch and the position in it of the next update, counted rather than divided.
      var (epoch, position) = (first - 1).quotientAndRemainder(dividingBy: updatesPerEpoch)
      state.withMutableBuffers { current in
        next.withMutableBuffers { spare in
          setup.dataset.denseValues.withUnsafeBufferPointer { x in
            setup.dataset.targets.withUnsafeBufferPointer { y in
              if d == 1 && k == 1 {
                oneFeature(
                  count, first, current, spare, x, y, &outcome, &epoch, &position, &context,
                  &powerCache, Rule.self, Rates.self)
                return
              }
              fewPoints(
                count, first, k, current, spare, x, y, &outcome, &epoch, &position, &context,
                &powerCache, Rule.self, Rates.self)
            }
          }
        }
      }
      return outcome
    }

    /// The loop of ``run(_:_:_:_:_:_:_:)`` for any few points of dense data per update.
    /// Like ``oneFeature(_:_:_:_:_:_:_:_:_:_:_:_:_:)``, it changes locals and writes them back
    /// once, at the end. Both copy their arguments here rather than the caller once for both:
    /// the compiler keeps each loop a function of its own, and the caller's locals passed
    /// `inout` stayed in memory (callgrind, GD per point: 174 → 191 instructions an update).
    @inline(__always)
    private func fewPoints<Rule: UpdateRule, Rates: RateStage>(
      _ count: Int, _ first: Int, _ k: Int, _ current: StateBuffers, _ spare: StateBuffers,
      _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>,
      _ sharedOutcome: inout Outcome, _ sharedEpoch: inout Int, _ sharedPosition: inout Int,
      _ sharedContext: inout StepContext, _ sharedCache: inout StepPowerCache,
      _ rule: Rule.Type, _ rates: Rates.Type
    ) {
      var (outcome, epoch, position) = (sharedOutcome, sharedEpoch, sharedPosition)
      var (context, powerCache) = (sharedContext, sharedCache)
      defer {
        (sharedOutcome, sharedEpoch, sharedPosition) = (outcome, epoch, position)
        (sharedContext, sharedCache) = (context, powerCache)
      }
      let n = setup.dataset.count
      let d = setup.dataset.denseCount
      let loss = setup.training.loss
      let looksAhead = Rule.takesGradientAtLookahead(setup.hyperparameters)
      let beta = setup.hyperparameters.beta
      let schedulesMomentum = Rule.schedulesMomentum(setup.hyperparameters)
      // One update from the buffers `old` into `new`; false when it was refused. What
      // it changes comes in as arguments: a variable a nested function captured and
      // changed would be boxed and checked for exclusive access on every update.
      @inline(__always)
      func advance(
        _ old: StateBuffers, _ new: StateBuffers, _ outcome: inout Outcome,
        _ epoch: inout Int, _ position: inout Int, _ context: inout StepContext,
        _ powerCache: inout StepPowerCache
      ) -> Bool {
        let t = first + outcome.taken
        let points = (position * k)..<Swift.min((position + 1) * k, n)
        var at = old.parameters
        if looksAhead {
          // The look-ahead point goes where the update will write θ next.
          for i in 0..<new.count { new.parameters[i] = old.parameters[i] - beta * old.u[i] }
          at = new.parameters
        }
        Run.smallDenseGradient(loss, at: at, over: points, x, y, d: d, into: new.gradient)
        Run.prepare(
          &context, &powerCache, setup, update: t - origin, epoch: epoch - originEpoch,
          previousMomentumProduct: outcome.momentumProduct, Rates.self)
        let finite = Run.update(old, into: new, context, Rule.self)
        let product = schedulesMomentum ? context.muProduct : outcome.momentumProduct
        guard finite && product.isFinite else {
          outcome.rejectedMomentumProduct = product
          return false
        }
        outcome.momentumProduct = product
        outcome.learningRate = context.learningRate
        outcome.swapped.toggle()
        outcome.taken += 1
        position += 1
        if position == updatesPerEpoch { (epoch, position) = (epoch + 1, 0) }
        return true
      }
      var (current, spare) = (current, spare)
      while outcome.taken < count {
        guard
          advance(
            current, spare, &outcome, &epoch, &position, &context, &powerCache)
        else { return }
        swap(&current, &spare)
      }
    }

    /// The loop of ``run(_:_:_:_:_:_:_:)`` for one feature and one point per update (the
    /// notes' toy set): w and b stay in registers from one update to the next, as in a C
    /// loop, and are written to the state's buffers once, at the end. Through the buffers,
    /// each update stored θ and the gradient and loaded them back on its critical path.
    /// The operations are those of ``Neuron/denseGradient(_:at:over:_:_:d:into:)`` and
    /// ``Run/update(_:into:_:_:)``, in the same order, so the bits are the same.
    ///
    /// What the loop changes (the outcome, the epoch and position, the shared numbers and
    /// their cache) it changes in locals, written back once at the end: the arguments are the
    /// caller's variables, captured by the closures that hold the buffers, so every read and
    /// write of them went through memory, and was reloaded after each call of `exp`.
    @inline(__always)
    private func oneFeature<Rule: UpdateRule, Rates: RateStage>(
      _ count: Int, _ first: Int, _ current: StateBuffers, _ spare: StateBuffers,
      _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>,
      _ sharedOutcome: inout Outcome, _ sharedEpoch: inout Int, _ sharedPosition: inout Int,
      _ sharedContext: inout StepContext, _ sharedCache: inout StepPowerCache,
      _ rule: Rule.Type, _ rates: Rates.Type
    ) {
      var (outcome, epoch, position) = (sharedOutcome, sharedEpoch, sharedPosition)
      var (context, powerCache) = (sharedContext, sharedCache)
      defer {
        (sharedOutcome, sharedEpoch, sharedPosition) = (outcome, epoch, position)
        (sharedContext, sharedCache) = (context, powerCache)
      }
      let h = setup.hyperparameters
      let looksAhead = Rule.takesGradientAtLookahead(h)
      let schedulesMomentum = Rule.schedulesMomentum(h)
      let loss = setup.training.loss
      func coordinate(_ s: StateBuffers, _ i: Int) -> Coordinate {
        Coordinate(
          parameter: s.parameters[i], gradient: s.gradient[i], m: s.m[i], v: s.v[i], u: s.u[i],
          vMax: s.vMax[i], mHat: s.mHat[i], vHat: s.vHat[i], rate: s.rate[i])
      }
      // What an update reads of the previous one (θ and the histories), written once at
      // the end, and what it does not (g, m̂, v̂, the rate), written after every update.
      func writeCarried(_ c: Coordinate, _ s: StateBuffers, _ i: Int) {
        s.parameters[i] = c.parameter
        s.m[i] = c.m
        s.v[i] = c.v
        s.u[i] = c.u
        s.vMax[i] = c.vMax
      }
      func writeOutputs(_ c: Coordinate, _ s: StateBuffers, _ i: Int) {
        s.gradient[i] = c.gradient
        s.mHat[i] = c.mHat
        s.vHat[i] = c.vHat
        s.rate[i] = c.rate
      }
      func write(_ c: Coordinate, _ s: StateBuffers, _ i: Int) {
        writeCarried(c, s, i)
        writeOutputs(c, s, i)
      }
      var (w, b) = (coordinate(current, 0), coordinate(current, 1))
      // Where the gradient is taken: θ, or the notes' look-ahead θ − β·u, worked out as soon
      // as the update before has written θ and u (the same operations as at the top of the
      // next update, so the same bits), which keeps them off the path from θ to z.
      @inline(__always)
      func point(_ c: Coordinate) -> Double {
        looksAhead ? c.parameter - h.beta * c.u : c.parameter
      }
      var (atW, atB) = (point(w), point(b))
      // ηₜ of the last update taken, kept in a local until the end, like w and b.
      var eta = outcome.learningRate
      // The rule's count of the first update. Counts here stay far from Int.max (a run
      // holds its states in memory), so the loop adds and subtracts them without
      // overflow checks.
      let firstUpdate = first &- origin
      while outcome.taken < count {
        let i = position
        var z = atB
        z += atW * x[i]
        let slope = loss.slope(z: z, target: y[i])
        var (nextW, nextB) = (w, b)
        let gradient = (w: 0 + slope * x[i], b: 0 + slope)
        (nextW.gradient, nextB.gradient) = gradient
        (nextW.mHat, nextW.vHat, nextW.rate) = (0, 0, 0)
        (nextB.mHat, nextB.vHat, nextB.rate) = (0, 0, 0)
        Run.prepare(
          &context, &powerCache, setup, update: firstUpdate &+ outcome.taken,
          epoch: epoch &- originEpoch, previousMomentumProduct: outcome.momentumProduct,
          Rates.self)
        Rule.apply(&nextW, context)
        Rule.apply(&nextB, context)
        // The state keeps the loss's gradient, as ``Run/update(_:into:_:_:)`` does: a rule
        // may change its own copy (PyTorch's L2 term g + λ·w).
        (nextW.gradient, nextB.gradient) = gradient
        let product = schedulesMomentum ? context.muProduct : outcome.momentumProduct
        guard Coordinate.areFinite(nextW, nextB) && product.isFinite else {
          write(nextW, spare, 0)
          write(nextB, spare, 1)
          outcome.rejectedMomentumProduct = product
          break
        }
        (w, b) = (nextW, nextB)
        (atW, atB) = (point(w), point(b))
        // What the next update does not read goes to the buffers now, which frees the
        // registers for what it does.
        writeOutputs(w, current, 0)
        writeOutputs(b, current, 1)
        outcome.momentumProduct = product
        eta = context.learningRate
        outcome.taken += 1
        position += 1
        if position == updatesPerEpoch { (epoch, position) = (epoch + 1, 0) }
      }
      outcome.learningRate = eta
      writeCarried(w, current, 0)
      writeCarried(b, current, 1)
    }
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
