import Testing

@testable import Optimization

/// RMSProp's variants (centered, momentum, optax's nesterov and bias correction) and
/// PyTorch's L2 weight decay on Adagrad, RMSprop, Adadelta, Adam, Adamax and AMSGrad against
/// the real libraries' runs (Fixtures/generate_rmsprop_l2.py), every state variable update
/// by update at 1e-12, as ``ConformanceTests`` checks the defaults.
@Suite struct RMSPropL2ConformanceTests {
  @Test(arguments: ["rmsprop", "torch_l2"])
  func matchesTheLibraries(_ family: String) throws {
    let cases = try Fixtures.cases(in: "conformance/options/\(family).json")
    #expect(cases.count >= 48)
    for original in cases {
      var fixture = original
      // momentum before nesterov, which is refused while momentum is 0.
      fixture.settings.sort { $0.0 == .momentum && $1.0 != .momentum }
      // Every option the case names is one adalab takes under the case's convention.
      for (setting, _) in fixture.settings {
        #expect(setting.applies(to: fixture.optimizer, convention: fixture.convention))
      }
      // Every state variable the library recorded is one adalab keeps with these options.
      let setup = try fixture.makeSession().setup
      for name in fixture.steps.keys {
        let quantity = try #require(Quantity(rawValue: name))
        #expect(quantity.exists(in: setup), "\(fixture): \(name)")
      }
      try ConformanceTests().check(fixture)
    }
  }

  /// The state an option adds is there only while the option is on.
  @Test func optionsAddTheirState() throws {
    var setup = RunSetup(dataset: .toy, optimizer: .rmsprop, convention: .pytorch)
    #expect(!Quantity.mW.exists(in: setup) && !Quantity.uB.exists(in: setup))
    setup = try setup.setting(.centered, to: .word("on"))
    #expect(Quantity.mW.exists(in: setup) && !Quantity.uB.exists(in: setup))
    setup = try setup.setting(.momentum, to: .number(0.9))
    #expect(Quantity.mB.exists(in: setup) && Quantity.uW.exists(in: setup))
    #expect(!Quantity.vHatW.exists(in: setup))
  }
}
