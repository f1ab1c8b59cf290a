/// AdamW: Adam with decoupled weight decay. wₜ ← wₜ·(1 − η·λ), then Adam's step from the
/// decayed wₜ.
///
/// Adding λ·w to the gradient (L2 regularisation) would pass the decay through Adam's
/// adaptive denominator, which weakens it exactly for the weights with large gradients;
/// decoupled, every weight shrinks by the same factor. The libraries differ only in λ:
/// 0.01 (PyTorch, and the notes), 0.004 (Keras), 1e-4 (optax).
enum AdamW: UpdateRule {
  static let optimizer = Optimizer.adamw
  static let summary = "adam with weight decay applied to the weights, not to the gradient"
  static let sharedNumbers = Adam.sharedNumbers

  static let rule = [
    "w ← w·(1 − η·λ)", "then the Adam step",
    "weight decay decoupled from the adaptive denominator",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 1e-3, keras: 1e-3, optax: 0.1)
    if convention == .keras {
      h.epsilon = 1e-7
      h.epsilonPlacement = .hat
    }
    h.weightDecay = convention.pick(lecture: 0.01, pytorch: 0.01, keras: 0.004, optax: 1e-4)
    return h
  }

  static let settings = Adam.familySettings.union([.weightDecay])
  static let epsilonPlacements = Adam.epsilonPlacements
  static let quantities = Adam.quantities

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.parameter *= 1 - s.learningRate * s.h.weightDecay
    c.updateMoments(s)
    c.finishAdam(s)
  }

  static func explainShared(_ e: inout ExplanationBuilder) {
    Adam.explainShared(&e)
  }

  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    let n = ExplanationBuilder.n
    let (p, h, eta) = (e.parameterName, e.h, e.s.learningRate)
    var decayed = before
    decayed.parameter = before.parameter * (1 - eta * h.weightDecay)
    e.add(
      p + " decayed", nil, "\(p)·(1 − η·λ)",
      [n(before.parameter), "·(1 − ", n(eta), "·", n(h.weightDecay), ")"], decayed.parameter)
    Adam.explainMoments(&e, decayed)
  }
}
