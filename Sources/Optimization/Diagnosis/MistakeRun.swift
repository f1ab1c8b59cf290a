/// A run of a setup with one of the rule ``Mistake``s built in (or none: adalab's rule), for
/// `diagnose` to compare with someone's trace.
///
/// The batching and the gradient are ``Run``'s own: each update's points and their gradient
/// (at the notes' NAG look-ahead point θ − β·u when the rule asks for it) come from the run's
/// ``Run/computeGradient(update:epoch:atLookahead:)``, always in data order (no shuffle), into
/// the run's next state. A mistake that changes the gradient changes it there; the
/// coordinates are then updated with the mistaken rule.
struct MistakeRun {
  let setup: RunSetup
  let mistake: Mistake?
  /// The run whose state this is, and whose batching and gradient each update uses.
  private var run: Run
  /// Whether the rule reads the gradient at the look-ahead point (the notes' NAG).
  private let atLookahead: Bool
  /// The gradients summed since the epoch began, for ``Mistake/gradientsAccumulated``.
  private var sum: [Double]

  init(setup: RunSetup, mistake: Mistake?) {
    self.setup = setup
    self.mistake = mistake
    var inDataOrder = setup
    inDataOrder.training.shuffle = false
    run = Run(setup: inDataOrder)
    atLookahead = setup.optimizer.updateRule.takesGradientAtLookahead(setup.hyperparameters)
    sum = [Double](repeating: 0, count: run.state.parameterCount)
  }

  var state: OptimizerState { run.state }
  var loss: Double { run.loss }
  var completedEpochs: Int { run.completedEpochs }

  /// Takes one update; false when it would leave the finite numbers (nothing changes then).
  mutating func step() -> Bool {
    let state = run.state
    let t = state.updateCount + 1
    let h = setup.hyperparameters
    let count = state.parameterCount
    let epoch = run.epochIndex(ofUpdate: t)
    run.computeGradient(update: t, epoch: epoch, atLookahead: atLookahead)
    if mistake == .gradientAveraged {
      let points = Double(run.points(ofUpdate: t).count)
      for i in 0..<count { run.next.gradient[i] /= points }
    }
    if mistake == .weightDecayCoupled {
      for i in 0..<count { run.next.gradient[i] += h.weightDecay * state.parameters[i] }
    }
    if mistake == .gradientsAccumulated {
      if (t - 1) % run.updatesPerEpoch == 0 {
        for i in 0..<count { sum[i] = 0 }
      }
      for i in 0..<count {
        sum[i] += run.next.gradient[i]
        run.next.gradient[i] = sum[i]
      }
    }
    let power = h.biasPower == .epoch ? epoch + 1 : t
    let context = StepContext(
      h: h, t: t, biasPowerT: mistake == .stepCountFromZero ? power - 1 : power,
      previousMomentumProduct: state.momentumProduct
    )
    let adjusted = mistake.map { context.adjusted(for: $0) } ?? context
    let optimizer = setup.optimizer
    state.withBuffersForReading { old in
      run.next.withMutableBuffers { new in
        for i in 0..<count {
          var c = old.coordinate(i, gradient: new.gradient[i])
          if let mistake {
            c.applyRule(of: optimizer, with: mistake, adjusted)
          } else {
            c.applyRule(of: optimizer, context)
          }
          new.store(c, at: i)
        }
      }
    }
    if setup.optimizer == .adafactor {
      // Adafactor's RMS spans a tensor: its update is by tensor (its mistakes are the
      // gradient's, already in `run.next.gradient`).
      _ = Adafactor.update(tensorsOf: &run.next, from: state, context)
    }
    run.next.updateCount = t
    run.next.learningRate = (mistake == nil ? context : adjusted).learningRate
    run.next.momentumProduct =
      setup.optimizer == .nadam && h.nadamForm == .schedule
      ? context.muProduct : state.momentumProduct
    // Counting from 0 divides by 1 − β⁰ = 0 at the first update: the trace it explains is
    // not finite either, and the comparison sees the same NaN there.
    guard run.next.isFinite || mistake == .stepCountFromZero else { return false }
    swap(&run.state, &run.next)
    return true
  }
}
