import Optimization

extension Interpreter {
  /// `show NAME...`: quantities, settings, and the groups `state`, `settings`, `data`,
  /// `convention`, `all`.
  func show(_ items: [ShowItem]) throws(ShellError) -> Reply {
    let items = items.isEmpty ? [.group(.state)] : items
    var lines: [String] = []
    var pairs: [(String, JSON)] = []
    for item in items {
      switch item {
      case .group(let group):
        let shown = try showGroup(group)
        lines += shown.lines
        pairs += shown.pairs
      case .setting(let setting):
        let (text, json) = try showSetting(setting)
        lines.append("\(setting.rawValue) = \(text)")
        pairs.append((setting.rawValue, json))
      case .quantity(let ref):
        let (text, json) = try showQuantity(ref)
        lines.append("\(ref.name) = \(text)")
        pairs.append((ref.name, json))
      }
    }
    let showsGradient = items.contains {
      guard case .quantity(let ref) = $0 else { return false }
      return ref.quantity == .dw || ref.quantity == .db
    }
    if session.t == 0, showsGradient {
      lines.append("(t=0: the gradient at the start, which the first update uses)")
    }
    return Reply(lines: lines, json: .object(Interpreter.uniqueKeys(pairs)))
  }

  /// One key per name in a JSON object: a name shown twice (`show w w`, `show all
  /// settings`) once; the setting `loss` beside the quantity `loss` (`show all`) as
  /// `loss_function`.
  static func uniqueKeys(_ pairs: [(String, JSON)]) -> [(String, JSON)] {
    let isSetting: (String, JSON) -> Bool = { key, value in
      if key == "loss", case .string = value { return true }
      return false
    }
    let bothLosses =
      pairs.contains(where: isSetting)
      && pairs.contains { $0.0 == "loss" && !isSetting($0.0, $0.1) }
    var seen: [String: JSON] = [:]
    var unique: [(String, JSON)] = []
    for (key, value) in pairs {
      var key = key
      if bothLosses && isSetting(key, value) { key = "loss_function" }
      if let earlier = seen[key] {
        if earlier == value { continue }
        key += "_2"
      }
      seen[key] = value
      unique.append((key, value))
    }
    return unique
  }

  private func showGroup(_ group: ShowGroup) throws(ShellError) -> (
    lines: [String], pairs: [(String, JSON)]
  ) {
    switch group {
    case .state:
      var lines: [String] = []
      var pairs: [(String, JSON)] = []
      let listed = visibleQuantities
      // The JSON always carries ηₜ, so a program reading it finds the same keys whether or
      // not η varies; the text lists it only while it does.
      for quantity in Quantity.allCases where listed.contains(quantity) || quantity == .eta {
        let (text, json) = try showQuantity(QuantityRef(quantity: quantity))
        if listed.contains(quantity) {
          lines.append("\(quantity.rawValue.padding(to: 8)) \(text)")
        }
        pairs.append((quantity.rawValue, json))
      }
      return (lines, pairs)
    case .settings:
      let setup = session.setup
      let settings = Setting.listed(in: setup)
      let width = settings.map(\.rawValue.count).max().map { max($0, 9) } ?? 9
      var lines = [
        "\("optimizer".padding(to: width))  \(setup.optimizer.rawValue) (\(setup.convention.rawValue))"
      ]
      var pairs: [(String, JSON)] = [
        ("optimizer", .string(setup.optimizer.rawValue)),
        ("convention", .string(setup.convention.rawValue)),
      ]
      for setting in settings {
        let value = setup.value(of: setting)
        lines.append("\(setting.rawValue.padding(to: width))  \(Interpreter.text(value))")
        pairs.append((setting.rawValue, Interpreter.json(value)))
      }
      return (lines, pairs)
    case .data:
      var reply = describeData(prefix: "data")
      reply.lines += firstRows() + Interpreter.targetNotes(session.setup.dataset)
      guard case .object(let pairs) = reply.json else { return (reply.lines, []) }
      return (reply.lines, pairs)
    case .convention:
      return conventionSummary()
    case .timeline:
      return showTimeline()
    case .schedule:
      return showSchedule()
    case .all:
      let settings = try showGroup(.settings)
      let data = try showGroup(.data)
      let state = try showGroup(.state)
      return (
        settings.lines + data.lines + state.lines, settings.pairs + data.pairs + state.pairs
      )
    }
  }

