/// Yogi (Zaheer et al. 2018): Adam whose second moment moves additively, so it cannot
/// forget a large gradient too fast.
///
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·∇wₜ
///     vₜ = vₜ₋₁ − (1 − β₂)·sign(vₜ₋₁ − (∇wₜ)²)·(∇wₜ)²
///     wₜ₊₁ = wₜ − η/(√v̂ₜ + ε)·m̂ₜ   (m̂, v̂ corrected as Adam's, or not at all)
///
/// Adam's vₜ − vₜ₋₁ = (1 − β₂)·((∇wₜ)² − vₜ₋₁) is proportional to vₜ₋₁ when the gradients
/// shrink: v, and with it the memory of a past burst, decays geometrically and the rate can
/// jump up. Yogi's change has the size (1 − β₂)·(∇wₜ)² whatever v is, only its sign follows
/// v − g², so v falls no faster than the new gradients allow. The lecture convention is the
/// paper's Algorithm 2: m and v start at 0, no bias correction. optax's yogi corrects the
/// bias and starts both m and v at its `initial_accumulator_value`, 1e-6 (adalab's `v_init`
/// there sets both). ε = 1e-3 in both. PyTorch and Keras ship no Yogi.
enum Yogi: UpdateRule {
  static let optimizer = Optimizer.yogi
  static let summary = "adam whose v moves additively, so it cannot forget a burst too fast"
  static let sharedNumbers: StepContext.Numbers = [.biasCorrections]

  static let rule = [
    "m ← β₁·m + (1 − β₁)·g", "v ← v − (1 − β₂)·sign(v − g²)·g²",
    "w ← w − η/(√v̂ + ε)·m̂ (corrected as adam's: optax; or not: the paper)",
    "v moves by (1 − β₂)·g² at most, so it cannot forget a burst too fast",
  ]

  static func defaults(for convention: Convention) -> Hyperparameters {
    var h = Hyperparameters.base
    h.learningRate = 0.1
    h.epsilon = 1e-3
    if convention == .optax {
      h.initialAccumulator = 1e-6
    } else {
      h.biasCorrection = false
    }
    return h
  }

  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    OptaxEpsilonRoot.absent(setting, name: "yogi", because: "its ε is outside the root only")
  }

  static func unavailable(in convention: Convention) -> String? {
    switch convention {
    case .pytorch, .keras:
      return "\(convention.rawValue) ships no Yogi; use yogi:optax or yogi:lecture"
    case .lecture, .optax: return nil
    }
  }

  static let settings: Set<Setting> = [
    .eta, .beta1, .beta2, .epsilon, .vInit, .biasCorrection, .biasPower,
  ]
  static let epsilonPlacements: [EpsilonPlacement] = []
  static let quantities = Adam.quantities

  /// optax's `scale_by_yogi` starts m at its initial accumulator too.
  static func initialFirstMoment(_ h: Hyperparameters, under convention: Convention) -> Double {
    convention == .optax ? h.initialAccumulator : 0
  }

  static let meanings: [(Quantity, String)] = [
    (
      .mW,
      "starts at v_init under optax (its initial_accumulator_value starts m and v), at 0 in the paper"
    ),
    (.vW, "moved by ±(1 − β₂)·g² toward g², never by a fraction of itself"),
    (.vHatW, "v/(1 − β₂ᵗ) (optax), v itself with bias_correction off (the paper)"),
  ]

  /// sign(x), 0 at 0 (as jnp.sign).
  @inline(__always)
  static func sign(_ x: Double) -> Double { x > 0 ? 1 : x < 0 ? -1 : 0 }

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.m = s.h.beta1 * c.m + (1 - s.h.beta1) * c.gradient
    let square = c.gradient * c.gradient
    c.v = c.v - (1 - s.h.beta2) * sign(c.v - square) * square
    c.finishAdam(s)
  }

  static func explainShared(_ e: inout ExplanationBuilder) {
    e.biasCorrections(second: true)
  }

  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    let n = ExplanationBuilder.n
    let (x, h, g) = (e.suffix, e.h, before.gradient)
    let m = e.firstMoment(before)
    let square = g * g
    let direction = sign(before.v - square)
    e.add(
      "sign(v\(x) − \(e.gradientName)²)", nil, "", ["sign(", n(before.v), " − ", n(square), ")"],
      direction)
    let v = before.v - (1 - h.beta2) * direction * square
    e.add(
      "v" + x, e.quantity(.vW, .vB),
      "v\(x) − (1 − β₂)·sign(v\(x) − \(e.gradientName)²)·\(e.gradientName)²",
      [n(before.v), " − ", n(1 - h.beta2), "·", n(direction), "·", n(square)], v)
    let mHat = e.correctedFirstMoment(m)
    let vHat = e.correctedSecondMoment(v)
    let rate = e.adamRate(raw: v, corrected: vHat)
    e.step(before.parameter, rate: rate, direction: mHat)
  }
}
