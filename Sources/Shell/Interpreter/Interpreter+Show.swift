import Optimization

extension Interpreter {
  /// `show NAME...`: quantities, settings, and the groups `state`, `settings`, `data`,
  /// `convention`, `all`.
  func show(_ names: [String]) throws(ShellError) -> Reply {
    let names = names.isEmpty ? ["state"] : names
    var lines: [String] = []
    var pairs: [(String, JSON)] = []
    for name in names {
      switch name {
      case "timeline":
        let group = showTimeline()
        lines += group.lines
        pairs += group.pairs
      case "schedule":
        let group = showSchedule()
        lines += group.lines
        pairs += group.pairs
      case "state", "all", "settings", "data", "convention":
        let group = try showGroup(name)
        lines += group.lines
        pairs += group.pairs
      default:
        let (text, json) = try showOne(name)
        lines.append("\(name) = \(text)")
        pairs.append((name, json))
      }
    }
    let gradients = names.map { Interpreter.splitIndex($0).0 }.filter { $0 == "dw" || $0 == "db" }
    if session.t == 0, !gradients.isEmpty {
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

  private func showGroup(_ name: String) throws(ShellError) -> (
    lines: [String], pairs: [(String, JSON)]
  ) {
    switch name {
    case "state":
      var lines: [String] = []
      var pairs: [(String, JSON)] = []
      for quantity in visibleQuantities {
        let (text, json) = try showOne(quantity.rawValue)
        lines.append("\(quantity.rawValue.padding(to: 8)) \(text)")
        pairs.append((quantity.rawValue, json))
      }
      return (lines, pairs)
    case "settings":
      let setup = session.setup
      let settings = Setting.applicable(to: setup.optimizer, convention: setup.convention)
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
    case "data":
      var reply = describeData(prefix: "data")
      reply.lines += firstRows() + Interpreter.targetNotes(session.setup.dataset)
      guard case .object(let pairs) = reply.json else { return (reply.lines, []) }
      return (reply.lines, pairs)
    case "convention":
      return conventionSummary()
    default:
      let settings = try showGroup("settings")
      let data = try showGroup("data")
      let state = try showGroup("state")
      return (
        settings.lines + data.lines + state.lines, settings.pairs + data.pairs + state.pairs
      )
    }
  }

  /// The quantities `show state` lists for the current optimizer and t.
  var visibleQuantities: [Quantity] {
    Quantity.allCases.filter {
      $0.exists(for: session.setup.optimizer) && (session.t > 0 || !$0.describesLastUpdate)
    }
  }

  /// One quantity or setting, possibly indexed (`v_w[2]`, 1-based).
  func showOne(_ name: String) throws(ShellError) -> (String, JSON) {
    let (base, index) = Interpreter.splitIndex(name)
    // `loss` is both the loss function setting and the loss value; `show` means the value.
    if Quantity(rawValue: base) == nil, let setting = Setting(rawValue: base) {
      let setup = session.setup
      guard setting.applies(to: setup.optimizer, convention: setup.convention) else {
        throw ShellError("\(setup.optimizer.rawValue) has no setting '\(base)'")
      }
      let value = setup.value(of: setting)
      return (Interpreter.text(value), Interpreter.json(value))
    }
    let value = try quantityValue(base, index: index)
    switch value {
    case .scalar(let x) where base == Quantity.t.rawValue || base == Quantity.epoch.rawValue:
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
  func quantityValue(_ name: String, index: Int?) throws(ShellError) -> QuantityValue {
    if session.t == 0, name == Quantity.dw.rawValue || name == Quantity.db.rawValue {
      let quantity = Quantity(rawValue: name)!
      var next = session
      _ = next.step(1)
      guard next.t == 1 else {
        throw ShellError("the first update from this start is not finite; \(name) has no value")
      }
      return try Interpreter.select(next.value(of: quantity), quantity: quantity, index: index)
    }
    let quantity = try resolveQuantity(name)
    return try Interpreter.select(session.value(of: quantity), quantity: quantity, index: index)
  }

  func resolveQuantity(_ name: String) throws(ShellError) -> Quantity {
    guard let quantity = Quantity(rawValue: name) else {
      throw ShellError("unknown quantity '\(name)'")
    }
    let optimizer = session.setup.optimizer
    guard quantity.exists(for: optimizer) else {
      let kept = Quantity.allCases.filter {
        $0.exists(for: optimizer) && ![.t, .epoch, .loss, .w, .b, .dw, .db].contains($0)
      }.map(\.rawValue).joined(separator: ", ")
      throw ShellError("\(optimizer.rawValue) keeps no \(name) (it has \(kept))")
    }
    if quantity.describesLastUpdate && session.t == 0 {
      throw ShellError("\(name) describes the last update, and there is none yet (t=0): step first")
    }
    return quantity
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

  /// `v_w[2]` → ("v_w", 2).
  static func splitIndex(_ name: String) -> (String, Int?) {
    guard let open = name.firstIndex(of: "["), name.hasSuffix("]") else { return (name, nil) }
    let number = name[name.index(after: open)..<name.index(before: name.endIndex)]
    return (String(name[..<open]), Int(number))
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
    for setting in Setting.applicable(to: setup.optimizer, convention: setup.convention)
    where !setting.isTraining {
      let mine = setup.value(of: setting)
      let notes =
        setting.applies(to: setup.optimizer, convention: .lecture)
        ? Interpreter.text(notesSetup.value(of: setting)) : "—"
      let mark = Interpreter.text(mine) == notes ? "" : "   ≠ notes"
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
