import Testing

@testable import Optimization

/// The library options beyond the defaults against the real libraries' runs
/// (Fixtures/generate_options.py): each file's cases checked update by update at 1e-12, as
/// ``ConformanceTests`` checks the defaults.
@Suite struct OptionConformanceTests {
  @Test(arguments: ["sgd", "adam_family"])
  func matchesTheLibraries(_ family: String) throws {
    let cases = try Fixtures.cases(in: "conformance/options/\(family).json")
    #expect(cases.count >= 18)
    for fixture in cases {
      // Every option the case names is one adalab takes under the case's convention.
      for (setting, _) in fixture.settings {
        #expect(setting.applies(to: fixture.optimizer, convention: fixture.convention))
      }
      try ConformanceTests().check(fixture)
    }
  }
}
