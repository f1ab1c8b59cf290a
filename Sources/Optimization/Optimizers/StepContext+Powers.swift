#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a run keeps between updates so that its ``StepContext`` costs as few powers as
/// possible: which powers its rule reads, the exponent the context's corrections were
/// computed for, and when each power has vanished for good.
///
/// 1 − x rounds to exactly 1 once |x| ≤ 2⁻⁵⁴ (1 − 2⁻⁵⁴ is halfway between 1 − 2⁻⁵³ and 1 and
/// rounds to the even one, 1). βᵏ only shrinks as k grows when |β| < 1, and glibc's `pow` is
/// within one ulp, so once `pow(β, k)` is that small it stays that small for every larger k:
/// from then on the correction is 1 without calling `pow`, the same bits. (With β = 0.9 that is
/// from k = 356; with 0.999 from about k = 37,400; before then nothing changes.)
struct StepPowerCache {
  /// The powers the run's rule reads with the run's settings
  /// (``UpdateRule/sharedNumbers(for:)``).
  let numbers: StepContext.Numbers
  /// The exponent k of the context's corrections, or −1 before the first update.
  var biasPowerT = -1
  /// The smallest k seen with |β₁ᵏ| ≤ 2⁻⁵⁴, or `Int.max`.
  var beta1Vanishes = Int.max
  /// The smallest k seen with |β₂ᵏ| ≤ 2⁻⁵⁴, or `Int.max`.
  var beta2Vanishes = Int.max
  /// The smallest t seen with ½·0.96^(t·ψ) ≤ 2⁻⁵⁴ (then μₜ = β₁), or `Int.max`.
  var scheduleVanishes = Int.max
  /// The t whose μₜ₊₁ the context holds, so that the next update reuses it as its μₜ (the
  /// same expression), or `Int.min`.
  var scheduleT = Int.min
  /// The run's learning-rate schedule, when it has one (``RunSetup/schedule``).
  var learningRate: ScheduleCursor?
  /// The run's schedules of β₁ and β₂, when it has any (``RunSetup/betaSchedules``).
  var betas: BetaCursors?

  init(_ numbers: StepContext.Numbers) {
    self.numbers = numbers
  }

  /// 1 − βᵏ, without `pow` once k has reached `vanishes`, which it lowers when it can.
  @inline(__always)
  static func correction(_ beta: Double, _ k: Int, _ vanishes: inout Int) -> Double {
    if k >= vanishes { return 1 }
    let power = pow(beta, Double(k))
    if abs(power) <= 0x1p-54 { vanishes = k }
    return 1 - power
  }
}

extension StepContext {
  /// Sets the corrections the cache's rule reads to those of exponent `k`; the others keep
  /// whatever they held (the rule does not read them).
  @inline(__always)
  mutating func setCorrections(_ k: Int, _ cache: inout StepPowerCache) {
    guard h.biasCorrection else {
      (correction1, correction2, correction1Next) = (1, 1, 1)
      return
    }
    if cache.numbers.contains(.correction1) {
      correction1 = StepPowerCache.correction(h.beta1, k, &cache.beta1Vanishes)
    }
    if cache.numbers.contains(.correction2) {
      correction2 = StepPowerCache.correction(h.beta2, k, &cache.beta2Vanishes)
    }
    if cache.numbers.contains(.correction1Next) {
      correction1Next = StepPowerCache.correction(h.beta1, k + 1, &cache.beta1Vanishes)
    }
  }

  /// Sets NAdam's schedule to that of update `t`: μₜ = β₁·(1 − ½·0.96^(t·ψ)), μₜ₊₁, Πμ and
  /// Πμ·μₜ₊₁, the bits of ``init(h:t:biasPowerT:previousMomentumProduct:includingNAdam:)``.
  /// μₜ is the previous update's μₜ₊₁ when t follows it, and β₁ itself once ½·0.96^(t·ψ) has
  /// vanished (ψ ≥ 2⁻³⁰, so that t·ψ grows by far more than an ulp each update).
  @inline(__always)
  mutating func setSchedule(
    _ t: Int, previousMomentumProduct: Double, _ cache: inout StepPowerCache
  ) {
    mu = cache.scheduleT == t - 1 ? muNext : momentum(t, &cache.scheduleVanishes)
    muNext = momentum(t + 1, &cache.scheduleVanishes)
    cache.scheduleT = t
    muProduct = previousMomentumProduct * mu
    muProductNext = muProduct * muNext
  }

  @inline(__always)
  private func momentum(_ t: Int, _ vanishes: inout Int) -> Double {
    if t >= vanishes { return h.beta1 * 1 }
    let power = pow(0.96, Double(t) * h.momentumDecay)
    if power <= 0x1p-53 && h.momentumDecay >= 0x1p-30 { vanishes = t }
    return h.beta1 * (1 - 0.5 * power)
  }
}
