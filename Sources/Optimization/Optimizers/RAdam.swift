#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// RAdam (rectified Adam, Liu et al. 2020): Adam whose adaptive rate is switched on only
/// once the variance of v̂ is tractable, and then damped by how far that variance is from
/// its limit.
///
///     mₜ, vₜ, m̂ₜ, v̂ₜ as Adam
///     ρ∞ = 2/(1 − β₂) − 1;   ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
///     ρₜ > 5:  rₜ = √((ρₜ − 4)·(ρₜ − 2)·ρ∞ / ((ρ∞ − 4)·(ρ∞ − 2)·ρₜ))
///              wₜ₊₁ = wₜ − rₜ·η/(√v̂ₜ + ε)·m̂ₜ
///     else:    wₜ₊₁ = wₜ − η·m̂ₜ   (momentum's step: no adaptive rate yet)
///
/// The notes' bias correction makes v̂ₜ right on average, but not reliable: at t = 1,
/// v̂₁ = g₁², so the first rate η/(|g₁| + ε) is as large as the first gradient is small, and
/// for a few steps v̂ is an average of very few squared gradients. ρₜ is the length of the
/// simple moving average the exponential one behaves like: ρ₁ = 1, ρ₂ ≈ 2, …, up to ρ∞
/// (1999 for β₂ = 0.999). The variance of the adaptive rate 1/√v̂ is infinite while ρₜ ≤ 4;
/// rₜ is the ratio of its spread at ρ∞ to its spread at ρₜ, below 1 in the first steps and
/// tending to 1, so the early adaptive steps are damped instead of trusted.
///
/// PyTorch puts ε on the raw root, rₜ·η·√(1 − β₂ᵗ)/(√vₜ + ε) (``EpsilonPlacement/hat``),
/// and rectifies when ρₜ > 5; optax puts ε on √v̂ₜ and rectifies when ρₜ ≥ 5 (the same
/// steps: ρₜ is never exactly 5); the lecture convention is the paper's Algorithm 2, which
/// rectifies when ρₜ > 4, with the notes' ε outside the root (the paper writes none). Keras
/// ships no RAdam. t in ρₜ counts updates, whatever ``BiasPower`` says; optax raises β₂ to
/// t by repeated squaring (``Hyperparameters/powersBySquaring``).
enum RAdam: UpdateRule {
  static let optimizer = Optimizer.radam
  static let summary =
    "rectified adam: momentum's step until v_hat is reliable, then adam's rate damped by r"
  static let sharedNumbers: StepContext.Numbers = [.biasCorrections]

  static let rule = [
    "m, v, m̂, v̂ as Adam", "ρ∞ = 2/(1 − β₂) − 1, ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)",
    "ρₜ > 5: r = √((ρₜ − 4)(ρₜ − 2)ρ∞/((ρ∞ − 4)(ρ∞ − 2)ρₜ)), w ← w − r·η/(√v̂ + ε)·m̂",
    "ρₜ ≤ 5: w ← w − η·m̂ (lecture: the paper's 4 instead of 5)",
    "v̂ of a few gradients is unreliable: no adaptive rate until its variance is finite",
  ]