  /// The quantities `show state` lists for the current optimizer and t: ηₜ only while it
  /// varies (``etaVaries``), since `show settings` lists η.
  var visibleQuantities: [Quantity] {
    Quantity.allCases.filter {
      $0.exists(in: session.setup) && (session.t > 0 || !$0.describesLastUpdate)
        && ($0 != .eta || etaVaries)
    }
  }

  /// Whether ηₜ is not simply the setting η: the last update used another (lr_decay, a
  /// schedule, a `set` made at t), or the next will.
  var etaVaries: Bool {
    let eta = session.state.learningRate
    return eta != session.setup.hyperparameters.learningRate
      || (session.t > 0 && session.upcomingLearningRate != eta)
  }

  /// `show eta`: ηₜ, the η of update t (at t = 0, of update 1), and while it varies what
  /// it comes from: `eta = 0.0917431 (update 10; next 0.0909091; setting 0.1, lr_decay 0.01)`,
  /// and the schedule when there is one.
  func showEta() -> (String, JSON) {
    let eta = session.state.learningRate
    let text = NumberFormat.text(eta)
    guard etaVaries else { return (text, .number(eta)) }
    let h = session.setup.hyperparameters
    var parts = ["update \(max(session.t, 1))"]
    let next = session.upcomingLearningRate
    if session.t > 0, next != eta { parts.append("next \(NumberFormat.text(next))") }
    var setting = "setting \(NumberFormat.text(h.learningRate))"
    if h.learningRateDecay != 0 {
      setting += ", lr_decay \(NumberFormat.text(h.learningRateDecay))"
    }
    parts.append(setting)
    if let schedule = session.setup.schedule {
      parts.append("schedule " + schedule.phasesDescription)
    }
    return ("\(text) (\(parts.joined(separator: "; ")))", .number(eta))
  }

  /// One setting of the current optimizer.
  func showSetting(_ setting: Setting) throws(ShellError) -> (String, JSON) {
    let setup = session.setup
    guard setting.applies(to: setup.optimizer, convention: setup.convention) else {
      throw ShellError("\(setup.optimizer.rawValue) has no setting '\(setting.rawValue)'")
    }
    if let beta = ScheduledBeta.allCases.first(where: { $0.setting == setting }),
      let scheduled = showScheduledBeta(beta)
    {
      return scheduled
    }
    let value = setup.value(of: setting)
    return (Interpreter.text(value), Interpreter.json(value))
  }

  /// One quantity, or one entry of it (`v_w[2]`, 1-based).
  func showQuantity(_ ref: QuantityRef) throws(ShellError) -> (String, JSON) {
    if ref.quantity == .eta, ref.index == nil { return showEta() }
    let value = try quantityValue(ref)
    switch value {
    case .scalar(let x) where ref.quantity == .t || ref.quantity == .epoch:
      // Counts print whole: t = 5991176, never 5.99118e+06.
      return (String(Int(x)), .integer(Int(x)))
    case .scalar(let x): return (NumberFormat.text(x), .number(x))
    case .vector(let xs): return (NumberFormat.text(xs), .array(xs.map(JSON.number)))
    }
  }

