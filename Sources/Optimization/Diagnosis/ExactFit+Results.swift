extension ExactFit {
  /// `base` with the fitted numbers and batch, in `base`'s own switches: the run the
  /// trace is compared with, so that a mistake in the switches still shows as one.
  func apply(to base: RunSetup) -> RunSetup {
    var setup = base
    setup.training.batch = batch
    setup.hyperparameters.learningRate = eta ?? base.hyperparameters.learningRate
    setup.hyperparameters.epsilon = h.epsilon
    if measuredWeightDecay { setup.hyperparameters.weightDecay = h.weightDecay }
    for decay in decays {
      let tolerance = Swift.max(4 * decay.spread, 1e-13)
      switch decay.name {
      case "β₁": setup.hyperparameters.beta1 = Recovery.rounded(h.beta1, within: tolerance)
      case "β₂": setup.hyperparameters.beta2 = Recovery.rounded(h.beta2, within: tolerance)
      default: setup.hyperparameters.beta = Recovery.rounded(h.beta, within: tolerance)
      }
    }
    return setup
  }

  /// What was found, for a person: each number with its source and spread.
  func findings(for base: RunSetup) -> [Recovery.Finding] {
    let setup = apply(to: base)
    let h = setup.hyperparameters
    var out: [Recovery.Finding] = []
    for decay in decays.sorted(by: { $0.name < $1.name }) {
      let value = decay.name == "β₁" ? h.beta1 : decay.name == "β₂" ? h.beta2 : h.beta
      out.append(
        Recovery.Finding(
          name: decay.name, value: Recovery.exact(value), source: "from \(decay.source)",
          spread: decay.spread))
    }
    out.append(
      Recovery.Finding(
        name: "η", value: Recovery.exact(h.learningRate), source: "from the steps",
        spread: etaSpread))
    if measuredWeightDecay {
      out.append(
        Recovery.Finding(
          name: "λ", value: Recovery.exact(h.weightDecay),
          source: variant == .weightDecayCoupled ? "from m" : "from the steps", spread: nil))
    }
    if let fittedPairs {
      out.append(
        Recovery.Finding(
          name: "rows", value: "",
          source: "only the first \(fittedPairs + 1) rows fit one set of numbers; later rows part",
          spread: nil))
    }
    if let range = epsilonRange {
      let source =
        range.lower == 0
        ? "not determined: any ε up to \(Recovery.short(range.upper)) fits as well"
        : range.upper / range.lower > 1.5
          ? "from the steps, between \(Recovery.short(range.lower)) and \(Recovery.short(range.upper))"
          : "from the steps"
      out.append(
        Recovery.Finding(name: "ε", value: Recovery.exact(h.epsilon), source: source, spread: nil))
    }
    out.append(
      Recovery.Finding(
        name: "batch", value: "\(batch)",
        source: decays.isEmpty ? "from the steps" : "the gradients the moments agree with",
        spread: nil))
    return out
  }

  /// The gradient of update 1 as the trace's m₁ gives it, when the first row is t = 1.
  func firstGradient(_ state: TraceState) -> [Double]? {
    guard state.ts.first == 1, state.m[0].allSatisfy({ $0 != nil }) else { return nil }
    var damped = true
    if case .dampingMissing(let first, _)? = variant { damped = !first }
    let beta = variant == .betasSwapped ? h.beta2 : h.beta1
    return state.m[0].map { m in damped ? m! / (1 - beta) : m! }
  }

  /// The start θ₀ worked out from the first row (t = 1) and its update, when the trace has
  /// m there: the gradient of update 1 is m₁/(1 − β₁) (m₁ itself without the damping), and
  /// θ₀ = θ₁ plus the step the rule takes with it. The agreement is that of the gradient
  /// adalab computes at θ₀ with the one m₁ implies.
  func derivedStart(_ state: TraceState, setup: RunSetup) -> (
    start: [Double], gradientAgreement: Double
  )? {
    guard setup.optimizer.isAdamFamily, state.ts.first == 1,
      let theta1 = state.parameters.first!, state.m[0].allSatisfy({ $0 != nil })
    else { return nil }
    var h = self.h
    h.learningRate = eta ?? setup.hyperparameters.learningRate
    let gradient = firstGradient(state)!
    var context = StepContext(h: h, t: 1, biasPowerT: 1, previousMomentumProduct: 1)
    if let variant { context = context.adjusted(for: variant) }
    var start = theta1
    for i in start.indices {
      var c = Coordinate(
        parameter: 0, gradient: gradient[i], m: 0, v: 0, u: 0, vMax: 0, mHat: 0, vHat: 0,
        rate: 0)
      if let variant {
        c.applyRule(of: setup.optimizer, with: variant, context)
      } else {
        c.applyRule(of: setup.optimizer, context)
      }
      let decoupled = setup.optimizer == .adamw && variant != .weightDecayCoupled
      start[i] = (theta1[i] - c.parameter) / (decoupled ? 1 - h.learningRate * h.weightDecay : 1)
    }
    guard start.allSatisfy(\.isFinite) else { return nil }
    return (start, gradientAgreement(at: start, with: gradient, setup: setup))
  }

  /// How well the gradient adalab computes at `start` for update 1 agrees with the one the
  /// trace's m₁ implies (the largest relative difference).
  func gradientAgreement(at start: [Double], with gradient: [Double], setup: RunSetup)
    -> Double
  {
    var h = self.h
    h.learningRate = eta ?? setup.hyperparameters.learningRate
    var g = [Double](repeating: 0, count: start.count)
    let perEpoch = setup.training.updatesPerEpoch(count: setup.dataset.count)
    let range = ExactFit.batchRange(t: 1, batch, perEpoch, setup)
    Neuron(dataset: setup.dataset, loss: setup.training.loss).gradient(
      at: start, over: range, into: &g)
    let seen = ExactFit.asTheRuleSees(
      g, before: start, variant: variant, h: h, points: range.count)
    return zip(seen, gradient).map { Diagnosis.relativeGap($0, $1) }.max() ?? 0
  }
}
