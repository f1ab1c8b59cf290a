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

  /// The state after update 1 from `start`, coordinate by coordinate, by the fitted rule.
  func firstUpdate(from start: [Double], setup: RunSetup) -> [Coordinate] {
    var h = self.h
    h.learningRate = eta ?? setup.hyperparameters.learningRate
    let perEpoch = setup.training.updatesPerEpoch(count: setup.dataset.count)
    let range = ExactFit.batchRange(t: 1, batch, perEpoch, setup)
    var g = [Double](repeating: 0, count: start.count)
    Neuron(dataset: setup.dataset, loss: setup.training.loss).gradient(
      at: start, over: range, into: &g)
    g = ExactFit.asTheRuleSees(g, before: start, variant: variant, h: h, points: range.count)
    var context = StepContext(
      h: h, t: 1, biasPowerT: variant == .stepCountFromZero ? 0 : 1, previousMomentumProduct: 1)
    if let variant { context = context.adjusted(for: variant) }
    var first = setup
    first.start = start
    let initial = first.initialState
    return start.indices.map { i in
      var c = Coordinate(
        parameter: start[i], gradient: g[i], m: 0, v: initial.v[i], u: 0, vMax: 0, mHat: 0,
        vHat: 0, rate: 0)
      if let variant {
        c.applyRule(of: setup.optimizer, with: variant, context)
      } else {
        c.applyRule(of: setup.optimizer, context)
      }
      return c
    }
  }

  /// The largest relative difference between the trace's first row (t = 1) and update 1
  /// from `start`, over the parameters and whatever state the trace has.
  func firstRowGap(from start: [Double], _ state: TraceState, setup: RunSetup) -> Double {
    let after = firstUpdate(from: start, setup: setup)
    var worst = 0.0
    for (i, c) in after.enumerated() {
      let pairs: [(Double?, Double)] = [
        (state.parameters[0]?[i], c.parameter), (state.m[0][i], c.m), (state.v[0][i], c.v),
        (state.u[0][i], c.u), (state.vMax[0][i], c.vMax),
      ]
      for case (let theirs?, let ours) in pairs {
        worst = Swift.max(worst, Diagnosis.relativeGap(theirs, ours))
      }
    }
    return worst
  }

  /// The start θ₀ worked out from the first row (t = 1): the θ₀ whose update 1 lands on
  /// θ₁, found by the fixed-point iteration θ₀ ← θ₀ + (θ₁ − update(θ₀)), which converges
  /// at once because a step changes little with the point it starts from. With the gap of
  /// the first row replayed from it.
  func derivedStart(_ state: TraceState, setup: RunSetup) -> (start: [Double], gap: Double)? {
    guard state.ts.first == 1, let theta1 = state.parameters.first ?? nil else { return nil }
    var start = theta1
    for _ in 0..<50 {
      let after = firstUpdate(from: start, setup: setup).map(\.parameter)
      let next = start.indices.map { start[$0] + (theta1[$0] - after[$0]) }
      guard next.allSatisfy(\.isFinite) else { return nil }
      let moved = zip(next, start).map { Diagnosis.relativeGap($0, $1) }.max() ?? 0
      start = next
      if moved < 1e-16 { break }
    }
    return (start, firstRowGap(from: start, state, setup: setup))
  }
}
