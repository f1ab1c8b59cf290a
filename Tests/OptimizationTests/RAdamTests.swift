import Testing

@testable import Optimization

/// RAdam's rectification on the notes' toy problem: which steps are rectified, and ρₜ's
/// values from its definition.
@Suite struct RAdamTests {
  /// ρ₁ = 1 for every β₂, and ρₜ rises towards ρ∞ = 2/(1 − β₂) − 1.
  @Test func rhoStartsAtOneAndRisesToItsLimit() {
    let h = Hyperparameters.defaults(for: .radam, convention: .pytorch)
    #expect(abs(RAdam.rectification(h, t: 1).rho - 1) < 1e-12)
    let rhos = (1...2000).map { RAdam.rectification(h, t: Double($0)).rho }
    #expect(zip(rhos, rhos.dropFirst()).allSatisfy { $0 < $1 })
    let late = RAdam.rectification(h, t: 20000).rho
    #expect(late < 1999 && late > 1999 * 0.999)
  }

  /// PyTorch and optax take momentum's step η·m̂ for t ≤ 5 (ρ₅ ≈ 4.99) and rectify from
  /// t = 6; the paper's threshold 4 (lecture) rectifies from t = 5. rₜ < 1 throughout.
  @Test(arguments: [(Convention.pytorch, 6), (.optax, 6), (.lecture, 5)])
  func firstRectifiedStep(_ convention: Convention, _ first: Int) {
    var session = Session(setup: RunSetup(dataset: .toy, optimizer: .radam, convention: convention))
    let eta = session.setup.hyperparameters.learningRate
    for t in 1...40 {
      _ = session.step(1)
      let rate = session.value(of: .lrB).scalar!
      let r = RAdam.rectification(session.setup.hyperparameters, t: Double(t)).r
      if t < first {
        #expect(r == nil && rate == eta, "t=\(t)")
      } else {
        #expect(r != nil && r! < 1 && rate != eta, "t=\(t)")
      }
    }
  }

  /// optax's integer power is repeated squaring, which is not `pow`.
  @Test func squaringIsXLAsIntegerPower() {
    #expect(RAdam.bySquaring(0.999, 24) == 0.976_273_986_583_630_5)  // jnp.power(0.999, int32 24)
    #expect(RAdam.bySquaring(0.999, 24) != 0.976_273_986_583_630_2)  // pow(0.999, 24)
    #expect(RAdam.bySquaring(0.5, 10) == 1.0 / 1024)
    #expect(RAdam.bySquaring(0.999, 0) == 1)
  }
}

/// Yogi's start, which differs between the paper and optax.
@Suite struct YogiStartTests {
  /// optax starts m and v at its accumulator (1e-6); the paper starts both at 0.
  @Test func optaxStartsBothMomentsAtTheAccumulator() {
    let optax = RunSetup(dataset: .toy, optimizer: .yogi, convention: .optax).initialState
    #expect(optax.m == [1e-6, 1e-6] && optax.v == [1e-6, 1e-6])
    let paper = RunSetup(dataset: .toy, optimizer: .yogi, convention: .lecture).initialState
    #expect(paper.m == [0, 0] && paper.v == [0, 0])
    #expect(
      !RunSetup(dataset: .toy, optimizer: .yogi, convention: .lecture).hyperparameters
        .biasCorrection)
  }
}
