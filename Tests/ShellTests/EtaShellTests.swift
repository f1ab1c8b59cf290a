import Optimization
import Testing

@testable import Shell

/// The quantity `eta` (ηₜ, the η each update used) through the interpreter: `show`,
/// `history`, `plot`, conditions, `--json` and `explain`, each against the engine's values.
@Suite struct EtaShellTests {
  func run(_ lines: String...) -> Interpreter {
    var interpreter = Interpreter(files: MemoryFiles())
    for line in lines { #expect(interpreter.execute(line).error == nil, "\(line)") }
    return interpreter
  }

  /// PyTorch's Adagrad: ηₜ = η/(1 + (t − 1)·lr_decay).
  static func decayed(_ t: Int) -> Double { 0.01 / (1 + Double(t - 1) * 0.01) }

  @Test func showEtaIsTheSettingWhileItIsConstant() {
    var interpreter = run("step 5")
    #expect(interpreter.execute("show eta").replies[0].lines == ["eta = 0.1"])
    #expect(interpreter.execute("show eta").replies[0].json == .object([("eta", .number(0.1))]))
    // `show state` lists η only while it varies: `show settings` has it.
    let state = interpreter.execute("show state").replies[0]
    #expect(!state.lines.contains { $0.hasPrefix("eta") })
    // Its JSON has the same keys whether η varies or not.
    guard case .object(let pairs) = state.json else {
      Issue.record("show state --json is not an object")
      return
    }
    #expect(pairs.map(\.0).contains("eta") && pairs.first { $0.0 == "eta" }!.1 == .number(0.1))
  }

  @Test func showEtaSaysWhereADecayedEtaComesFrom() {
    var interpreter = run("use adagrad:pytorch", "set lr_decay 0.01")
    #expect(interpreter.execute("show eta").replies[0].lines == ["eta = 0.01"])
    _ = interpreter.execute("step 10")
    let eta = Self.decayed(10)
    #expect(interpreter.session.state.learningRate == eta)
    #expect(
      interpreter.execute("show eta").replies[0].lines == [
        "eta = \(NumberFormat.text(eta)) (update 10; next \(NumberFormat.text(Self.decayed(11))); setting 0.01, lr_decay 0.01)"
      ])
    #expect(interpreter.execute("show eta").replies[0].json == .object([("eta", .number(eta))]))
    let state = interpreter.execute("show state").replies[0]
    #expect(state.lines.contains { $0.hasPrefix("eta      \(NumberFormat.text(eta)) (update 10") })
    guard case .object(let pairs) = state.json else {
      Issue.record("show state --json is not an object")
      return
    }
    #expect(pairs.contains { $0.0 == "eta" && $0.1 == .number(eta) })
  }

  /// After `set eta` at t, update t still used the old η; the next uses the new one.
  @Test func showEtaAfterAMidRunSet() {
    var interpreter = run("step 20", "set eta 0.05")
    #expect(
      interpreter.execute("show eta").replies[0].lines == [
        "eta = 0.1 (update 20; next 0.05; setting 0.05)"
      ])
    _ = interpreter.execute("step")
    #expect(interpreter.execute("show eta").replies[0].lines == ["eta = 0.05"])
    _ = interpreter.execute("back 1")
    #expect(
      interpreter.execute("show eta").replies[0].lines.first?.hasPrefix("eta = 0.1 (") == true)
  }

  @Test func historyAndPlotOfEtaAreTheRecordedValues() {
    var interpreter = run("use adagrad:pytorch", "set lr_decay 0.01", "step 12")
    let history = interpreter.execute("history eta").replies[0]
    let expected = (0...12).map { Self.decayed(max($0, 1)) }
    #expect(
      history.lines.dropFirst().map { $0.split(separator: " ").last.map(String.init) }
        == expected.map { NumberFormat.text($0) })
    let plot = interpreter.execute("plot eta").replies[0]
    guard case .object(let pairs) = plot.json,
      case .array(let series)? = pairs.first(where: { $0.0 == "series" })?.1,
      case .object(let curve)? = series.first,
      case .array(let values)? = curve.first(where: { $0.0 == "values" })?.1
    else {
      Issue.record("plot eta --json has no series")
      return
    }
    #expect(values == expected.map(JSON.number))
    #expect(
      plot.lines.first?.hasPrefix("eta against t (adagrad:pytorch, lr_decay 0.01, t=12)") == true)
    // The effective rate per coordinate: lr_w = ηₜ/(√v_w + ε), drawn from t=1.
    let rate = interpreter.execute("plot lr_w")
    #expect(rate.error == nil && rate.replies[0].lines.first?.hasPrefix("lr_w against t") == true)
  }

  @Test func conditionsReadEta() {
    var interpreter = run("use adagrad:pytorch", "set lr_decay 0.01")
    // ηₜ < 0.0095 first holds at update t with 1 + (t − 1)·0.01 > 1/0.95: t = 7.
    _ = interpreter.execute("run until eta < 0.0095")
    #expect(interpreter.session.t == 7)
    #expect(Self.decayed(7) < 0.0095 && Self.decayed(6) >= 0.0095)
    #expect(interpreter.execute("expect eta < 0.0095").error == nil)
    #expect(interpreter.execute("expect eta > 0.0095").error != nil)
  }

  @Test func explainShowsTheEtaItUsed() {
    var interpreter = run("use adagrad:pytorch", "set lr_decay 0.01", "step 10")
    let eta = NumberFormat.text(Self.decayed(10))
    #expect(
      interpreter.execute("explain eta").replies[0].lines == [
        "update t=10 of adagrad (pytorch); on the right, the values before the update",
        "ηₜ = η/(1 + (t − 1)·lr_decay) = 0.01/(1 + (10 − 1)·0.01) = \(eta)",
      ])
    let rate = interpreter.execute("explain lr_b").replies[0].lines
    #expect(rate.count == 3 && rate[1].hasPrefix("ηₜ = ") && rate[2].hasPrefix("lr_b = ηₜ/("))
    var constant = run("step 3")
    #expect(
      constant.execute("explain eta").error?.message
        == "update t=3 used eta = 0.1 itself (no lr_decay or schedule): nothing to work out")
    // A constant η adds no line: the lessons' explain output is unchanged.
    #expect(!constant.execute("explain").replies[0].lines.contains { $0.hasPrefix("ηₜ") })
  }

  /// Right after `use gd from here`, update t was Adam's: explain resolves m_w against it.
  @Test func explainResolvesQuantitiesAgainstTheSetupOfTheLastUpdate() {
    var interpreter = run("step 5", "use gd from here")
    let reply = interpreter.execute("explain m_w").replies[0]
    #expect(
      reply.lines.first
        == "update t=5 of adam (lecture); on the right, the values before the update")
    #expect(reply.lines.contains { $0.hasPrefix("m_w = β₁·m_w + (1 − β₁)·dw = ") })
    // `show` still reads the current optimizer, and after gd's first update so does explain.
    #expect(interpreter.execute("show m_w").error?.message.hasPrefix("gd keeps no m_w") == true)
    _ = interpreter.execute("step")
    #expect(interpreter.execute("explain m_w").error?.message.hasPrefix("gd keeps no m_w") == true)
  }
}

