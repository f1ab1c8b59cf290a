#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// NAdam: Adam whose step looks one moment ahead, as Nesterov's momentum does.
///
///     mₜ, vₜ, v̂ₜ as Adam
///     wₜ₊₁ = wₜ − η/(√v̂ₜ + ε)·(β₁·m̂ₜ + (1 − β₁)·∇wₜ/(1 − β₁ᵗ))
///
/// The direction replaces m̂ₜ by the moment the next step would use, from mₜ and the
/// gradient just seen. ``NAdamForm/lecture`` is that formula; ``NAdamForm/optax`` corrects
/// the moment with the next power, β₁·mₜ/(1 − β₁ᵗ⁺¹) + (1 − β₁)·∇wₜ/(1 − β₁ᵗ);
/// ``NAdamForm/schedule`` (PyTorch, Keras) is Dozat's, with a momentum schedule
/// μₜ = β₁·(1 − ½·0.96^(t·ψ)) and its running product Πμ:
/// (1 − μₜ)/(1 − Πμ)·∇wₜ + μₜ₊₁/(1 − Πμ·μₜ₊₁)·mₜ (ψ = 0.004 in PyTorch, 1 in Keras).
///
/// Weight decay λ: PyTorch adds λ·w to the gradient, or with `decoupled_weight_decay`
/// shrinks w ← w·(1 − η·λ) first (``TorchWeightDecay``). Keras's is its base class's, always
/// decoupled (w ← w − w·λ·η before the step), and optax's is `optax.nadamw`, NAdam with
/// decoupled decay: w ← w − η·(step + λ·w), add_decayed_weights before
/// scale_by_learning_rate. So under those two `weight_decay` alone is the decoupled decay.
enum NAdam: UpdateRule {
  static let optimizer = Optimizer.nadam
  static let summary = "adam with Nesterov's look-ahead on the momentum"
  static let sharedNumbers: StepContext.Numbers = [.biasCorrections, .nadamLookahead]

  /// The lecture's form reads the two corrections; optax's also 1 − β₁ᵗ⁺¹; the schedule
  /// replaces 1 − β₁ᵗ by the μ schedule.
  static func sharedNumbers(for h: Hyperparameters) -> StepContext.Numbers {
    switch h.nadamForm {
    case .lecture: return .biasCorrections
    case .optax: return [.biasCorrections, .correction1Next]
    case .schedule: return [.correction2, .momentumSchedule]
    }
  }

