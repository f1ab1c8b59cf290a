import Testing

@testable import Optimization

/// Every optimizer × convention × batching mode against the real libraries' runs.
///
/// The fixtures hold every state variable after each of 100 updates, recorded from
/// PyTorch, Keras, optax and a line-by-line numpy port of the notes (Fixtures/generate.py).
/// The tolerance is relative, 1e-12: the smallest real convention difference between the
/// libraries (AdaGrad's ε placement) is about 3e-7, five orders of magnitude above it.
@Suite struct ConformanceTests {
  static let relativeTolerance = 1e-12
  /// A sum such as a gradient can cancel to nearly 0 while its terms are large; its
  /// rounding is then relative to the terms, not to the result. Values below this
  /// fraction of the quantity's largest magnitude in the case are compared on that scale.
  static let cancellationFloor = 1e-6

  @Test(arguments: Optimizer.allCases)
  func matchesTheLibraries(_ optimizer: Optimizer) throws {
    let cases = try Fixtures.cases(of: optimizer)
    #expect(!cases.isEmpty)
    for fixture in cases {
      try check(fixture)
    }
  }

  /// Each update checked alone: the state is first set to the library's state after the
  /// previous update, so rounding cannot accumulate and a difference means a different rule.
  func check(_ fixture: FixtureCase) throws {
    var session = try fixture.makeSession()
    var worst = (error: 0.0, quantity: "", step: 0)
    // Each quantity's floor depends on its whole series: computed once, not once per step.
    var floors: [String: Double] = [:]
    for name in fixture.steps.keys {
      floors[name] = fixture.scale(of: name) * Self.cancellationFloor
    }
    for k in 0..<fixture.stepCount {
      if k > 0 { session.run.restore(fixture.state(after: k - 1, continuing: session.state)) }
      // The run's own update (what `step` takes, without the session's recording).
      #expect(session.run.step() == nil, "\(fixture) step \(k + 1)")
      // The state once a step: in a debug build each `session.value(of:)` copies the run.
      let state = session.state
      for (name, series) in fixture.steps {
        let quantity = try #require(Quantity(rawValue: name), "unknown quantity \(name)")
        let actual = flatten(
          [.loss, .epoch, .gW, .gB].contains(quantity)
            ? session.value(of: quantity) : state.value(of: quantity))
        let expected = series[k]
        #expect(actual.count == expected.count, "\(fixture) \(name)")
        let floor = floors[name]!
        for (a, e) in zip(actual, expected) {
          let error = relativeError(a, e, floor: floor)
          if error > worst.error { worst = (error, name, k + 1) }
        }
      }
    }
    #expect(
      worst.error <= Self.relativeTolerance,
      "\(fixture): worst relative error \(worst.error) in \(worst.quantity) at t = \(worst.step)")
  }

  func flatten(_ value: QuantityValue) -> [Double] {
    switch value {
    case .scalar(let x): return [x]
    case .vector(let xs): return xs
    }
  }

  /// |a − e| / max(|a|, |e|, floor), and 0 when all are 0.
  func relativeError(_ a: Double, _ e: Double, floor: Double) -> Double {
    let scale = max(abs(a), abs(e), floor)
    return scale == 0 ? 0 : abs(a - e) / scale
  }
}
