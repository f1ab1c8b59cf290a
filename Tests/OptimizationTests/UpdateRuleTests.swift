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
    // no one else corrects the bias (Lion keeps an m and reads β₁ without correcting it)
    // but optax's RMSProp, by its own 1 − βᵗ.
    let family = rule.sharedNumbers.contains(.correction1)
    #expect(rule.settings.contains(.biasCorrection) == (family || optimizer == .rmsprop))
    #expect(!family || (rule.settings.contains(.beta1) && rule.quantities.contains(.mW)))
    #expect(rule.settings.contains(.beta1) == rule.quantities.contains(.mW))
    #expect(rule.sharedNumbers.contains(.correction1) == family)
    // A run computes only the powers the rule declares for its settings (NAdam's form picks
    // its own), never one the rule does not declare at all.
    for convention in Convention.allCases {
      var h = rule.defaults(for: convention)
      for form in NAdamForm.allCases {
        h.nadamForm = form
        #expect(rule.sharedNumbers.isSuperset(of: rule.sharedNumbers(for: h)))
      }
    }
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

  /// The powers a rule does not declare for its settings are not computed by a run
  /// (``StepPowerCache``), so the rule must not read them: with each of them NaN, one update
  /// of a coordinate gives the same bits as with every power computed.
  @Test(arguments: Optimizer.allCases)
  func undeclaredPowersAreNotRead(_ optimizer: Optimizer) {
    let rule = optimizer.updateRule
    for convention in Convention.allCases {
      var h = rule.defaults(for: convention)
      for form in NAdamForm.allCases {
        h.nadamForm = form
        let full = StepContext(h: h, t: 3, biasPowerT: 3, previousMomentumProduct: 0.8)
        var partial = full
        let numbers = rule.sharedNumbers(for: h)
        if !numbers.contains(.correction1) { partial.correction1 = .nan }
        if !numbers.contains(.correction2) { partial.correction2 = .nan }
        if !numbers.contains(.correction1Next) { partial.correction1Next = .nan }
        if !numbers.contains(.momentumSchedule) {
          (partial.mu, partial.muNext, partial.muProduct, partial.muProductNext) = (
            .nan, .nan, .nan, .nan
          )
        }
        let start = Coordinate(
          parameter: 0.7, gradient: -0.3, m: 0.05, v: 0.02, u: 0.01, vMax: 0.03, mHat: 0,
          vHat: 0, rate: 0)
        var (a, b) = (start, start)
        rule.apply(&a, full)
        rule.apply(&b, partial)
        let pairs = [
          (a.parameter, b.parameter), (a.m, b.m), (a.v, b.v), (a.u, b.u), (a.vMax, b.vMax),
          (a.mHat, b.mHat), (a.vHat, b.vHat), (a.rate, b.rate),
        ]
        #expect(
          pairs.allSatisfy { $0.bitPattern == $1.bitPattern },
          "\(optimizer):\(convention) nadam_form \(form)")
      }
    }
  }
}
