import Testing

@testable import Optimization

/// The neuron's gradients against finite differences, and the batching order.
@Suite struct ModelTests {
  /// ∂L/∂θ from the analytic sums against a central difference of the summed loss.
  @Test(arguments: LossFunction.allCases)
  func gradientMatchesFiniteDifferences(_ loss: LossFunction) {
    let data = Dataset.sparse(count: 40, density: 0.2, seed: 9)
    let neuron = Neuron(dataset: data, loss: loss)
    let theta = [0.3, -0.7, 1.1, 0.2, -0.4]
    var gradient = [Double](repeating: 0, count: theta.count)
    neuron.gradient(at: theta, over: 0..<data.count, into: &gradient)
    for j in theta.indices {
      let h = 1e-6
      var plus = theta
      var minus = theta
      plus[j] += h
      minus[j] -= h
      let numeric = (neuron.totalLoss(at: plus) - neuron.totalLoss(at: minus)) / (2 * h)
      #expect(abs(numeric - gradient[j]) <= 1e-8 * max(1, abs(gradient[j])), "θ[\(j)]")
    }
  }

  /// Shuffled epochs: each visits every point once; the same seed gives the same run.
  @Test func shufflingIsSeededAndVisitsEveryPoint() throws {
    var setup = RunSetup(dataset: .sparse(count: 30, seed: 4), optimizer: .gd, convention: .lecture)
    setup.training.batch = .points(1)
    setup.training.shuffle = true
    setup.training.seed = 11
    var first = Session(setup: setup)
    var again = Session(setup: setup)
    _ = first.step(90)
    _ = again.step(90)
    #expect(first.state == again.state)
    setup.training.seed = 12
    var other = Session(setup: setup)
    _ = other.step(90)
    #expect(other.state.parameters != first.state.parameters)
    setup.training.shuffle = false
    var ordered = Session(setup: setup)
    _ = ordered.step(90)
    #expect(ordered.state.parameters != first.state.parameters)
    // With η tiny the order barely matters after whole epochs: every point was visited.
    setup.training.shuffle = true
    setup.hyperparameters.learningRate = 1e-9
    var shuffledTiny = Session(setup: setup)
    setup.training.shuffle = false
    var orderedTiny = Session(setup: setup)
    _ = shuffledTiny.step(30)
    _ = orderedTiny.step(30)
    for (a, b) in zip(shuffledTiny.state.parameters, orderedTiny.state.parameters) {
      #expect(abs(a - b) < 1e-15)
    }
  }

  /// Mini-batches cover the data in order and an epoch ends with the last, smaller batch.
  @Test func miniBatchesAndEpochs() throws {
    var setup = RunSetup(dataset: .sparse(count: 10, seed: 2), optimizer: .gd, convention: .lecture)
    setup.training.batch = .points(4)
    var session = Session(setup: setup)
    #expect(session.updatesPerEpoch == 3)
    _ = session.stepEpochs(2)
    #expect(session.t == 6)
    #expect(session.epoch == 2)
  }
}