  /// PyTorch: η = 0.001 and ε on the raw root; optax: η required (0.1 here); lecture: the
  /// paper's threshold 4.
  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = convention.pick(lecture: 0.1, pytorch: 1e-3, keras: 1e-3, optax: 0.1)
    switch convention {
    case .lecture: h.rectificationThreshold = 4
    case .pytorch, .keras: h.epsilonPlacement = .hat
    case .optax: h.powersBySquaring = true
    }
    return h
  }

  static func unavailable(in convention: Convention) -> String? {
    convention == .keras
      ? "keras ships no RAdam; use radam:pytorch, radam:optax or radam:lecture" : nil
  }

  static let settings = Adam.familySettings.union(TorchWeightDecay.settings)
    .union(OptaxEpsilonRoot.settings).union([.threshold])

  /// Only optax's radam takes the threshold; PyTorch's fixes ρₜ > 5, the paper ρₜ > 4.
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    if setting == .threshold, convention != .optax {
      return convention == .pytorch
        ? "pytorch's RAdam fixes the threshold (rectified once ρₜ > 5); use radam:optax"
        : "the paper's RAdam rectifies once ρₜ > 4, where the variance is finite; "
          + "use radam:optax"
    }
    return TorchWeightDecay.missing(setting, under: convention, name: "radam")
      ?? OptaxEpsilonRoot.missing(setting, under: convention, name: "radam")
  }
  static let epsilonPlacements: [EpsilonPlacement] = [.outside, .hat]
  static let quantities = Adam.quantities
  static let options = TorchWeightDecay.settings.union(OptaxEpsilonRoot.settings)
  static let optionRules = TorchWeightDecay.rules.merging(OptaxEpsilonRoot.rules) { a, _ in a }

  static let meanings: [(Quantity, String)] = [
    (
      .vHatW,
      "v/(1 − β₂ᵗ), as Adam; the rate uses it only once rectified (see explain for ρₜ and r)"
    )
  ]

  /// ρₜ, and rₜ when the step is rectified (nil: the plain η·m̂ step).
  @inline(__always)
  static func rectification(_ h: Hyperparameters, t: Double) -> (rho: Double, r: Double?) {
    let rhoInfinity = 2 / (1 - h.beta2) - 1
    let power = h.powersBySquaring ? bySquaring(h.beta2, Int(t)) : pow(h.beta2, t)
    let rho = rhoInfinity - 2 * t * power / (1 - power)
    // optax compares ρₜ ≥ threshold, PyTorch and the paper ρₜ > threshold (optax's
    // arithmetic, powersBySquaring, marks its convention).
    let rectified =
      h.powersBySquaring ? rho >= h.rectificationThreshold : rho > h.rectificationThreshold
    guard rectified else { return (rho, nil) }
    let ratio = (rho - 4) * (rho - 2) * rhoInfinity
    return (rho, (ratio / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho)).squareRoot())
  }

  /// xⁿ by repeated squaring from the lowest bit, XLA's integer power.
  static func bySquaring(_ x: Double, _ n: Int) -> Double {
    var (result, base, k) = (1.0, x, n)
    while k > 0 {
      if k & 1 == 1 { result *= base }
      base *= base
      k >>= 1
    }
    return result
  }

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyTorchWeightDecay(s)
    c.updateMoments(s)
    c.mHat = c.m / s.correction1
    c.vHat = c.v / s.correction2
    if let r = rectification(s.h, t: s.t).r {
      c.rate = c.adamRate(s, raw: c.v, corrected: c.vHat) * r
    } else {
      c.rate = s.learningRate
    }
    c.parameter -= c.rate * c.mHat
  }

  /// Adam's corrections, ρ∞, ρₜ, and whether the step is rectified with rₜ.
  static func explainShared(_ e: inout ExplanationBuilder) {
    e.biasCorrections(second: true)
    let n = ExplanationBuilder.n
    let (h, t) = (e.h, e.s.t)
    let rhoInfinity = 2 / (1 - h.beta2) - 1
    e.add(
      "ρ∞", nil, shared: true, "2/(1 − β₂) − 1", ["2/(1 − ", n(h.beta2), ") − 1"], rhoInfinity)
    let (rho, r) = rectification(h, t: t)
    e.add(
      "ρₜ", nil, shared: true, "ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)",
      [
        n(rhoInfinity), " − 2·", n(t), "·", n(h.beta2), "^", n(t), "/(1 − ", n(h.beta2), "^", n(t),
        ")",
      ],
      rho)
    let threshold = h.rectificationThreshold
    let compare = h.powersBySquaring ? " ≥ " : " > "
    e.add(
      "rectified", nil, shared: true,
      "ρₜ\(compare)\(threshold == threshold.rounded() ? String(Int(threshold)) : "\(threshold)") (1 yes, 0 no)",
      [n(rho), h.powersBySquaring ? " ≥ " : " > ", n(threshold)], r == nil ? 0 : 1)
    if let r {
      e.add(
        "rₜ", nil, shared: true, "√((ρₜ − 4)·(ρₜ − 2)·ρ∞/((ρ∞ − 4)·(ρ∞ − 2)·ρₜ))",
        [
          "√((", n(rho), " − 4)·(", n(rho), " − 2)·", n(rhoInfinity), "/((", n(rhoInfinity),
          " − 4)·(", n(rhoInfinity), " − 2)·", n(rho), "))",
        ], r)
    }
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    let before = e.torchWeightDecay(original)
    let n = ExplanationBuilder.n
    let x = e.suffix
    let m = e.firstMoment(before)
    let v = e.secondMoment(before)
    let mHat = e.correctedFirstMoment(m)
    let vHat = e.correctedSecondMoment(v)
    let (h, s) = (e.h, e.s)
    let rate: Double
    if let r = rectification(h, t: s.t).r {
      rate = before.adamRate(s, raw: v, corrected: vHat) * r
      let eta = s.learningRate
      switch h.epsilonPlacement {
      case .hat:
        e.add(
          "lr" + x, e.quantity(.lrW, .lrB), "η·√(1 − β₂ᵗ)/(√v\(x) + ε)·rₜ",
          [
            n(eta), "·√", n(s.correction2), "/(√", n(v), " + ", n(h.epsilon), ")·", n(r),
          ], rate)
      case .inside:
        e.add(
          "lr" + x, e.quantity(.lrW, .lrB), "η/√(v_hat\(x) + ε)·rₜ",
          [n(eta), "/√(", n(vHat), " + ", n(h.epsilon), ")·", n(r)], rate)
      case .outside where h.epsilonRoot != 0, .max where h.epsilonRoot != 0:
        e.add(
          "lr" + x, e.quantity(.lrW, .lrB), "η/(√(v_hat\(x) + ε_root) + ε)·rₜ",
          [n(eta), "/(√(", n(vHat), " + ", n(h.epsilonRoot), ") + ", n(h.epsilon), ")·", n(r)],
          rate)
      case .outside, .max:
        e.add(
          "lr" + x, e.quantity(.lrW, .lrB), "η/(√v_hat\(x) + ε)·rₜ",
          [n(eta), "/(√", n(vHat), " + ", n(h.epsilon), ")·", n(r)], rate)
      }
    } else {
      rate = s.learningRate
      e.add("lr" + x, e.quantity(.lrW, .lrB), "η (not rectified: no adaptive rate yet)", [], rate)
    }
    e.step(before.parameter, rate: rate, direction: mHat)
  }
}
