#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Adam (adaptive moments): everything RMSProp does about AdaGrad's decay, plus a running
/// average of the gradients themselves:
///
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·∇wₜ        m̂ₜ = mₜ/(1 − β₁ᵗ)
///     vₜ = β₂·vₜ₋₁ + (1 − β₂)·(∇wₜ)²     v̂ₜ = vₜ/(1 − β₂ᵗ)
///     wₜ₊₁ = wₜ − η/(√v̂ₜ + ε)·m̂ₜ
///
/// Why correct the bias: m starts at 0, so mₜ = (1 − β₁)·Σ β₁ᵗ⁻ᶻ·∇w_z and, if every ∇w_z
/// comes from one distribution, E[mₜ] = E[∇w]·(1 − β₁ᵗ); dividing by 1 − β₁ᵗ makes m̂ an
/// unbiased estimate of E[∇w]. Without it the first steps are far too large: with
/// β₂ = 0.999 and ∇w = 0.1, v₁ = 0.00001 and the rate 1/√v₁ is 316.22.
///
/// The notes' listing raises β to the epoch number while it updates once per point
/// (``BiasPower/epoch``); Keras folds the correction into the step size and adds ε to the
/// root of the raw v (``EpsilonPlacement/hat``). This file also holds what the rest of the
/// family (``AdamW``, ``AMSGrad``, ``NAdam``, ``AdaMax``) shares: the moments, the rate and
/// their `explain` lines.
enum Adam: UpdateRule {
  static let optimizer = Optimizer.adam
  static let summary = "momentum on the gradient plus rmsprop's scaling, both bias-corrected"
  static let sharedNumbers: StepContext.Numbers = [.biasCorrections]

  static let rule = [
    "m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²", "m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)",
    "w ← w − η/(√v̂ + ε)·m̂",
    "bias correction undoes the zero start: without it the first rates are huge (316.22)",
  ]

  /// The notes' listing: η = 0.1, ε = 1e-10; Keras: ε = 1e-7 in its ε-hat form.
  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 1e-3, keras: 1e-3, optax: 0.1)
    switch convention {
    case .lecture: h.epsilon = 1e-10
    case .keras:
      h.epsilon = 1e-7
      h.epsilonPlacement = .hat
      h.decoupledWeightDecay = true
    case .pytorch, .optax: break
    }
    return h
  }

  /// The settings every member of the family reads.
  static let familySettings: Set<Setting> = [
    .eta, .beta1, .beta2, .epsilon, .epsPlacement, .biasCorrection, .biasPower,
  ]
  static let settings = familySettings.union(options)
  /// Off by default: PyTorch's L2 term (or AdamW's decay) and optax's ε under the root.
  static let options = TorchWeightDecay.settings.union(OptaxEpsilonRoot.settings)
  static let optionRules = TorchWeightDecay.rules.merging(OptaxEpsilonRoot.rules) { a, _ in a }
  static let epsilonPlacements: [EpsilonPlacement] = [.outside, .inside, .hat]
  static let quantities: Set<Quantity> = [.mW, .mB, .vW, .vB, .mHatW, .mHatB, .vHatW, .vHatB]

  /// Only PyTorch's Adam adds the L2 term or, with decoupled_weight_decay, AdamW's decay;
  /// only optax's puts ε_root under the root.
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    TorchWeightDecay.missing(setting, under: convention, name: "adam")
      ?? OptaxEpsilonRoot.missing(setting, under: convention, name: "adam")
  }

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyTorchWeightDecay(s)
    c.updateMoments(s)
    c.finishAdam(s)
  }

  static func explainShared(_ e: inout ExplanationBuilder) {
    e.biasCorrections(second: true)
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    explainMoments(&e, e.torchWeightDecay(original))
  }

  /// The lines of the moments, the corrections and the step, shared with ``AdamW``.
  static func explainMoments(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    let m = e.firstMoment(before)
    let v = e.secondMoment(before)
    let mHat = e.correctedFirstMoment(m)
    let vHat = e.correctedSecondMoment(v)
    let rate = e.adamRate(raw: v, corrected: vHat)
    e.step(before.parameter, rate: rate, direction: mHat)
  }
}

