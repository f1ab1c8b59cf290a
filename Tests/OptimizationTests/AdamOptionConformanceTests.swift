import Foundation
import Testing

@testable import Optimization

/// The Adam family's options against the real libraries' runs
/// (Fixtures/generate_adam_options.py): AdamW with AMSGrad's maximum (PyTorch's and Keras's
/// `amsgrad=True`, and the lecture convention), optax's `eps_root` on adam, adamw, nadam,
/// amsgrad and radam, NAdam's decoupled decay as optax's `nadamw` and Keras's base-class
/// `weight_decay`, and weight decay on AMSGrad (PyTorch's L2 and decoupled, Keras's) and on
/// Keras's Lion. Every state variable is checked update by update at 1e-12, as
/// ``ConformanceTests`` checks the defaults.
@Suite struct AdamOptionConformanceTests {
  /// The word-valued settings of each case (`amsgrad_max raw`), which the fixture format's
  /// numeric `settings` cannot hold.
  struct Switches: Decodable {
    struct Case: Decodable { var switches: [String: String]? }
    var cases: [Case]
  }

  static func cases(_ family: String) throws -> [FixtureCase] {
    let path = "conformance/options/\(family).json"
    let cases = try Fixtures.cases(in: path)
    let switches = try Fixtures.decode(Switches.self, path).cases
    return zip(cases, switches).map { fixture, extra in
      var fixture = fixture
      for (name, word) in (extra.switches ?? [:]).sorted(by: { $0.key < $1.key }) {
        fixture.words.append((Setting(rawValue: name)!, word))
      }
      return fixture
    }
  }

  @Test(arguments: [("adamw_amsgrad", 18), ("eps_root", 30), ("nadamw", 12), ("weight_decay", 24)])
  func matchesTheLibraries(_ family: String, _ count: Int) throws {
    let cases = try Self.cases(family)
    #expect(cases.count == count)
    for fixture in cases {
      for (setting, _) in fixture.settings {
        #expect(
          setting.applies(to: fixture.optimizer, convention: fixture.convention),
          "\(fixture): \(setting.rawValue)")
      }
      try ConformanceTests().check(fixture)
      print("max |difference| \(fixture): \(try Self.maxDifference(fixture))")
    }
  }

  /// The largest |adalab − library| over every recorded value of a case, each update from
  /// the library's previous state, as ``ConformanceTests/check(_:)`` steps.
  static func maxDifference(_ fixture: FixtureCase) throws -> Double {
    var session = try fixture.makeSession()
    var worst = 0.0
    for k in 0..<fixture.stepCount {
      if k > 0 { session.run.restore(fixture.state(after: k - 1, continuing: session.state)) }
      _ = session.step(1)
      for (name, series) in fixture.steps {
        let actual = ConformanceTests().flatten(session.value(of: Quantity(rawValue: name)!))
        for (a, e) in zip(actual, series[k]) { worst = max(worst, abs(a - e)) }
      }
    }
    return worst
  }

  /// The option really acts: the same case without it is far from the library (so the
  /// comparison above could fail).
  @Test(arguments: [
    ("adamw_amsgrad", Setting.amsgradMax), ("eps_root", .epsRoot), ("nadamw", .weightDecay),
  ])
  func withoutTheOptionTheRunDiffers(_ family: String, _ option: Setting) throws {
    for fixture in try Self.cases(family) {
      var plain = fixture
      plain.settings.removeAll { $0.0 == option }
      plain.words.removeAll { $0.0 == option }
      var session = try plain.makeSession()
      _ = session.step(fixture.stepCount)
      let expected = fixture.steps["w"]!.last! + fixture.steps["b"]!.last!
      let actual = session.state.parameters
      let worst = zip(actual, expected).map { abs($0 - $1) }.max()!
      #expect(worst > 1e-9, "\(fixture) without \(option.rawValue): \(worst)")
    }
  }
}
