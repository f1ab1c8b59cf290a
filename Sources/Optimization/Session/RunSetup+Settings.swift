extension RunSetup {
  /// The setup with one setting changed, after checking the value is in range, that the
  /// optimizer reads the setting at all, that the convention's library has it (a setting it
  /// lacks is refused with the reason, never a silent departure from its numbers) and that
  /// it would change something.
  public func setting(_ setting: Setting, to input: SettingInput) throws(SettingError)
    -> RunSetup
  {
    guard setting.applies(to: optimizer, convention: convention) else {
      throw notApplicable(setting)
    }
    if let reason = optimizer.updateRule.inert(setting, with: hyperparameters) {
      throw SettingError("\(optimizer.rawValue) ignores '\(setting.rawValue)' here: \(reason)")
    }
    var copy = self
    switch setting {
    case .eta:
      copy.hyperparameters.learningRate = try number(input, setting, positive: true)
    case .beta: copy.hyperparameters.beta = try decay(input, setting)
    case .beta1: copy.hyperparameters.beta1 = try decay(input, setting)
    case .beta2: copy.hyperparameters.beta2 = try decay(input, setting)
    case .epsilon: copy.hyperparameters.epsilon = try number(input, setting, positive: true)
    case .vInit: copy.hyperparameters.initialAccumulator = try number(input, setting)
    case .epsRoot: copy.hyperparameters.epsilonRoot = try number(input, setting)
    case .lrDecay: copy.hyperparameters.learningRateDecay = try number(input, setting)
    case .weightDecay: copy.hyperparameters.weightDecay = try number(input, setting)
    case .momentumDecay: copy.hyperparameters.momentumDecay = try number(input, setting)
    case .dampening: copy.hyperparameters.dampening = try fraction(input, setting)
    case .centered: copy.hyperparameters.centered = try flag(input, setting)
    case .momentum: copy.hyperparameters.momentum = try decay(input, setting)
    case .threshold:
      guard case .number(let x) = input, x.isFinite, x >= 4 else {
        throw SettingError(
          "threshold must be a number ≥ 4 (below it rₜ is not real), found '\(input)'")
      }
      copy.hyperparameters.rectificationThreshold = x
    case .nesterov: copy.hyperparameters.nesterov = try flag(input, setting)
    case .decoupledWeightDecay:
      copy.hyperparameters.decoupledWeightDecay = try flag(input, setting)
    case .epsPlacement:
      copy.hyperparameters.epsilonPlacement = try choice(
        input, setting, EpsilonPlacement.allowed(for: optimizer))
    case .biasCorrection: copy.hyperparameters.biasCorrection = try flag(input, setting)
    case .biasPower:
      copy.hyperparameters.biasPower = try choice(input, setting, BiasPower.allCases)
    case .amsgradMax:
      copy.hyperparameters.amsgradMaximum = try choice(
        input, setting, AMSGradMaximum.allowed(for: optimizer, convention: convention))
    case .nagForm:
      copy.hyperparameters.nesterovForm = try choice(input, setting, NesterovForm.allCases)
    case .nadamForm:
      copy.hyperparameters.nadamForm = try choice(input, setting, NAdamForm.allCases)
    case .clipvalue, .clipnorm, .globalClipnorm, .clipByBlockRMS:
      copy.hyperparameters.clipping = try clipping(setting, input)
    case .beta2Decay:
      copy.hyperparameters.beta2Decay = try bounded(input, setting, "≤ 0") { $0 <= 0 }
    case .epsilon2: copy.hyperparameters.epsilon2 = try number(input, setting, positive: true)
    case .clipThreshold:
      copy.hyperparameters.clipThreshold = try bounded(input, setting, "≥ 1") { $0 >= 1 }
    case .batch: copy.training.batch = try batchSize(input)
    case .shuffle: copy.training.shuffle = try flag(input, setting)
    case .seed: copy.training.seed = UInt64(try wholeNumber(input, setting, minimum: 0))
    case .loss:
      copy.training.loss = try choice(input, setting, LossFunction.allCases)
      try copy.training.loss.checkTargets(of: dataset)
    }
    return copy
  }

  /// The settings the optimizer reads under the convention (not the training ones), split
  /// into those `use` and `help` list with their values and the library options that are
  /// off (0 or off), which they name apart.
  public var ruleSettings: (listed: [Setting], offOptions: [Setting]) {
    let all = Setting.listed(in: self).filter { !$0.isTraining }
    let off = all.filter {
      optimizer.options.contains($0) && [.number(0), .word("off")].contains(value(of: $0))
    }
    return (all.filter { !off.contains($0) }, off)
  }

  /// The current value of a setting, as the command language would type it.
  public func value(of setting: Setting) -> SettingInput {
    let h = hyperparameters
    switch setting {
    case .eta: return .number(h.learningRate)
    case .beta: return .number(h.beta)
    case .beta1: return .number(h.beta1)
    case .beta2: return .number(h.beta2)
    case .epsilon: return .number(h.epsilon)
    case .vInit: return .number(h.initialAccumulator)
    case .epsRoot: return .number(h.epsilonRoot)
    case .lrDecay: return .number(h.learningRateDecay)
    case .weightDecay: return .number(h.weightDecay)
    case .momentumDecay: return .number(h.momentumDecay)
    case .dampening: return .number(h.dampening)
    case .centered: return .word(h.centered ? "on" : "off")
    case .momentum: return .number(h.momentum)
    case .threshold: return .number(h.rectificationThreshold)
    case .nesterov: return .word(h.nesterov ? "on" : "off")
    case .decoupledWeightDecay: return .word(h.decoupledWeightDecay ? "on" : "off")
    case .epsPlacement: return .word(h.epsilonPlacement.rawValue)
    case .biasCorrection: return .word(h.biasCorrection ? "on" : "off")
    case .biasPower: return .word(h.biasPower.rawValue)
    case .amsgradMax: return .word(h.amsgradMaximum.rawValue)
    case .nagForm: return .word(h.nesterovForm.rawValue)
    case .nadamForm: return .word(h.nadamForm.rawValue)
    case .clipvalue, .clipnorm, .globalClipnorm, .clipByBlockRMS:
      guard let c = h.clipping.threshold, setting.clipping(c) == h.clipping else {
        return .word("off")
      }
      return .number(c)
    case .batch: return .word(training.batch.description)
    case .beta2Decay: return .number(h.beta2Decay)
    case .epsilon2: return .number(h.epsilon2)
    case .clipThreshold: return .number(h.clipThreshold)
    case .shuffle: return .word(training.shuffle ? "on" : "off")
    case .seed: return .number(Double(training.seed))
    case .loss: return .word(training.loss.rawValue)
    }
  }

  private func notApplicable(_ setting: Setting) -> SettingError {
    if let reason = setting.clipping(1)?.missing(under: convention)
      ?? optimizer.updateRule.missing(setting, under: convention)
    {
      return SettingError(
        "\(optimizer.rawValue):\(convention.rawValue) has no setting '\(setting.rawValue)': \(reason)"
      )
    }
    if setting == .eta {
      return SettingError(
        "the notes' adadelta has no learning rate η (its rate is √(u+ε)/√(v+ε)); "
          + "'convention pytorch' adds one")
    }
    let names = Setting.applicable(to: optimizer, convention: convention)
      .filter { !$0.isClipping }.map(\.rawValue).joined(separator: ", ")
    return SettingError(
      "\(optimizer.rawValue) has no setting '\(setting.rawValue)' (its settings: \(names))")
  }

  private func number(
    _ input: SettingInput, _ setting: Setting, positive: Bool = false
  ) throws(SettingError) -> Double {
    let range = positive ? "a number > 0" : "a number ≥ 0"
    guard case .number(let x) = input, x.isFinite else {
      throw SettingError("\(setting.rawValue) must be \(range), found '\(input)'")
    }
    guard positive ? x > 0 : x >= 0 else {
      throw SettingError("\(setting.rawValue) must be \(range), found \(input)")
    }
    return x
  }

  private func decay(_ input: SettingInput, _ setting: Setting) throws(SettingError) -> Double {
    guard case .number(let x) = input, x.isFinite, x >= 0, x < 1 else {
      throw SettingError("\(setting.rawValue) must be in [0, 1), found '\(input)'")
    }
    return x
  }

  private func bounded(
    _ input: SettingInput, _ setting: Setting, _ range: String, _ accepts: (Double) -> Bool
  ) throws(SettingError) -> Double {
    guard case .number(let x) = input, x.isFinite, accepts(x) else {
      throw SettingError("\(setting.rawValue) must be a number \(range), found '\(input)'")
    }
    return x
  }

  private func fraction(_ input: SettingInput, _ setting: Setting) throws(SettingError) -> Double {
    guard case .number(let x) = input, x.isFinite, x >= 0, x <= 1 else {
      throw SettingError("\(setting.rawValue) must be in [0, 1], found '\(input)'")
    }
    return x
  }

  private func wholeNumber(
    _ input: SettingInput, _ setting: Setting, minimum: Int
  ) throws(SettingError) -> Int {
    guard case .number(let x) = input, x.isFinite, x == x.rounded(), x >= Double(minimum),
      x <= 1e15
    else {
      throw SettingError(
        "\(setting.rawValue) must be a whole number ≥ \(minimum), found '\(input)'")
    }
    return Int(x)
  }

  private func flag(_ input: SettingInput, _ setting: Setting) throws(SettingError) -> Bool {
    switch input {
    case .word("on"), .word("true"), .word("yes"), .number(1): return true
    case .word("off"), .word("false"), .word("no"), .number(0): return false
    default: throw SettingError("\(setting.rawValue) must be on or off, found '\(input)'")
    }
  }

  private func choice<Choice: RawRepresentable<String>>(
    _ input: SettingInput, _ setting: Setting, _ allowed: [Choice]
  ) throws(SettingError) -> Choice {
    if case .word(let word) = input, let value = allowed.first(where: { $0.rawValue == word }) {
      return value
    }
    let names = allowed.map(\.rawValue).joined(separator: ", ")
    throw SettingError(
      "\(setting.rawValue) must be one of \(names) for \(optimizer.rawValue), found '\(input)'")
  }

  /// The clipping a clipping setting asks for: `off` removes it, a threshold c > 0 sets it.
  /// One form at a time, as Keras allows: another form that is on must be turned off first.
  private func clipping(_ setting: Setting, _ input: SettingInput) throws(SettingError)
    -> Clipping
  {
    let current = hyperparameters.clipping
    let name = setting.rawValue
    let active = Setting.allCases.first {
      $0.isClipping && current.threshold.flatMap($0.clipping) == current
    }
    if case .word("off") = input {
      guard active == nil || active == setting else {
        throw SettingError("\(name) is off already (\(active!.rawValue) is on)")
      }
      return .off
    }
    guard case .number(let c) = input, c.isFinite, c > 0 else {
      throw SettingError("\(name) must be a number > 0 or off, found '\(input)'")
    }
    if let active, active != setting {
      throw SettingError(
        "one clipping at a time: \(active.rawValue) is on; set \(active.rawValue) off first")
    }
    return setting.clipping(c)!
  }

  private func batchSize(_ input: SettingInput) throws(SettingError) -> BatchSize {
    if case .word("full") = input { return .full }
    guard case .number(let x) = input, x.isFinite, x == x.rounded(), x >= 1, x <= 1e12 else {
      throw SettingError(
        "batch must be 'full' or a whole number of points ≥ 1, found '\(input)'")
    }
    return .points(Int(x))
  }
}
