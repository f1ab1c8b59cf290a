import Foundation
import Testing

@testable import Optimization

/// Keras 3's base-class `weight_decay` against the real library's runs
/// (Fixtures/generate_keras_decay.py): after clipping and before the optimizer's own update,
/// every variable becomes w − w·λ·ηₜ, on SGD (gd, momentum, nag), Adagrad, RMSprop (plain,
/// and centered with momentum), Adadelta, Adam and Adamax; and PyTorch SGD's L2 term on plain
/// gd. Every state variable is checked update by update at 1e-12, as ``ConformanceTests``
/// checks the defaults.
@Suite struct KerasDecayConformanceTests {
  static let path = "conformance/options/keras_decay.json"

  @Test func matchesTheLibraries() throws {
    let cases = try Fixtures.cases(in: Self.path)
    #expect(cases.count == 60)
    #expect(Set(cases.map(\.optimizer)).count == 8)
    for fixture in cases {
      #expect(fixture.settings.contains { $0.0 == .weightDecay })
      for (setting, _) in fixture.settings {
        #expect(
          setting.applies(to: fixture.optimizer, convention: fixture.convention),
          "\(fixture): \(setting.rawValue)")
      }
      try ConformanceTests().check(fixture)
      let worst = try AdamOptionConformanceTests.maxDifference(fixture)
      print("max |difference| \(fixture): \(worst)")
    }
  }

  /// The decay really acts: the same case without it is far from the library (so the
  /// comparison above could fail), and so is the same case with PyTorch's L2 term in place
  /// of Keras's decoupled decay (so the form is the library's, not just the amount), except
  /// on plain gd, where w − η·(g + λ·w) and w·(1 − η·λ) − η·g are the same update.
  @Test func withoutTheDecayOrWithL2InsteadTheRunDiffers() throws {
    for fixture in try Fixtures.cases(in: Self.path) {
      let expected = fixture.steps["w"]!.last! + fixture.steps["b"]!.last!
      var plain = fixture
      plain.settings.removeAll { $0.0 == .weightDecay }
      var session = try plain.makeSession()
      _ = session.step(fixture.stepCount)
      let without = zip(session.state.parameters, expected).map { abs($0 - $1) }.max()!
      #expect(without > 1e-9, "\(fixture) without weight_decay: \(without)")
      guard fixture.convention == .keras, fixture.optimizer != .gd else { continue }
      var setup = try fixture.makeSession().setup
      setup.hyperparameters.decoupledWeightDecay = false
      var coupled = Session(setup: setup)
      _ = coupled.step(fixture.stepCount)
      let l2 = zip(coupled.state.parameters, expected).map { abs($0 - $1) }.max()!
      #expect(l2 > 1e-9, "\(fixture) with L2 in place of the decoupled decay: \(l2)")
    }
  }
}