  static let rule = [
    "m, v, m̂, v̂ as Adam", "w ← w − η/(√v̂ + ε)·(β₁·m̂ + (1 − β₁)·g/(1 − β₁ᵗ))",
    "weight_decay λ: g ← g + λ·w (pytorch), or w ← w·(1 − η·λ) first (pytorch's "
      + "decoupled_weight_decay; keras; optax, where it is optax.nadamw)",
    "Adam with Nesterov's look-ahead on the moment",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 2e-3, keras: 1e-3, optax: 0.1)
    switch convention {
    case .lecture: break
    case .pytorch: h.nadamForm = .schedule
    case .keras:
      h.nadamForm = .schedule
      h.momentumDecay = 1
      h.epsilon = 1e-7
      h.decoupledWeightDecay = true
    case .optax:
      h.nadamForm = .optax
      h.decoupledWeightDecay = true
    }
    return h
  }

  static let settings = Adam.familySettings.union([.momentumDecay, .nadamForm])
    .union(TorchWeightDecay.settings).union(OptaxEpsilonRoot.settings)
  static let epsilonPlacements: [EpsilonPlacement] = [.outside, .inside]
  static let quantities = Adam.quantities
  static let options = TorchWeightDecay.settings.union(OptaxEpsilonRoot.settings)
  static let optionRules = TorchWeightDecay.rules.merging(OptaxEpsilonRoot.rules) { a, _ in a }

  /// Only PyTorch lets ψ be set: Keras fixes it at 1, optax has no schedule. Keras and
  /// optax decay the weights only decoupled.
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    switch (setting, convention) {
    case (.weightDecay, .keras), (.weightDecay, .optax): return nil
    case (.decoupledWeightDecay, .keras): return TorchWeightDecay.kerasIsDecoupled
    case (.decoupledWeightDecay, .optax):
      return "optax's nadamw is always decoupled, w ← w − η·(step + λ·w); "
        + "set weight_decay alone"
    default: break
    }
    if let reason = TorchWeightDecay.missing(setting, under: convention, name: "nadam")
      ?? OptaxEpsilonRoot.missing(setting, under: convention, name: "nadam")
    {
      return reason
    }
    guard setting == .momentumDecay else { return nil }
    switch convention {
    case .keras:
      return "keras's Nadam fixes its schedule at μₜ = β₁·(1 − ½·0.96ᵗ) (ψ = 1); "
        + "use pytorch's nadam or the lecture convention with nadam_form schedule"
    case .optax:
      return "optax's nadam has no momentum schedule; "
        + "use pytorch's nadam or the lecture convention with nadam_form schedule"
    case .lecture, .pytorch: return nil
    }
  }

  /// ψ acts only through the schedule.
  static func inert(_ setting: Setting, with h: Hyperparameters) -> String? {
    guard setting == .momentumDecay, h.nadamForm != .schedule else { return nil }
    return "momentum_decay acts only in nadam_form schedule (now \(h.nadamForm.rawValue)); "
      + "set nadam_form schedule first"
  }

  static let meanings: [(Quantity, String)] = [
    (
      .mHatW,
      "the step's direction, not m̂: β₁·m̂ + (1 − β₁)·g/(1 − β₁ᵗ) (lecture), "
        + "β₁·m/(1 − β₁ᵗ⁺¹) + (1 − β₁)·g/(1 − β₁ᵗ) (optax), "
        + "μₜ₊₁·m/(1 − Πμ·μₜ₊₁) + (1 − μₜ)·g/(1 − Πμ) (schedule)"
    ),
    (.vHatW, "v/(1 − β₂ᵗ), as Adam"),
  ]

  static func schedulesMomentum(_ h: Hyperparameters) -> Bool { h.nadamForm == .schedule }

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyTorchWeightDecay(s)
    c.updateMoments(s)
    c.finishNAdam(s)
  }

  /// Adam's corrections, optax's 1 − β₁ᵗ⁺¹, and the schedule's μₜ, μₜ₊₁ and Πμ.
  static func explainShared(_ e: inout ExplanationBuilder) {
    e.biasCorrections(second: true)
    let n = ExplanationBuilder.n
    let (h, s) = (e.h, e.s)
    if h.biasCorrection && h.nadamForm == .optax {
      let p = Double(e.power)
      e.add(
        "1 − β₁ᵗ⁺¹", nil, shared: true, "", ["1 − ", n(h.beta1), "^", n(p + 1)],
        1 - pow(h.beta1, p + 1))
    }
    guard h.nadamForm == .schedule else { return }
    let psi = h.momentumDecay
    e.add(
      "μₜ", nil, shared: true, "β₁·(1 − ½·0.96^(t·ψ))",
      [n(h.beta1), "·(1 − 0.5·0.96^(", n(s.t), "·", n(psi), "))"], s.mu)
    e.add(
      "μₜ₊₁", nil, shared: true, "β₁·(1 − ½·0.96^((t + 1)·ψ))",
      [n(h.beta1), "·(1 − 0.5·0.96^(", n(s.t + 1), "·", n(psi), "))"], s.muNext)
    e.add(
      "Πμ", nil, shared: true, "Πμ·μₜ", [n(s.muProduct / s.mu), "·", n(s.mu)], s.muProduct)
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    let before = e.torchWeightDecay(original)
    let n = ExplanationBuilder.n
    let (x, p, gName, h, s) = (e.suffix, e.parameterName, e.ruleGradientName, e.h, e.s)
    let (p0, g) = (before.parameter, before.gradient)
    let m = e.firstMoment(before)
    let v = e.secondMoment(before)
    let vHat = e.correctedSecondMoment(v)
    let c1 = s.correction1
    let mHat: Double
    switch h.nadamForm {
    case .lecture:
      mHat = h.beta1 * m / c1 + (1 - h.beta1) * g / c1
      e.add(
        "m_hat" + x, e.quantity(.mHatW, .mHatB),
        "β₁·m\(x)/(1 − β₁ᵗ) + (1 − β₁)·\(gName)/(1 − β₁ᵗ)",
        [n(h.beta1), "·", n(m), "/", n(c1), " + ", n(1 - h.beta1), "·", n(g), "/", n(c1)], mHat)
    case .optax:
      let c1Next = s.correction1Next
      mHat = h.beta1 * m / c1Next + (1 - h.beta1) * g / c1
      e.add(
        "m_hat" + x, e.quantity(.mHatW, .mHatB),
        "β₁·m\(x)/(1 − β₁ᵗ⁺¹) + (1 − β₁)·\(gName)/(1 − β₁ᵗ)",
        [n(h.beta1), "·", n(m), "/", n(c1Next), " + ", n(1 - h.beta1), "·", n(g), "/", n(c1)],
        mHat)
    case .schedule:
      let gradientWeight = (1 - s.mu) / (1 - s.muProduct)
      let momentWeight = s.muNext / (1 - s.muProductNext)
      mHat = gradientWeight * g + momentWeight * m
      e.add(
        "m_hat" + x, e.quantity(.mHatW, .mHatB),
        "(1 − μₜ)/(1 − Πμ)·\(gName) + μₜ₊₁/(1 − Πμ·μₜ₊₁)·m\(x)",
        [n(gradientWeight), "·", n(g), " + ", n(momentWeight), "·", n(m)], mHat)
      let rate = e.adamRate(raw: v, corrected: vHat)
      let denominator = s.learningRate / rate
      var parameter = p0
      parameter -= s.learningRate * gradientWeight * g / denominator
      parameter -= s.learningRate * momentWeight * m / denominator
      e.add(
        p, e.quantity(.w, .b), "\(p) − lr\(x)·m_hat\(x)",
        [n(p0), " − ", n(rate), "·", n(mHat)], parameter)
      return
    }
    let rate = e.adamRate(raw: v, corrected: vHat)
    e.step(p0, rate: rate, direction: mHat)
  }
}