extension EtaShellTests {
  /// `help eta` is the setting's, and says what `show eta` reads.
  @Test func helpOnEtaNamesTheSettingAndTheQuantity() {
    var interpreter = Interpreter(files: MemoryFiles())
    let lines = interpreter.execute("help eta").replies[0].lines
    #expect(lines.first == "set eta VALUE")
    #expect(
      lines.last == "show eta: the eta the last update used (lr_decay or a schedule may vary it)")
    #expect(lines.allSatisfy { $0.count <= 80 })
  }
}

extension EtaShellTests {
  /// A trace with an `eta` column (from `history … to`, or someone's own code) is compared
  /// on ηₜ by `diagnose`: adalab's own run matches it, and an η that drifts is found.
  @Test func diagnoseComparesAnEtaColumn() throws {
    let files = MemoryFiles()
    var interpreter = Interpreter(files: files)
    for line in [
      "use adagrad:pytorch", "set lr_decay 0.01", "step 8", "history w b eta to ref.csv",
    ] {
      #expect(interpreter.execute(line).error == nil, "\(line)")
    }
    let reference = try files.read("ref.csv")
    #expect(reference.split(separator: "\n").first == "t,w,b,eta")
    let matched = interpreter.execute("diagnose ref.csv").replies[0].lines
    #expect(matched.contains("no difference: every row matches"), "\(matched)")
    // η of update 5 and on a tenth lower: the trace parts there, first in eta.
    var rows = reference.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    for k in rows.indices.dropFirst() where Int(rows[k][0])! >= 5 {
      rows[k][3] = "\(Double(rows[k][3])! * 0.9)"
    }
    try files.write(
      "drift.csv", contents: rows.map { $0.joined(separator: ",") }.joined(separator: "\n"))
    let parted = interpreter.execute("diagnose drift.csv").replies[0].lines
    #expect(parted.contains { $0.contains("t=5") && $0.contains("eta") }, "\(parted)")
  }
}

extension EtaShellTests {
  /// `undo`, `goto` and a saved-and-sourced session give back exactly the ηₜ recorded.
  @Test func undoGotoAndSaveKeepTheRecordedEta() {
    let files = MemoryFiles()
    var interpreter = Interpreter(files: files)
    for line in ["use adagrad:pytorch", "set lr_decay 0.01", "step 10", "set eta 0.05", "step 5"] {
      #expect(interpreter.execute(line).error == nil, "\(line)")
    }
    let at15 = interpreter.session.state.learningRate
    #expect(at15 == 0.05 / (1 + 14 * 0.01))
    _ = interpreter.execute("undo")
    #expect(interpreter.session.t == 10)
    #expect(interpreter.session.state.learningRate == 0.01 / (1 + 9 * 0.01))
    #expect(interpreter.session.upcomingLearningRate == 0.05 / (1 + 10 * 0.01))
    _ = interpreter.execute("goto 15")
    #expect(interpreter.session.state.learningRate == at15)
    _ = interpreter.execute("save s.txt")
    var sourced = Interpreter(files: files)
    #expect(sourced.execute("source s.txt").error == nil)
    #expect(sourced.session.state == interpreter.session.state)
    #expect(
      sourced.execute("history eta 9..11").replies[0].lines.dropFirst().map {
        $0.split(separator: " ").last!
      }
        == ["0.00925926", "0.00917431", "0.0454545"])
  }
}
