import Foundation
import Optimization
import Testing

@testable import Shell

/// explain, display, watch, history tables, back/goto, fork/switch, compare in depth, sweep
/// and diagnose: each checked against the engine's own numbers.
@Suite struct InspectionTests {
  /// Runs lines, failing the test on the first error; returns the last reply.
  @discardableResult
  static func run(_ interpreter: inout Interpreter, _ line: String) -> Reply {
    let outcome = interpreter.execute(line)
    #expect(outcome.error == nil, "\(line): \(outcome.error?.message ?? "")")
    return outcome.replies.last ?? Reply(lines: [])
  }

  /// The number after the last ` = ` of a line.
  static func lastNumber(_ line: String) -> String {
    String(line.components(separatedBy: " = ").last!)
  }

  @Test func explainShowsTheEnginesValuesRoundedToSixDigits() {
    for spec in ["adam", "adam:keras", "rmsprop", "adagrad:keras", "adadelta", "nadam:pytorch"] {
      var interpreter = Interpreter(files: MemoryFiles())
      interpreter.screen.width = 1000  // one equation per line, however long
      Self.run(&interpreter, "use \(spec); step 3")
      let reply = Self.run(&interpreter, "explain")
      let state = interpreter.session.state
      for quantity in [Quantity.vB, .lrB, .b, .db, .w]
      where quantity.exists(for: interpreter.session.setup.optimizer) {
        let line = reply.lines.first { $0.hasPrefix("\(quantity.rawValue) = ") }
        guard let line else {
          Issue.record("\(spec): no line for \(quantity.rawValue)")
          continue
        }
        let engine: Double
        switch state.value(of: quantity) {
        case .scalar(let x): engine = x
        case .vector(let xs): engine = xs[0]
        }
        #expect(Self.lastNumber(line) == NumberFormat.text(engine), "\(spec): \(line)")
      }
    }
  }

