#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The powers an update rule reads from its ``StepContext``.
///
/// A power costs a call of libm's `pow`, more than the rest of a per-point update, and once
/// βᵏ underflows glibc's `pow` takes a slow path. So a run computes only the powers its rule
/// reads: AdaGrad, RMSProp and the other rules without bias correction read none.
struct StepPowers: OptionSet {
  let rawValue: UInt8

  init(rawValue: UInt8) { self.rawValue = rawValue }

  /// 1 − β₁ᵏ.
  static let correction1 = StepPowers(rawValue: 1 << 0)
  /// 1 − β₂ᵏ.
  static let correction2 = StepPowers(rawValue: 1 << 1)
  /// 1 − β₁ᵏ⁺¹ (optax's NAdam).
  static let correction1Next = StepPowers(rawValue: 1 << 2)
  /// μₜ, μₜ₊₁ and their products (the NAdam schedule of PyTorch and Keras).
  static let momentumSchedule = StepPowers(rawValue: 1 << 3)

  /// The powers `optimizer` reads with the switches of `h`.
  init(_ optimizer: Optimizer, _ h: Hyperparameters) {
    switch optimizer {
    case .gd, .momentum, .nag, .adagrad, .rmsprop, .adadelta, .maxprop: self = []
    case .adam, .amsgrad, .adamw: self = [.correction1, .correction2]
    case .adamax: self = [.correction1]
    case .nadam:
      switch h.nadamForm {
      case .lecture: self = [.correction1, .correction2]
      case .optax: self = [.correction1, .correction2, .correction1Next]
      case .schedule: self = [.correction2, .momentumSchedule]
      }
    }
  }
}

/// When a power has vanished for good.
///
/// 1 − x rounds to exactly 1 once |x| ≤ 2⁻⁵⁴ (1 − 2⁻⁵⁴ is halfway between 1 − 2⁻⁵³ and 1 and
/// rounds to the even one, 1). βᵏ only shrinks as k grows when |β| < 1, and glibc's `pow` is
/// within one ulp, so once `pow(β, k)` is that small it stays that small for every larger k:
/// from then on the correction is 1 without calling `pow`, the same bits. (With β = 0.9 that is
/// from k = 356; with 0.999 from k = 37,400; before then nothing changes.)
struct VanishingPowers {
  /// The smallest k seen with |β₁ᵏ| ≤ 2⁻⁵⁴, or `Int.max`.
  var beta1 = Int.max
  /// The smallest k seen with |β₂ᵏ| ≤ 2⁻⁵⁴, or `Int.max`.
  var beta2 = Int.max
  /// The smallest t seen with ½·0.96^(t·ψ) ≤ 2⁻⁵⁴ (then μₜ = β₁), or `Int.max`.
  var schedule = Int.max
  /// The t whose μₜ₊₁ the context holds, so that the next update reuses it as its μₜ (the
  /// same expression), or `Int.min`.
  var scheduleT = Int.min

  /// 1 − βᵏ, without `pow` once k has reached `vanishing`, which it lowers when it can.
  @inline(__always)
  static func correction(_ beta: Double, _ k: Int, _ vanishing: inout Int) -> Double {
    if k >= vanishing { return 1 }
    let power = pow(beta, Double(k))
    if abs(power) <= 0x1p-54 { vanishing = k }
    return 1 - power
  }
}

extension StepContext {
  /// Sets the corrections `powers` asks for to those of exponent `k`; the others keep
  /// whatever they held (no rule in `powers`' run reads them).
  @inline(__always)
  mutating func setCorrections(_ k: Int, _ powers: StepPowers) {
    guard h.biasCorrection else {
      (correction1, correction2, correction1Next) = (1, 1, 1)
      return
    }
    if powers.contains(.correction1) {
      correction1 = VanishingPowers.correction(h.beta1, k, &vanishing.beta1)
    }
    if powers.contains(.correction2) {
      correction2 = VanishingPowers.correction(h.beta2, k, &vanishing.beta2)
    }
    if powers.contains(.correction1Next) {
      correction1Next = VanishingPowers.correction(h.beta1, k + 1, &vanishing.beta1)
    }
  }

  /// Sets NAdam's schedule to that of update `t`: μₜ = β₁·(1 − ½·0.96^(t·ψ)), μₜ₊₁, Πμ and
  /// Πμ·μₜ₊₁, the bits of ``init(h:t:biasPowerT:previousMomentumProduct:includingNAdam:)``.
  /// μₜ is the previous update's μₜ₊₁ when t follows it, and β₁ itself once ½·0.96^(t·ψ) has
  /// vanished (ψ ≥ 2⁻³⁰, so that t·ψ grows by far more than an ulp each update).
  @inline(__always)
  mutating func setSchedule(_ t: Int, previousMomentumProduct: Double) {
    mu = vanishing.scheduleT == t - 1 ? muNext : momentum(t, &vanishing.schedule)
    muNext = momentum(t + 1, &vanishing.schedule)
    vanishing.scheduleT = t
    muProduct = previousMomentumProduct * mu
    muProductNext = muProduct * muNext
  }

  @inline(__always)
  private func momentum(_ t: Int, _ vanishing: inout Int) -> Double {
    if t >= vanishing { return h.beta1 * 1 }
    let power = pow(0.96, Double(t) * h.momentumDecay)
    if power <= 0x1p-53 && h.momentumDecay >= 0x1p-30 { vanishing = t }
    return h.beta1 * (1 - 0.5 * power)
  }
}