extension Coordinate {
  /// NAdam after m and v are updated: the look-ahead direction and the step.
  @inline(__always)
  mutating func finishNAdam(_ s: StepContext) {
    vHat = v / s.correction2
    let b1 = s.h.beta1
    switch s.h.nadamForm {
    case .lecture:
      mHat = b1 * m / s.correction1 + (1 - b1) * gradient / s.correction1
    case .optax:
      mHat = b1 * m / s.correction1Next + (1 - b1) * gradient / s.correction1
    case .schedule:
      let gradientWeight = (1 - s.mu) / (1 - s.muProduct)
      let momentWeight = s.muNext / (1 - s.muProductNext)
      mHat = gradientWeight * gradient + momentWeight * m
      rate = adamRate(s, raw: v, corrected: vHat)
      // In PyTorch's order: the gradient's share first, then the moment's, each over the
      // same denominator, so the rounding matches the library's.
      let denominator = s.learningRate / rate
      parameter -= s.learningRate * gradientWeight * gradient / denominator
      parameter -= s.learningRate * momentWeight * m / denominator
      return
    }
    rate = adamRate(s, raw: v, corrected: vHat)
    parameter -= rate * mHat
  }
}

/// Which NAdam.
public enum NAdamForm: String, CaseIterable, Sendable {
  /// The notes: w ← w − η/(√v̂ + ε)·(β₁·m̂ + (1 − β₁)·g/(1 − β₁ᵗ)).
  case lecture
  /// Dozat's momentum schedule μₜ = β₁(1 − ½·0.96^(t·ψ)) with ψ the momentum decay
  /// (PyTorch ψ = 0.004; Keras ψ = 1):
  /// w ← w − η/(√v̂ + ε)·((1 − μₜ)/(1 − Πμ)·g + μₜ₊₁/(1 − Πμ·μₜ₊₁)·m).
  case schedule
  /// optax: m̂ = β₁·m/(1 − β₁ᵗ⁺¹) + (1 − β₁)·g/(1 − β₁ᵗ).
  case optax
}
