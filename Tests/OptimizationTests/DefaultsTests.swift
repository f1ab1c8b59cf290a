import Foundation
import Testing

@testable import Optimization

/// adalab's defaults per convention against the libraries' own constructor defaults,
/// as Fixtures/generate.py read them from the installed libraries.
@Suite struct DefaultsTests {
  struct File: Decodable {
    var pytorch: [String: [String: Double?]]
    var keras: [String: [String: Double?]]
    var optax: [String: [String: Double?]]
  }

  @Test(arguments: [Convention.pytorch, .keras, .optax])
  func matchLibraryDefaults(_ convention: Convention) throws {
    let file = try Fixtures.decode(File.self, "defaults.json")
    let table: [String: [String: Double?]]
    switch convention {
    case .pytorch: table = file.pytorch
    case .keras: table = file.keras
    default: table = file.optax
    }
    #expect(!table.isEmpty)
    for (name, defaults) in table {
      let optimizer = try #require(Optimizer(rawValue: name), "unknown optimizer \(name)")
      let setup = RunSetup(dataset: .toy, optimizer: optimizer, convention: convention)
      for (key, value) in defaults {
        // null: a required argument; adalab's choice is documented in Hyperparameters.defaults.
        guard let value else { continue }
        let setting = try #require(Setting(rawValue: key), "unknown setting \(key)")
        // The libraries default momentum to 0 (plain SGD); adalab's momentum is 0.9.
        if setting == .beta && (optimizer == .momentum || optimizer == .nag) { continue }
        guard setting.applies(to: optimizer, convention: convention) else {
          #expect(value == 0, "\(name):\(convention) \(key) = \(value) has no adalab setting")
          continue
        }
        #expect(
          setup.value(of: setting) == .number(value),
          "\(name):\(convention) \(key): adalab \(setup.value(of: setting)), library \(value)")
      }
    }
  }
}