  @Test func explainOneQuantityShowsItsLineAndTheCorrectionItUses() {
    var interpreter = Interpreter(files: MemoryFiles())
    Self.run(&interpreter, "step")
    let reply = Self.run(&interpreter, "explain m_hat_b")
    #expect(reply.lines.count == 3)
    #expect(reply.lines[1] == "1 − β₁ᵗ = 1 − 0.9^1 = 0.1")
    #expect(reply.lines[2] == "m_hat_b = m_b/(1 − β₁ᵗ) = -0.000771116/0.1 = -0.00771116")
    let vb = Self.run(&interpreter, "explain v_b").lines.last!
    #expect(vb == "v_b = β₂·v_b + (1 − β₂)·db² = 0.999·0 + 0.001·(-0.00771116)² = 5.9462e-08")
    #expect(interpreter.execute("explain m_b; use rmsprop; explain m_b").error != nil)
    #expect(
      Interpreter(files: MemoryFiles()).explainError
        == "nothing to explain at t=0: there is no update yet (step first)")
  }

  @Test func watchStopsAtTheFirstUpdateWhereTheConditionTurnsTrue() throws {
    var reference = Session()
    var expected = 0
    while true {
      _ = reference.step(1)
      if case .scalar(let rate) = reference.value(of: .lrB), rate < 5 {
        expected = reference.t
        break
      }
    }
    var interpreter = Interpreter(files: MemoryFiles())
    Self.run(&interpreter, "watch lr_b < 5; display lr_b")
    let reply = Self.run(&interpreter, "step 1000")
    #expect(interpreter.session.t == expected)
    #expect(reply.lines[0].hasPrefix("watch 1: lr_b < 5 turned true at t=\(expected) (lr_b = "))
    #expect(reply.lines.last!.hasPrefix("1: lr_b = "))
    let pairs = try #require(reply.json.objectPairs)
    #expect(pairs.contains { $0.0 == "watch" })
    // Still true: it does not stop again until it has been false.
    Self.run(&interpreter, "step 10")
    #expect(interpreter.session.t == expected + 10)
    // A watch and run until together: whichever turns true first stops it.
    Self.run(&interpreter, "unwatch; reset; watch loss < 0.3")
    let run = Self.run(&interpreter, "run until loss < 0.1 max 1000")
    // As in gdb, numbers are not reused: the new watch is 2.
    #expect(run.lines[0].hasPrefix("watch 2: loss < 0.3 turned true at t="))
    #expect(interpreter.session.loss < 0.3)
  }

  /// gdb's numbering and replies: removing one keeps the others' numbers, removing all says
  /// what went, `delete` is unwatch and `delete display` undisplay.
  @Test func numbersAreKeptAndRemovalsSayWhatWent() {
    var interpreter = Interpreter(files: MemoryFiles())
    Self.run(&interpreter, "display v_b lr_b m_b; watch lr_b < 5; watch loss < 0.3; step 2")
    #expect(Self.run(&interpreter, "undisplay 1").lines == ["stopped displaying 1: v_b"])
    #expect(Self.run(&interpreter, "info display").lines == ["2: lr_b", "3: m_b"])
    #expect(Self.run(&interpreter, "delete display 3").lines == ["stopped displaying 3: m_b"])
    let shown = Self.run(&interpreter, "display v_b").lines
    #expect(shown.count == 2 && shown[0].hasPrefix("2: lr_b = ") && shown[1].hasPrefix("4: v_b = "))
    #expect(Self.run(&interpreter, "delete 1").lines == ["removed watch 1: lr_b < 5"])
    #expect(
      interpreter.execute("unwatch 1").error?.message == "no watch 1 (watches: 2; 'info watch')")
    #expect(
      Self.run(&interpreter, "unwatch").lines == ["removed every watch:", "  2: loss < 0.3"])
    #expect(Self.run(&interpreter, "delete").lines == ["no watches to remove"])
    #expect(
      Self.run(&interpreter, "undisplay").lines == [
        "removed every display:", "  2: lr_b", "  4: v_b",
      ])
  }

  @Test func aWatchOnAQuantityTheOptimizerLacksIsRefused() {
    var interpreter = Interpreter(files: MemoryFiles())
    Self.run(&interpreter, "use rmsprop")
    #expect(interpreter.execute("watch m_b > 0").error?.message == "rmsprop keeps no m_b")
    #expect(interpreter.watchList.isEmpty)
  }

  @Test func backAndGotoRestoreEveryValueBitForBit() {
    var interpreter = Interpreter(files: MemoryFiles())
    Self.run(&interpreter, "set batch 1; step 10000")
    var states: [Int: OptimizerState] = [:]
    var forward = Session()
    try? forward.set(.batch, to: .number(1))
    for t in 1...10000 {
      _ = forward.step(1)
      if [1, 4096, 4097, 9999, 10000].contains(t) { states[t] = forward.state }
    }
    #expect(interpreter.session.state == states[10000])
    Self.run(&interpreter, "back")
    #expect(interpreter.session.state == states[9999])
    Self.run(&interpreter, "goto 4097")
    #expect(interpreter.session.state == states[4097])
    Self.run(&interpreter, "back 4096")
    #expect(interpreter.session.state == states[1])
    Self.run(&interpreter, "goto 4096")
    #expect(interpreter.session.state == states[4096])
    #expect(interpreter.execute("back 5000").error != nil)
    #expect(interpreter.session.t == 4096)
  }

  @Test func forkAndSwitchKeepNamedCopies() {
    var interpreter = Interpreter(files: MemoryFiles())
    Self.run(&interpreter, "step 5")
    let before = interpreter.session.state
    Self.run(&interpreter, "fork before; set eta 1; step 20")
    let tried = interpreter.session.state
    Self.run(&interpreter, "switch before")
    #expect(interpreter.session.state == before)
    #expect(interpreter.forkName == "before")
    Self.run(&interpreter, "switch main")
    #expect(interpreter.session.state == tried)
    #expect(interpreter.execute("fork main").error != nil)
    #expect(interpreter.execute("switch nowhere").error != nil)
    let list = Self.run(&interpreter, "info forks").lines
    #expect(list.count == 2 && list[0].hasPrefix("* main"))
  }

  @Test func historyTablesTheRecordedValues() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    Self.run(&interpreter, "step 100")
    let reply = Self.run(&interpreter, "history loss lr_b 0..50 every 10")
    // lr_b has no value at t = 0: rows at t = 1, 11, 21, 31, 41 and the last, 50.
    #expect(reply.lines.count == 1 + 6)
    #expect(reply.lines[1].hasPrefix("1 "))
    let reference = interpreter.session.history(of: [.loss, .lrB], from: 1, to: 50, every: 10)
    for (line, point) in zip(reply.lines.dropFirst(), reference) {
      let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      #expect(cells[0] == String(point.t))
      let loss = try #require(point.values[0].scalar)
      let rate = try #require(point.values[1].scalar)
      #expect(cells[1] == NumberFormat.text(loss))
      #expect(cells[2] == NumberFormat.text(rate))
    }
    let all = Self.run(&interpreter, "history w")
    #expect(all.lines[0] == "every 5 updates ('every 1' for all of them)")
    #expect(all.lines.last!.hasPrefix("100 "))
  }

  @Test func compareInDepthCarriesTheSameNumbersInJSON() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    let reply = Self.run(
      &interpreter, "compare adam adam[beta2=0.99] rmsprop steps 60 at 10,60 reach 0.05")
    var adam = Session()
    _ = adam.step(10)
    let loss10 = adam.loss
    let rate10 = adam.state.rate.last!
    _ = adam.step(50)
    var first: Int?
    var probe = Session()
    for t in 1...60 {
      _ = probe.step(1)
      if probe.loss < 0.05 { first = t; break }
    }
    let json = reply.json.rendered
    #expect(json.contains("\"at 10\":{\"loss\":\(loss10),"))
    #expect(json.contains("\"lr_b\":\(rate10)}"))
    #expect(json.contains("\"reached\":\(first.map(String.init) ?? "null")"))
    #expect(reply.lines.contains("at t=10:"))
    #expect(reply.lines.contains { $0.hasPrefix("first to reach loss < 0.05: ") })
    #expect(interpreter.execute("compare adam rmsprop steps 10 at 20").error != nil)
  }

  @Test func sweepRunsEachValueIndependently() {
    var interpreter = Interpreter(files: MemoryFiles())
    let reply = Self.run(&interpreter, "use rmsprop; sweep eta 0.01..1 log 3 steps 40")
    #expect(reply.lines[1].hasPrefix("eta"))
    for (k, eta) in [0.01, 0.1, 1].enumerated() {
      var session = Session()
      session.use(.rmsprop)
      try? session.set(.eta, to: .number(eta))
      _ = session.step(40)
      let cells = reply.lines[2 + k].split(separator: " ", omittingEmptySubsequences: true)
      #expect(String(cells[1]) == NumberFormat.text(session.loss), "eta \(eta)")
    }
    #expect(reply.lines.last!.hasPrefix("lowest loss: eta "))
    #expect(interpreter.session.t == 0)
    #expect(interpreter.execute("sweep eta 0..1 log").error != nil)
  }

  @Test func diagnoseNamesTheMistakeInAFile() {
    // Adam without (1 − β₂), full batch on the toy set, written to full precision.
    var w = -2.0
    var b = -2.0
    var (mw, mb, vw, vb) = (0.0, 0.0, 0.0, 0.0)
    var csv = ["t,w,b,v_w,v_b"]
    for t in 1...20 {
      var (dw, db) = (0.0, 0.0)
      for (x, y) in zip([0.5, 2.5], [0.2, 0.9]) {
        let f = 1 / (1 + exp(-(w * x + b)))
        dw += (f - y) * f * (1 - f) * x
        db += (f - y) * f * (1 - f)
      }
      mw = 0.9 * mw + 0.1 * dw
      mb = 0.9 * mb + 0.1 * db
      vw = 0.999 * vw + dw * dw
      vb = 0.999 * vb + db * db
      let (c1, c2) = (1 - pow(0.9, Double(t)), 1 - pow(0.999, Double(t)))
      w -= 0.1 * (mw / c1) / ((vw / c2).squareRoot() + 1e-10)
      b -= 0.1 * (mb / c1) / ((vb / c2).squareRoot() + 1e-10)
      csv.append("\(t),\(w),\(b),\(vw),\(vb)")
    }
    var interpreter = Interpreter(files: MemoryFiles(["mine.csv": csv.joined(separator: "\n")]))
    let reply = Self.run(&interpreter, "diagnose mine.csv")
    #expect(reply.lines.contains { $0.hasPrefix("first difference at t=1, v_w: ") })
    #expect(reply.lines.last == "explained by: the (1 − β) factor missing from v: v ← β·v + g²")
    #expect(reply.json.rendered.contains("\"explanation\":\"the (1 − β) factor missing from v"))
    #expect(interpreter.execute("diagnose missing.csv").error != nil)
  }

  @Test func theNewCommandsParse() throws {
    #expect(try Command.parseLine("explain") == [.explain(nil)])
    #expect(
      try Command.parseLine("explain v_w[2]") == [.explain(QuantityRef(quantity: .vW, index: 2))])
    #expect(
      try Command.parseLine("display v_b lr_w[1]")
        == [.display([QuantityRef(quantity: .vB), QuantityRef(quantity: .lrW, index: 1)])])
    #expect(try Command.parseLine("undisplay 2; unwatch") == [.undisplay([2]), .unwatch([])])
    #expect(
      try Command.parseLine("watch loss < 1e-3")
        == [.watch(.compare(.quantity(QuantityRef(quantity: .loss)), .less, .number(1e-3)))])
    #expect(try Command.parseLine("info watches") == [.info("watch")])
    #expect(
      try Command.parseLine("history v_b lr_b 10..50 every 5")
        == [
          .historyTable(
            HistoryRequest(
              quantities: [QuantityRef(quantity: .vB), QuantityRef(quantity: .lrB)], from: 10,
              to: 50, every: 5))
        ])
    #expect(try Command.parseLine("history") == [.history])
    #expect(try Command.parseLine("back; back 3; goto 0") == [.back(1), .back(3), .goto(0)])
    #expect(
      try Command.parseLine("fork a-1; fork; switch a-1") == [
        .fork("a-1"), .fork(nil), .switchTo("a-1"),
      ])
    #expect(
      try Command.parseLine("sweep lr 0.01..1 log 7 steps 50")
        == [
          .sweep(
            SweepRequest(setting: .eta, from: 0.01, to: 1, logarithmic: true, count: 7, steps: 50))
        ])
    #expect(
      try Command.parseLine("diagnose 'my run.csv' tolerance 1e-6") == [
        .diagnose("my run.csv", tolerance: 1e-6)
      ])
    #expect(
      try Command.parseLine("compare adam rmsprop at 10,20 reach 1e-3")
        == [
          .compare(
            [OptimizerSpec(optimizer: .adam), OptimizerSpec(optimizer: .rmsprop)], steps: nil,
            at: [10, 20], reach: 1e-3)
        ])
    #expect(throws: ParseError.self) { try Command.parseLine("sweep eps_placement 1..2") }
    #expect(throws: ParseError.self) { try Command.parseLine("history v_b 50..10") }
  }
}

extension Interpreter {
  /// The message `explain` fails with on this interpreter.
  var explainError: String? {
    var copy = self
    return copy.execute("explain").error?.message
  }
}