extension Coordinate {
  /// The two moments every Adam variant keeps:
  /// m ← β₁·m + (1 − β₁)·g and v ← β₂·v + (1 − β₂)·g².
  @inline(__always)
  mutating func updateMoments(_ s: StepContext) {
    m = s.h.beta1 * m + (1 - s.h.beta1) * gradient
    v = s.h.beta2 * v + (1 - s.h.beta2) * gradient * gradient
  }

  /// The rate that multiplies m̂, given the second moment `raw` before correction.
  ///
  /// outside: η/(√v̂ + ε); inside: η/√(v̂ + ε); hat (Keras): η·√(1 − β₂ᵗ)/(√v + ε), which is
  /// Keras's αₜ·m/(√v + ε) rewritten as a multiple of m̂. optax's ε_root (``OptaxEpsilonRoot``,
  /// 0 unless set) joins v̂ under the root: η/(√(v̂ + ε_root) + ε); with ε = 0 every form is
  /// exactly the one without it.
  @inline(__always)
  func adamRate(_ s: StepContext, raw: Double, corrected: Double) -> Double {
    Self.adamRate(s, raw: raw, corrected: corrected, root: s.h.epsilonRoot)
  }

  /// ``adamRate(_:raw:corrected:)`` with `root` under the root in place of ε_root (AdaBelief
  /// has already added its ε_root to s and adds none here).
  @inline(__always)
  static func adamRate(_ s: StepContext, raw: Double, corrected: Double, root: Double) -> Double {
    switch s.h.epsilonPlacement {
    case .hat:
      return s.learningRate * s.correction2.squareRoot()
        / ((raw + s.correction2 * root).squareRoot() + s.h.epsilon)
    case .inside: return s.learningRate / (corrected + root + s.h.epsilon).squareRoot()
    case .outside, .max: return s.learningRate / ((corrected + root).squareRoot() + s.h.epsilon)
    }
  }

  /// Adam after m and v are updated: the corrections and the step.
  @inline(__always)
  mutating func finishAdam(_ s: StepContext) {
    mHat = m / s.correction1
    vHat = v / s.correction2
    rate = adamRate(s, raw: v, corrected: vHat)
    parameter -= rate * mHat
  }
}

extension ExplanationBuilder {
  /// 1 − β₁ᵗ and, with `second`, 1 − β₂ᵗ, as shared lines (none without bias correction).
  mutating func biasCorrections(second: Bool) {
    guard h.biasCorrection else { return }
    let n = Self.n
    let p = Double(power)
    add("1 − β₁ᵗ", nil, shared: true, "", ["1 − ", n(h.beta1), "^", n(p)], 1 - pow(h.beta1, p))
    if second {
      add("1 − β₂ᵗ", nil, shared: true, "", ["1 − ", n(h.beta2), "^", n(p)], 1 - pow(h.beta2, p))
    }
  }

  /// The line m = β₁·m + (1 − β₁)·g; returns m.
  mutating func firstMoment(_ before: Coordinate) -> Double {
    let n = Self.n
    let (x, g, m0) = (suffix, before.gradient, before.m)
    let m = m0.averaged(with: g, decay: h.beta1, lerp: h.lerpsMean)
    if h.lerpsMean {
      add(
        "m" + x, quantity(.mW, .mB), "m\(x) + (1 − β₁)·(\(ruleGradientName) − m\(x))",
        [n(m0), " + ", n(1 - h.beta1), "·(", n(g), " − ", n(m0), ")"], m)
      return m
    }
    add(
      "m" + x, quantity(.mW, .mB), "β₁·m\(x) + (1 − β₁)·\(ruleGradientName)",
      [n(h.beta1), "·", n(m0), " + ", n(1 - h.beta1), "·", n(g)], m)
    return m
  }

