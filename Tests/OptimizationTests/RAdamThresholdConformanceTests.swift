import Foundation
import Testing

@testable import Optimization

/// optax radam's `threshold` against the real library's runs
/// (Fixtures/generate_keras_decay.py): the step is rectified once ρₜ ≥ threshold (10 on the
/// toy and sparse sets, 8 on dense4, where the default 5 rectifies from t = 6). Every state
/// variable is checked update by update at 1e-12, as ``ConformanceTests`` checks the
/// defaults.
@Suite struct RAdamThresholdConformanceTests {
  static let path = "conformance/options/radam_threshold.json"

  @Test func matchesOptax() throws {
    let cases = try Fixtures.cases(in: Self.path)
    #expect(cases.count == 6)
    for fixture in cases {
      #expect(fixture.convention == .optax)
      #expect(fixture.settings.contains { $0.0 == .threshold && $0.1 > 5 })
      try ConformanceTests().check(fixture)
      let worst = try AdamOptionConformanceTests.maxDifference(fixture)
      print("max |difference| \(fixture): \(worst)")
    }
  }

  /// The threshold really acts: at the default 5 the run is far from optax's.
  @Test func atTheDefaultThresholdTheRunDiffers() throws {
    for fixture in try Fixtures.cases(in: Self.path) {
      var plain = fixture
      plain.settings.removeAll { $0.0 == .threshold }
      var session = try plain.makeSession()
      _ = session.step(fixture.stepCount)
      let expected = fixture.steps["w"]!.last! + fixture.steps["b"]!.last!
      let worst = zip(session.state.parameters, expected).map { abs($0 - $1) }.max()!
      #expect(worst > 1e-9, "\(fixture) at threshold 5: \(worst)")
    }
  }
}
