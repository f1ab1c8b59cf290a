import Optimization

extension Interpreter {
  /// `explain [NAME]`: the last update's rule, each equation with that step's numbers and
  /// its result, all of them the engine's own values (see ``Session/explainLastUpdate()``).
  func explain(_ ref: QuantityRef?) throws(ShellError) -> Reply {
    guard let explanation = session.explainLastUpdate() else {
      throw ShellError("nothing to explain at t=0: there is no update yet (step first)")
    }
    var lines = explanation.lines
    let (setup, origin) = session.lastUpdateGovernance
    if let ref {
      let (quantity, index) = (ref.quantity, ref.index)
      guard ![.t, .epoch, .loss].contains(quantity) else {
        throw ShellError(
          "explain takes a quantity an update computes, such as v_b or lr_w; found '\(ref.name)'")
      }
      // Against the setup of update t: right after `use gd from here`, m_w is Adam's.
      try checkKept(quantity, under: setup)
      if let index, !(1...session.setup.dataset.dimension).contains(index) {
        throw ShellError(
          "\(quantity.rawValue) has \(session.setup.dataset.dimension) entries, found index \(index)"
        )
      }
      let chosen = lines.filter {
        $0.quantity == quantity && (index == nil || $0.parameterIndex == index! - 1)
      }
      if chosen.isEmpty, quantity == .eta {
        throw ShellError(
          "update t=\(explanation.t) used eta = \(NumberFormat.text(setup.hyperparameters.learningRate)) itself (no lr_decay or schedule): nothing to work out"
        )
      }
      guard !chosen.isEmpty else {
        throw ShellError(
          "\(setup.optimizer.rawValue) does not compute \(ref.name) in its update")
      }
      // A rule's formula may write η for the ηₜ it substitutes (Adam's lr under a schedule).
      let shared = lines.filter { line in
        line.parameterIndex == nil && !chosen.contains(line)
          && chosen.contains {
            $0.formula.contains(line.name) || (line.quantity == .eta && $0.formula.contains("η"))
          }
      }
      lines = shared + chosen
    }
    var header =
      "update t=\(explanation.t) of \(setup.optimizer.rawValue) (\(setup.convention.rawValue))"
    if setup.optimizer.isAdamFamily && setup.hyperparameters.biasPower == .epoch {
      header += "; the bias correction counts epochs: t = \(explanation.biasPower) in βᵗ"
    }
    header += "; on the right, the values before the update"
    let takeover =
      origin > 0
      ? [
        "\(setup.optimizer.rawValue) took over after t=\(origin): this is its own update \(explanation.t - origin)"
      ]
      : []
    let text = [header] + takeover + lines.map(Interpreter.render)
    let json: [JSON] = lines.map { line in
      .object([
        ("name", .string(line.name)), ("formula", .string(line.formula)),
        ("value", .number(line.value)),
      ])
    }
    return Reply(
      lines: text, json: .object([("t", .integer(explanation.t)), ("explain", .array(json))]))
  }

  /// `v_b = β·v_b + (1 − β)·db² = 0.9·0 + 0.1·(-0.0077)² = 5.9e-06`.
  static func render(_ line: ExplainedLine) -> String {
    var parts = [line.name]
    if !line.formula.isEmpty { parts.append(line.formula) }
    if !line.substituted.isEmpty {
      var text = ""
      for (k, piece) in line.substituted.enumerated() {
        switch piece {
        case .text(let s): text += s
        case .number(let x):
          let number = NumberFormat.text(x)
          text += x < 0 && k > 0 ? "(\(number))" : number
        }
      }
      parts.append(text)
    }
    parts.append(NumberFormat.text(line.value))
    return parts.joined(separator: " = ") + (line.note.map { " (\($0))" } ?? "")
  }
}