  /// The line v = β₂·v + (1 − β₂)·g²; returns v.
  mutating func secondMoment(_ before: Coordinate) -> Double {
    let n = Self.n
    let (x, g, v0) = (suffix, before.gradient, before.v)
    let v = h.beta2 * v0 + (1 - h.beta2) * g * g
    add(
      "v" + x, quantity(.vW, .vB), "β₂·v\(x) + (1 − β₂)·\(ruleGradientName)²",
      [n(h.beta2), "·", n(v0), " + ", n(1 - h.beta2), "·", n(g), "²"], v)
    return v
  }

  /// `m/(1 − β₁ᵗ)`, or `m (no bias correction)`.
  var correctedFirstMomentFormula: String {
    h.biasCorrection ? "m\(suffix)/(1 − β₁ᵗ)" : "m\(suffix) (no bias correction)"
  }

  /// `v/(1 − β₂ᵗ)`, or `v (no bias correction)`.
  var correctedSecondMomentFormula: String {
    h.biasCorrection ? "v\(suffix)/(1 − β₂ᵗ)" : "v\(suffix) (no bias correction)"
  }

  /// The line m̂ = m/(1 − β₁ᵗ); returns m̂.
  mutating func correctedFirstMoment(_ m: Double) -> Double {
    corrected("m_hat", quantity(.mHatW, .mHatB), correctedFirstMomentFormula, m, s.correction1)
  }

  /// The line v̂ = v/(1 − β₂ᵗ); returns v̂.
  mutating func correctedSecondMoment(_ v: Double) -> Double {
    corrected("v_hat", quantity(.vHatW, .vHatB), correctedSecondMomentFormula, v, s.correction2)
  }

  private mutating func corrected(
    _ name: String, _ quantity: Quantity, _ formula: String, _ raw: Double, _ correction: Double
  ) -> Double {
    add(name + suffix, quantity, formula, [Self.n(raw), "/", Self.n(correction)], raw / correction)
    return raw / correction
  }

  /// Adam's rate with its line: η/(√v̂ + ε), η/√(v̂ + ε), or Keras's η·√(1 − β₂ᵗ)/(√v + ε)
  /// (``Coordinate/adamRate(_:raw:corrected:)``), with optax's ε_root under the root when it
  /// is not 0. `rawName` names the raw moment; `root` replaces ε_root (AdaBelief's is in s).
  mutating func adamRate(
    raw: Double, corrected: Double, rawName: String = "v", root: Double? = nil
  ) -> Double {
    let n = Self.n
    let x = suffix
    let eta = s.learningRate
    let root = root ?? h.epsilonRoot
    let rate = Coordinate.adamRate(s, raw: raw, corrected: corrected, root: root)
    switch h.epsilonPlacement {
    case .hat:
      let c2 = s.correction2
      let under = root == 0 ? "√\(rawName)\(x)" : "√(\(rawName)\(x) + (1 − β₂ᵗ)·ε_root)"
      let underValue = root == 0 ? ["√", n(raw)] : ["√(", n(raw), " + ", n(c2), "·", n(root), ")"]
      add(
        "lr" + x, quantity(.lrW, .lrB), "η·√(1 − β₂ᵗ)/(\(under) + ε)",
        [n(eta), "·√", n(c2), "/("] + underValue + [" + ", n(h.epsilon), ")"], rate)
    case .inside:
      let under = root == 0 ? "v_hat\(x)" : "v_hat\(x) + ε_root"
      let underValue = root == 0 ? [n(corrected)] : [n(corrected), " + ", n(root)]
      add(
        "lr" + x, quantity(.lrW, .lrB), "η/√(\(under) + ε)",
        [n(eta), "/√("] + underValue + [" + ", n(h.epsilon), ")"], rate)
    case .outside, .max:
      let under = root == 0 ? "√v_hat\(x)" : "√(v_hat\(x) + ε_root)"
      let underValue = root == 0 ? ["√", n(corrected)] : ["√(", n(corrected), " + ", n(root), ")"]
      add(
        "lr" + x, quantity(.lrW, .lrB), "η/(\(under) + ε)",
        [n(eta), "/("] + underValue + [" + ", n(h.epsilon), ")"], rate)
    }
    return rate
  }
}
