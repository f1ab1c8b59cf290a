extension Recovery {
  /// The rows a grid candidate is replayed over (the first ones).
  static let gridRows = 12
  /// η values tried when the trace has no moments to measure η from.
  static let etaGrid: [Double] = [
    1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 3e-3, 5e-3, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1,
  ]
  /// ε values tried: the conventions' defaults and their neighbours.
  static let epsilonGrid: [Double] = [1e-10, 1e-8, 1e-7, 1e-6, 1e-4]

  /// How well one candidate setup replays the first rows.
  struct GridScore: Comparable {
    /// Rows matched before the first that parts.
    var matched: Int
    /// The relative gap at the first row that parts (0 when all match).
    var gap: Double

    static func < (a: GridScore, b: GridScore) -> Bool {
      a.matched != b.matched ? a.matched > b.matched : a.gap < b.gap
    }
  }

  /// When the trace has only parameters (or too little state for the exact fit): replays
  /// every combination of the conventions' decays, the allowed ε placements, a grid of η
  /// (with the size of the first step, which is η for the Adam family) and of ε, and each
  /// batch, over the first rows, and keeps the one that agrees longest.
  static func searchGrid(
    _ trace: Trace, base: RunSetup, batches: [BatchSize], startKnown: Bool,
    isCancelled: () -> Bool
  ) -> Recovery {
    let rows = Array(trace.rows.prefix(gridRows).prefix { $0.t <= 10_000 })
    guard !rows.isEmpty else {
      return Recovery(setup: base, rule: nil, findings: [], method: .none)
    }
    let prefix = Trace(
      columns: trace.columns, rows: rows, precision: trace.precision, impliedOptimizer: nil)
    // The session's own settings first: on a tie they win.
    let candidates =
      [base] + gridCandidates(base, batches: batches, firstRow: rows[0], trace: trace)
    var scored: [(setup: RunSetup, score: GridScore)] = []
    for (k, candidate) in candidates.enumerated() {
      if k & 63 == 63 && isCancelled() { break }
      scored.append((candidate, score(prefix, candidate)))
    }
    guard let best = scored.min(by: { $0.score < $1.score }) else {
      return Recovery(setup: base, rule: nil, findings: [], method: .none)
    }
    var fitting: [(setup: RunSetup, score: GridScore)] = []
    for candidate in scored where candidate.score.matched == rows.count {
      if !fitting.contains(where: { $0.setup == candidate.setup }) { fitting.append(candidate) }
    }
    var recovered = base
    recovered.training.batch = best.setup.training.batch
    let found = best.setup.hyperparameters
    recovered.hyperparameters.learningRate = found.learningRate
    recovered.hyperparameters.epsilon = found.epsilon
    recovered.hyperparameters.beta = found.beta
    recovered.hyperparameters.beta1 = found.beta1
    recovered.hyperparameters.beta2 = found.beta2
    let rule: Mistake? =
      found.epsilonPlacement != base.hyperparameters.epsilonPlacement
      ? .epsilonPlacement(found.epsilonPlacement) : nil
    var findings = [
      Finding(name: "η", value: exact(found.learningRate), source: "grid", spread: nil),
      Finding(name: "ε", value: exact(found.epsilon), source: "grid", spread: nil),
    ]
    if base.optimizer.isAdamFamily {
      findings.insert(
        Finding(name: "β₂", value: exact(found.beta2), source: "grid", spread: nil), at: 0)
      findings.insert(
        Finding(name: "β₁", value: exact(found.beta1), source: "grid", spread: nil), at: 0)
    }
    findings.append(
      Finding(name: "batch", value: "\(best.setup.training.batch)", source: "grid", spread: nil))
    findings.append(
      Finding(
        name: "start", value: "", source: startKnown ? "row t=0" : "the session's",
        spread: nil))
    let alternatives = fitting.filter { $0.setup != best.setup }.map {
      describe($0.setup.hyperparameters, batch: $0.setup.training.batch)
    }
    return Recovery(
      setup: recovered, rule: rule, findings: findings,
      method: .grid(tried: scored.count, fitting: fitting.count, rows: rows.count),
      alternatives: alternatives)
  }

  /// One grid candidate in a few words: η, ε and where it goes, the batch.
  static func describe(_ h: Hyperparameters, batch: BatchSize) -> String {
    "η \(exact(h.learningRate)), ε \(exact(h.epsilon)) \(h.epsilonPlacement.rawValue), batch \(batch)"
  }

  private static func gridCandidates(
    _ base: RunSetup, batches: [BatchSize], firstRow: Trace.Row, trace: Trace
  ) -> [RunSetup] {
    let optimizer = base.optimizer
    var decays: [Hyperparameters] = []
    for convention in Convention.allCases {
      let h = Hyperparameters.defaults(for: optimizer, convention: convention)
      if !decays.contains(where: {
        $0.beta == h.beta && $0.beta1 == h.beta1 && $0.beta2 == h.beta2
      }) {
        decays.append(h)
      }
    }
    var placements = EpsilonPlacement.allowed(for: optimizer)
    if placements.isEmpty { placements = [base.hyperparameters.epsilonPlacement] }
    var etas = etaGrid
    for eta in [base.hyperparameters.learningRate] + firstStepSizes(base, firstRow, trace)
    where !etas.contains(eta) {
      etas.append(eta)
    }
    var epsilons = epsilonGrid
    if !epsilons.contains(base.hyperparameters.epsilon) {
      epsilons.append(base.hyperparameters.epsilon)
    }
    var out: [RunSetup] = []
    for batch in batches {
      for decay in decays {
        for placement in placements {
          for eta in etas {
            for epsilon in epsilons {
              var setup = base
              setup.training.batch = batch
              setup.hyperparameters.beta = decay.beta
              setup.hyperparameters.beta1 = decay.beta1
              setup.hyperparameters.beta2 = decay.beta2
              setup.hyperparameters.epsilonPlacement = placement
              setup.hyperparameters.learningRate = eta
              setup.hyperparameters.epsilon = epsilon
              out.append(setup)
            }
          }
        }
      }
    }
    return out
  }

  /// The size of each parameter's first step: an Adam-family rule moves every parameter
  /// by η·g/(|g| + ε) ≈ η at t = 1, so these are η to within ε/|g|.
  private static func firstStepSizes(_ base: RunSetup, _ row: Trace.Row, _ trace: Trace)
    -> [Double]
  {
    guard base.optimizer.isAdamFamily, row.t == 1 else { return [] }
    let state = TraceState(trace, dimension: base.dataset.dimension)
    guard let theta = state.parameters.first ?? nil else { return [] }
    return zip(theta, base.start).map { rounded(abs($0 - $1), within: 1e-6) }.filter {
      $0 > 0
    }
  }

  /// How long `setup` replays `prefix` within its precision.
  private static func score(_ prefix: Trace, _ setup: RunSetup) -> GridScore {
    var run = MistakeRun(setup: setup, mistake: nil)
    for (k, row) in prefix.rows.enumerated() {
      while run.state.updateCount < row.t {
        guard run.step() else { return GridScore(matched: k, gap: .infinity) }
      }
      let point = Diagnosis.Snapshot(
        state: run.state, loss: run.loss, epoch: run.completedEpochs,
        bufferScale: setup.hyperparameters.velocityPerBuffer)
      var worst = 0.0
      for (column, theirs) in zip(prefix.columns, row.values) {
        worst = max(worst, Diagnosis.relativeGap(theirs, point.value(column)))
      }
      if worst > prefix.precision { return GridScore(matched: k, gap: worst) }
    }
    return GridScore(matched: prefix.rows.count, gap: 0)
  }
}