  /// The value of a named quantity now, checked against the optimizer and t.
  ///
  /// Before the first update `dw` and `db` are the gradient at the start: the one the first
  /// update uses (its batch, and NAG's look-ahead point, which is the start itself while the
  /// velocity is 0), read from that update taken on a copy. At w = b = −2 on the toy set
  /// they are the notes' ∂L/∂w = −0.00549232 and ∂L/∂b = −0.00771116.
  func quantityValue(_ ref: QuantityRef) throws(ShellError) -> QuantityValue {
    let quantity = ref.quantity
    if session.t == 0, quantity == .dw || quantity == .db {
      var next = session
      _ = next.step(1)
      guard next.t == 1 else {
        throw ShellError(
          "the first update from this start is not finite; \(quantity.rawValue) has no value")
      }
      return try Interpreter.select(next.value(of: quantity), quantity: quantity, index: ref.index)
    }
    try checkKept(quantity)
    return try Interpreter.select(
      session.value(of: quantity), quantity: quantity, index: ref.index)
  }

  /// Refuses a quantity the setup `setup` (the current one if nil) does not keep, or one of
  /// the last update before there is one.
  func checkKept(_ quantity: Quantity, under setup: RunSetup? = nil) throws(ShellError) {
    let name = quantity.rawValue
    let setup = setup ?? session.setup
    let optimizer = setup.optimizer
    guard quantity.exists(in: setup) else {
      if quantity == .gW || quantity == .gB {
        throw ShellError(
          "\(name) is the clipped gradient, and clipping is off (see help clipvalue)")
      }
      let kept = Quantity.allCases.filter {
        $0.exists(in: setup) && ![.t, .epoch, .loss, .w, .b, .dw, .db, .eta].contains($0)
      }.map(\.rawValue).joined(separator: ", ")
      throw ShellError("\(optimizer.rawValue) keeps no \(name) (it has \(kept))")
    }
    if quantity.describesLastUpdate && session.t == 0 {
      throw ShellError("\(name) describes the last update, and there is none yet (t=0): step first")
    }
  }

  /// One entry of a per-feature value (1-based), or the whole value.
  static func select(_ value: QuantityValue, quantity: Quantity, index: Int?) throws(ShellError)
    -> QuantityValue
  {
    guard let index else { return value }
    guard case .vector(let xs) = value else {
      throw ShellError("\(quantity.rawValue) is one number; it takes no index [\(index)]")
    }
    guard index >= 1 && index <= xs.count else {
      throw ShellError(
        "\(quantity.rawValue) has \(xs.count) entr\(xs.count == 1 ? "y" : "ies") (1...\(xs.count)), found index \(index)"
      )
    }
    return .scalar(xs[index - 1])
  }

  /// How the current convention differs from the notes, switch by switch.
  func conventionSummary() -> (lines: [String], pairs: [(String, JSON)]) {
    let setup = session.setup
    let lecture = Hyperparameters.defaults(for: setup.optimizer, convention: .lecture)
    var notesSetup = setup
    notesSetup.hyperparameters = lecture
    var lines = [
      "\(setup.optimizer.rawValue) as \(setup.convention.rawValue) (notes' value after /)"
    ]
    var pairs: [(String, JSON)] = [("convention", .string(setup.convention.rawValue))]
    for setting in Setting.listed(in: setup) where !setting.isTraining {
      let mine = setup.value(of: setting)
      let notes =
        setting.applies(to: setup.optimizer, convention: .lecture)
        ? Interpreter.text(notesSetup.value(of: setting)) : "—"
      // A library option the notes lack, while off, runs the notes' rule.
      let offOption =
        notes == "—" && setup.optimizer.options.contains(setting)
        && [.number(0), .word("off")].contains(mine)
      let mark = Interpreter.text(mine) == notes || offOption ? "" : "   ≠ notes"
      lines.append(
        "\(setting.rawValue.padding(to: 15)) \(Interpreter.text(mine)) / \(notes)\(mark)")
      pairs.append((setting.rawValue, Interpreter.json(mine)))
    }
    return (lines, pairs)
  }
}

extension String {
  /// The string padded with spaces to at least `width` characters.
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
