import Testing

@testable import Optimization

/// A step that would leave the finite numbers is refused, the state stays at the last
/// finite update, and rewinding still works.
@Suite struct DivergenceTests {
  @Test func aHugeLearningRateOnExtremeDataStopsAtTheLastFiniteStep() throws {
    let extreme = Dataset(
      name: "extreme", featureNames: ["x"], rows: [[1e300], [-1e300]], targets: [1, 0])
    var session = Session(
      setup: RunSetup(dataset: extreme, optimizer: .gd, convention: .lecture, start: [1e-300, 0]))
    try session.set(.eta, to: .number(1e300))
    let report = session.step(100)
    guard case .diverged(let divergence) = report.outcome else {
      Issue.record("expected divergence, got \(report.outcome)")
      return
    }
    #expect(divergence.step == report.taken + 1)
    #expect(session.t == report.taken)
    #expect(session.state.isFinite)
    #expect(session.loss.isFinite)
    if session.t > 0 {
      let last = session.state
      session.rewind(to: 0)
      _ = session.step(last.updateCount)
      #expect(session.state == last)
    }
  }

  /// ε so small that η/ε overflows: AdaGrad's rate on a weight whose gradient has always
  /// been 0 becomes infinite, which is refused and named.
  @Test func anEpsilonThatUnderflowsTheDenominatorIsCaught() throws {
    let still = Dataset(
      name: "still", featureNames: ["x1", "x2"], rows: [[1, 0], [2, 0]], targets: [0.2, 0.9])
    var session = Session(
      setup: RunSetup(dataset: still, optimizer: .adagrad, convention: .lecture))
    try session.set(.epsilon, to: .number(Double.leastNormalMagnitude / 4096))  // 5e-312
    let report = session.step(10)
    #expect(report.taken == 0)
    #expect(report.outcome == .diverged(Divergence(step: 1, quantity: .lrW, parameterIndex: 1)))
    #expect(session.t == 0)
    #expect(session.state == session.setup.initialState)
  }

  @Test func theSigmoidAndLossesStayFiniteFarOut() {
    for z in [-1e308, -800, -745, -709, 0, 709, 800, 1e308] {
      #expect(sigmoid(z).isFinite)
      #expect(LossFunction.squared.value(z: z, target: 0.5).isFinite)
      #expect(LossFunction.crossEntropy.value(z: z, target: 0.5).isFinite)
      #expect(LossFunction.crossEntropy.slope(z: z, target: 0.5).isFinite)
    }
    #expect(sigmoid(800) == 1)
    #expect(sigmoid(-800) == 0)
  }
}
