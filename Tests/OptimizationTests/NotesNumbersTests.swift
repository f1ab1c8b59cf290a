import Testing

@testable import Optimization

#if canImport(Glibc)
  import Glibc
#endif

/// Every number the lecture notes print, reached through the engine.
@Suite struct NotesNumbersTests {
  @Test func toyLossAndGradientAtTheNotesStart() {
    let session = Session(
      setup: RunSetup(dataset: .toy, optimizer: .gd, convention: .lecture, start: [-2, -2]))
    #expect(session.loss == 0.41581990101999289)
    var stepped = session
    _ = stepped.step(1)
    #expect(stepped.value(of: .dw) == .vector([-0.0054923192156398635]))
    #expect(stepped.value(of: .db) == .scalar(-0.0077111592152144257))
  }

  /// "What if we don't do bias correction?": β₂ = 0.999 and ∇w = 0.1 give
  /// v = 0.00001 and a rate 1/√v = 316.22; a zero gradient next gives 316.38.
  @Test func adamWithoutBiasCorrectionTakesHugeFirstSteps() throws {
    var h = Hyperparameters.defaults(for: .adam, convention: .lecture)
    h.learningRate = 1
    h.epsilon = 0
    h.biasCorrection = false
    var c = Coordinate(
      parameter: 0, gradient: 0.1, m: 0, v: 0, u: 0, vMax: 0, mHat: 0, vHat: 0, rate: 0)
    Adam.apply(&c, StepContext(h: h, t: 1, biasPowerT: 1, previousMomentumProduct: 1))
    #expect(abs(c.v - 0.00001) < 1e-18)
    #expect(abs(c.rate - 316.22776601683796) < 1e-9)
    c.gradient = 0
    Adam.apply(&c, StepContext(h: h, t: 2, biasPowerT: 2, previousMomentumProduct: 1))
    #expect(abs(c.v - 0.00000999) < 1e-18)
    #expect((c.rate * 100).rounded(.down) / 100 == 316.38)
  }

  /// The same example through a whole session: one point with x = 0.8, y = 0 at w = b = 0
  /// has ∂L/∂w = ½·¼·0.8 = 0.1; a second point with x = 0 then gives ∂L/∂w = 0.
  @Test func adamWithoutBiasCorrectionOnData() throws {
    let data = Dataset(
      name: "notes-adam", featureNames: ["x"], rows: [[0.8], [0]], targets: [0, 0.5])
    var session = Session(
      setup: RunSetup(dataset: data, optimizer: .adam, convention: .lecture, start: [0, 0]))
    try session.set(.biasCorrection, to: .word("off"))
    try session.set(.batch, to: .number(1))
    try session.set(.eta, to: .number(1))
    try session.set(.epsilon, to: .number(1e-300))  // as good as none: √v + 1e-300 == √v
    _ = session.step(1)
    let v = try #require(session.value(of: .vW).vector)
    let rate = try #require(session.value(of: .lrW).vector)
    #expect(abs(v[0] - 0.00001) < 1e-17)
    #expect((rate[0] * 100).rounded(.down) / 100 == 316.22)
    _ = session.step(1)
    let rate2 = try #require(session.value(of: .lrW).vector)
    #expect((rate2[0] * 100).rounded(.down) / 100 == 316.38)
  }

  /// AdaGrad's effective rate η/√(v + ε) with v = 0.019 and η = 0.1 is 0.72.
  @Test func adagradEffectiveRateExample() throws {
    let still = Dataset(name: "still", featureNames: ["x"], rows: [[0]], targets: [0.5])
    var session = Session(
      setup: RunSetup(dataset: still, optimizer: .adagrad, convention: .keras, start: [0, 0]))
    try session.set(.eta, to: .number(0.1))
    try session.set(.vInit, to: .number(0.019))
    try session.set(.epsilon, to: .number(1e-300))  // as good as none: √v + 1e-300 == √v
    _ = session.step(1)
    #expect(session.value(of: .vB) == .scalar(0.019))
    let rate = try #require(session.value(of: .lrB).scalar)
    #expect(abs(rate - 0.1 / 0.019.squareRoot()) < 1e-15)
    #expect((rate * 100).rounded() / 100 == 0.73)
    #expect((rate * 100).rounded(.down) / 100 == 0.72)
  }

  /// RMSProp with β = 0.9: v₂ = 0.081·g₀² + 0.09·g₁² + 0.1·g₂².
  @Test func rmspropWeightsOfPastGradients() throws {
    var session = Session(
      setup: RunSetup(dataset: .toy, optimizer: .rmsprop, convention: .lecture))
    try session.set(.beta, to: .number(0.9))
    var squares: [Double] = []
    for _ in 0..<3 {
      _ = session.step(1)
      let g = try #require(session.value(of: .db).scalar)
      squares.append(g * g)
    }
    let expected = 0.081 * squares[0] + 0.09 * squares[1] + 0.1 * squares[2]
    let v = try #require(session.value(of: .vB).scalar)
    #expect(abs(v - expected) <= 1e-15 * expected)
  }

  /// E[mₜ] = E[g]·(1 − β₁ᵗ): with a constant gradient, m̂ = m/(1 − β₁ᵗ) is that gradient.
  @Test func biasCorrectionRecoversAConstantGradient() {
    let h = Hyperparameters.defaults(for: .adam, convention: .lecture)
    var c = Coordinate(
      parameter: 0, gradient: 0.3, m: 0, v: 0, u: 0, vMax: 0, mHat: 0, vHat: 0, rate: 0)
    for t in 1...20 {
      Adam.apply(&c, StepContext(h: h, t: t, biasPowerT: t, previousMomentumProduct: 1))
      #expect(abs(c.mHat - 0.3) < 1e-15)
      #expect(abs(c.m - 0.3 * (1 - pow(0.9, Double(t)))) < 1e-15)
    }
  }
}
