/// Many updates in one loop: the per-point path of ``Run``. Between two interrupt polls or
/// checkpoints it takes the state's buffers once and runs a loop specialised per rule, with
/// the same operations in the same order as the general update, so the bits are the same.
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
  static func takesUpdatesInLoop(for setup: RunSetup) -> Bool {
    guard case .points(let k) = setup.training.batch, k <= loopPointLimit else { return false }
    let lookahead = setup.optimizer.updateRule.takesGradientAtLookahead(setup.hyperparameters)
    return !setup.training.shuffle && !lookahead && setup.dataset.sparseColumns.count == 0
  }

  /// Takes up to `count` updates of `Rule` in the tight loop; returns the number taken and,
  /// if it stopped early, why.
  ///
  /// The general update (``takeUpdate(_:)``) pays, on every update, for taking the nine
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
      setup: setup, updatesPerEpoch: updatesPerEpoch, sharedNumbers: sharedNumbers,
      origin: origin, originEpoch: originEpoch)
    let outcome = loop.run(
      count, &state, &next, &context, &contextBiasPowerT, rule)
    let t = state.updateCount + outcome.taken
    if outcome.swapped { swap(&state, &next) }
    state.updateCount = t
    state.momentumProduct = outcome.momentumProduct
    guard let rejected = outcome.rejectedMomentumProduct else { return (outcome.taken, nil) }
    next.updateCount = t + 1
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
    let sharedNumbers: StepContext.Numbers
    /// See ``Run/origin``.
    let origin: Int
    let originEpoch: Int

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
    func run<Rule: UpdateRule>(
      _ count: Int, _ state: inout OptimizerState, _ next: inout OptimizerState,
      _ context: inout StepContext, _ contextBiasPowerT: inout Int, _ rule: Rule.Type
    ) -> Outcome {
      let first = state.updateCount + 1
      let schedulesMomentum = Rule.schedulesMomentum(setup.hyperparameters)
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
                  &context, &contextBiasPowerT, setup, sharedNumbers, update: t - origin,
                  epoch: epoch - originEpoch, previousMomentumProduct: outcome.momentumProduct)
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
