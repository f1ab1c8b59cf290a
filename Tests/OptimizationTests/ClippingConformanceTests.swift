import Testing

@testable import Optimization

/// Gradient clipping against the real libraries' runs (Fixtures/generate_clipping.py): Keras's
/// clipnorm, clipvalue and global_clipnorm, optax's clip, clip_by_global_norm and
/// clip_by_block_rms chained before the optimizer, and PyTorch's clip_grad_norm_ and
/// clip_grad_value_ between backward() and step(). Every state variable and the clipped
/// gradient g_w, g_b the rule read are checked update by update at 1e-12, as
/// ``ConformanceTests`` checks the defaults.
@Suite struct ClippingConformanceTests {
  @Test func matchesTheLibraries() throws {
    let cases = try Fixtures.cases(in: "conformance/options/clipping.json")
    #expect(cases.count >= 100)
    var forms: Set<String> = []
    for fixture in cases {
      #expect(fixture.steps["g_w"] != nil && fixture.steps["g_b"] != nil, "\(fixture)")
      for (setting, _) in fixture.settings {
        #expect(setting.applies(to: fixture.optimizer, convention: fixture.convention))
        if setting.isClipping { forms.insert("\(setting.rawValue):\(fixture.convention)") }
      }
      try ConformanceTests().check(fixture)
    }
    // Every form each library has.
    #expect(
      forms == [
        "clipnorm:keras", "clipvalue:keras", "global_clipnorm:keras", "clipvalue:optax",
        "global_clipnorm:optax", "clip_by_block_rms:optax", "clipvalue:pytorch",
        "global_clipnorm:pytorch",
      ])
  }

  /// The recorded clipped gradient differs from the loss's in most updates: the fixtures'
  /// thresholds clip, so a stage that did nothing would fail above.
  @Test func theThresholdsClip() throws {
    for fixture in try Fixtures.cases(in: "conformance/options/clipping.json") {
      let (gw, gb) = (fixture.steps["g_w"]!, fixture.steps["g_b"]!)
      let (dw, db) = (fixture.steps["dw"]!, fixture.steps["db"]!)
      let changed = (0..<fixture.stepCount).filter { k in gw[k] != dw[k] || gb[k] != db[k] }
      #expect(changed.count >= fixture.stepCount / 2, "\(fixture)")
    }
  }
}
