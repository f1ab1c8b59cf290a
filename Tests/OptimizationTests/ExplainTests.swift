import Testing

@testable import Optimization

/// `explain` recomputes every equation of the last update; each value it shows must be the
/// engine's own number, bit for bit, under every optimizer, convention and switch.
@Suite struct ExplainTests {
  /// Every optimizer × convention, plus each switch flipped on top of the convention.
  static var setups: [RunSetup] {
    var setups: [RunSetup] = []
    for optimizer in Optimizer.allCases {
      for convention in Convention.allCases {
        let base = RunSetup(dataset: .toy, optimizer: optimizer, convention: convention)
        var variants = [base]
        for placement in EpsilonPlacement.allowed(for: optimizer) {
          var v = base
          v.hyperparameters.epsilonPlacement = placement
          variants.append(v)
        }
        if optimizer.isAdamFamily {
          var off = base
          off.hyperparameters.biasCorrection = false
          var epoch = base
          epoch.hyperparameters.biasPower = .epoch
          variants += [off, epoch]
        }
        if optimizer == .amsgrad {
          var v = base
          v.hyperparameters.amsgradMaximum = .corrected
          variants.append(v)
        }
        if optimizer == .nadam {
          for form in NAdamForm.allCases {
            var v = base
            v.hyperparameters.nadamForm = form
            variants.append(v)
          }
        }
        if optimizer == .nag {
          var v = base
          v.hyperparameters.nesterovForm = .lookahead
          variants.append(v)
        }
        if optimizer == .momentum || optimizer == .nag {
          // PyTorch SGD's options (issue 11), with the start away from the L2 equilibrium.
          var v = base
          v.hyperparameters.weightDecay = 0.05
          if optimizer == .momentum { v.hyperparameters.dampening = 0.3 }
          variants.append(v)
        }
        if optimizer == .nadam || optimizer == .radam {
          // PyTorch's weight decay, L2 and decoupled (issue 11).
          for decoupled in [false, true] {
            var v = base
            v.hyperparameters.weightDecay = 0.05
            v.hyperparameters.decoupledWeightDecay = decoupled
            variants.append(v)
          }
        }
        if optimizer == .adagrad {
          var v = base
          v.hyperparameters.learningRateDecay = 0.1
          variants.append(v)
        }
        if optimizer.options.contains(.weightDecay) && optimizer != .momentum
          && optimizer != .nag
        {
          // PyTorch's L2 term (and AdamW's decay where Adam takes decoupled_weight_decay).
          var v = base
          v.hyperparameters.weightDecay = 0.05
          variants.append(v)
          if optimizer.options.contains(.decoupledWeightDecay) {
            v.hyperparameters.decoupledWeightDecay = true
            variants.append(v)
          }
        }
        if optimizer == .rmsprop {
          // centered, momentum, optax's nesterov and bias correction, alone and together.
          for (centered, momentum, nesterov, corrected) in [
            (true, 0.0, false, false), (false, 0.9, false, false), (true, 0.7, false, false),
            (false, 0.8, true, false), (false, 0.0, false, true), (true, 0.6, true, true),
          ] {
            var v = base
            v.hyperparameters.centered = centered
            v.hyperparameters.momentum = momentum
            v.hyperparameters.nesterov = nesterov
            v.hyperparameters.biasCorrection = corrected
            variants.append(v)
          }
        }
        // Each clipping form the convention's library has, at a threshold the toy set's
        // gradients (about 0.005 to 0.008) exceed: the stage's lines, then the rule on ĝ.
        for setting in Setting.allCases
        where setting.isClipping && setting.applies(to: optimizer, convention: convention) {
          var v = base
          v.hyperparameters.clipping = setting.clipping(0.004)!
          variants.append(v)
        }
        for variant in variants {
          setups.append(variant)
          var perPoint = variant
          perPoint.training.batch = .points(1)
          setups.append(perPoint)
        }
      }
    }
    return setups
  }

  /// Expects every line of the last update's explanation that names a quantity to show the
  /// engine's value, bit for bit (`label` says which run, in a failure); returns the names
  /// of the lines compared.
  @discardableResult
  static func expectEveryShownValueIsTheEngines(_ session: Session, _ label: String) -> [String] {
    guard let explanation = session.explainLastUpdate() else {
      Issue.record("\(label): no explanation at t=\(session.t)")
      return []
    }
    var compared: [String] = []
    for line in explanation.lines {
      guard let quantity = line.quantity else { continue }
      // A shared line with a quantity (ηₜ) equals that scalar; the others one entry.
      let engine: Double
      switch (session.value(of: quantity), line.parameterIndex) {
      case (.scalar(let x), _): engine = x
      case (.vector(let xs), let i?): engine = xs[i]
      case (.vector, nil):
        Issue.record("\(label) \(line.name): a shared line of a per-feature quantity")
        continue
      }
      #expect(
        line.value.bitPattern == engine.bitPattern,
        "\(label) t=\(session.t) \(line.name): \(line.value) vs \(engine)")
      compared.append(line.name)
    }
    return compared
  }

  @Test func everyShownValueIsTheEnginesBitForBit() {
    var checked = 0
    for setup in Self.setups {
      var session = Session(setup: setup)
      #expect(session.explainLastUpdate() == nil)
      for _ in 1...5 {
        _ = session.step(1)
        let compared = Self.expectEveryShownValueIsTheEngines(
          session, "\(setup.optimizer) \(setup.convention)")
        let seen = Set(compared)
        checked += compared.count
        // Every parameter ends with its own updated value, and the rate is always shown.
        let clips = setup.hyperparameters.clipping.isOn
        for name in ["w", "b", "lr_w", "lr_b", "dw", "db"] + (clips ? ["g_w", "g_b"] : []) {
          #expect(seen.contains(name), "\(setup.optimizer) \(setup.convention): no \(name)")
        }
      }
    }
    #expect(checked > 5000)
  }

  @Test func sharedCorrectionsUseTheEpochPowerOfTheNotesListing() {
    var session = Session(setup: Listing.doAdamSGD.setup)
    _ = session.step(3)  // the toy set has 2 points: update 3 is in epoch 2
    let explanation = session.explainLastUpdate()!
    #expect(explanation.biasPower == 2)
    let c1 = explanation.lines.first { $0.name == "1 − β₁ᵗ" }!
    #expect(abs(c1.value - (1 - 0.81)) < 1e-15)
  }

  @Test func adamOnTheToySetShowsTheNotesNumbers() {
    var session = Session()
    _ = session.step(1)
    let lines = session.explainLastUpdate()!.lines
    let db = lines.first { $0.name == "db" }!.value
    #expect(abs(db - -0.0077111592152144257) < 1e-17)
    let vb = lines.first { $0.name == "v_b" }!
    #expect(vb.formula == "β₂·v_b + (1 − β₂)·db²")
    #expect(abs(vb.value - 0.001 * db * db) < 1e-22)
  }
}
