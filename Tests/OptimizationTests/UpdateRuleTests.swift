import Testing

@testable import Optimization

/// The rule types against the name list, and each rule's declarations against each other:
/// what a new optimizer's file must get right for the rest of adalab to use it.
@Suite struct UpdateRuleTests {
  @Test(arguments: Optimizer.allCases)
  func eachNameMapsToTheRuleThatNamesIt(_ optimizer: Optimizer) {
    #expect(optimizer.updateRule.optimizer == optimizer)
  }

  @Test(arguments: Optimizer.allCases)
  func declarationsAgree(_ optimizer: Optimizer) {
    let rule = optimizer.updateRule
    // eps_placement is a setting exactly when ε has more than one place.
    #expect(rule.settings.contains(.epsPlacement) == !rule.epsilonPlacements.isEmpty)
    #expect(rule.epsilonPlacements.isEmpty || rule.settings.contains(.epsilon))
    // The Adam family keeps m, reads β₁, β₂ and the bias correction and needs the powers;
    // no one else corrects the bias (Lion keeps an m and reads β₁ without correcting it).
    let family = rule.sharedNumbers.contains(.biasCorrections)
    #expect(rule.settings.contains(.biasCorrection) == family)
    #expect(!family || (rule.settings.contains(.beta1) && rule.quantities.contains(.mW)))
    #expect(rule.settings.contains(.beta1) == rule.quantities.contains(.mW))
    // Quantities come in weight and bias pairs, and never the ones every rule has.
    let pairs: [(Quantity, Quantity)] = [
      (.mW, .mB), (.vW, .vB), (.uW, .uB), (.vmaxW, .vmaxB), (.mHatW, .mHatB), (.vHatW, .vHatB),
    ]
    for (weight, bias) in pairs {
      #expect(rule.quantities.contains(weight) == rule.quantities.contains(bias))
    }
    #expect(rule.quantities.isDisjoint(with: [.w, .b, .dw, .db, .lrW, .lrB, .t, .epoch, .loss]))
    // No training setting is listed: those apply to every rule.
    #expect(rule.settings.allSatisfy { !$0.isTraining })
    // Every convention's defaults place ε where the rule allows it.
    for convention in Convention.allCases {
      let h = rule.defaults(for: convention)
      #expect(
        rule.epsilonPlacements.isEmpty
          ? h.epsilonPlacement != .hat && h.epsilonPlacement != .max
          : rule.epsilonPlacements.contains(h.epsilonPlacement),
        "\(optimizer):\(convention) starts with eps_placement \(h.epsilonPlacement)")
    }
  }
}
