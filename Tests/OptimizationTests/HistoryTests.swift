import Testing

@testable import Optimization

/// Rewinding and recorded history reproduce the run bit for bit.
@Suite struct HistoryTests {
  @Test func rewindIsExactAcrossCheckpointThinning() {
    var setup = RunSetup(dataset: .toy, optimizer: .adam, convention: .pytorch)
    setup.training.batch = .points(1)
    var session = Session(setup: setup)
    var seen: [Int: OptimizerState] = [:]
    for t in 1...20_000 {
      _ = session.step(1)
      if t % 997 == 0 || t == 1 { seen[t] = session.state }
    }
    #expect(session.checkpointCount <= Trajectory.capacity)
    for (t, state) in seen {
      #expect(session.state(at: t) == state, "state at t=\(t)")
    }
    session.rewind(to: 1994)
    #expect(session.state == seen[1994])
    _ = session.step(1)
    #expect(session.t == 1995)
  }

  @Test func historyMatchesTheValuesShownOnTheWay() {
    var session = Session()
    var losses: [Double] = []
    var rates: [QuantityValue] = []
    for _ in 0..<50 {
      _ = session.step(1)
      losses.append(session.loss)
      rates.append(session.value(of: .lrB))
    }
    let points = session.history(of: [.loss, .lrB], from: 1, every: 1)
    #expect(points.map(\.t) == Array(1...50))
    #expect(points.map { $0.values[0] } == losses.map(QuantityValue.scalar))
    #expect(points.map { $0.values[1] } == rates)
    let sampled = session.sampledHistory(of: [.loss], count: 8)
    #expect(sampled.first?.t == 0 && sampled.last?.t == 50 && sampled.count <= 10)
  }

  @Test func historyOfLastUpdateQuantitiesSkipsTheStart() {
    var session = Session()
    _ = session.step(5)
    #expect(session.history(of: [.dw]).map(\.t) == [1, 2, 3, 4, 5])
    #expect(session.history(of: [.w]).map(\.t) == [0, 1, 2, 3, 4, 5])
  }
}
