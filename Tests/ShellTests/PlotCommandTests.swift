import Foundation
import Optimization
import Testing

@testable import Shell

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `plot` and `export` through the interpreter: what they draw, write and refuse.
@Suite struct PlotCommandTests {
  static func run(_ lines: [String], files: MemoryFiles = MemoryFiles()) -> (
    Interpreter, [Interpreter.Outcome]
  ) {
    var interpreter = Interpreter(files: files)
    let outcomes = lines.map { interpreter.execute($0) }
    return (interpreter, outcomes)
  }

  static func isXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
  }

  @Test func parsesEveryForm() throws {
    let line = "plot loss lr_b v_w[2] from 5 to 20 log ascii to pics/a.svg"
    guard case .plot(let request) = try Command.parseLine(line)[0] else {
      Issue.record("not a plot")
      return
    }
    #expect(
      request.subject
        == .quantities([
          QuantityRef(quantity: .loss), QuantityRef(quantity: .lrB),
          QuantityRef(quantity: .vW, index: 2),
        ]))
    #expect(request.from == 5 && request.to == 20)
    #expect(request.isLogarithmic && request.isAscii)
    #expect(request.file == "pics/a.svg")
    #expect(
      try Command.parseLine("plot surface over w[2] b")[0]
        == .plot(
          PlotRequest(
            .surface(over: [QuantityRef(quantity: .w, index: 2), QuantityRef(quantity: .b)]))))
    #expect(
      try Command.parseLine("plot norms p=1,inf g=0.1,1e-3")[0]
        == .plot(PlotRequest(.norms(powers: [1, .infinity], gradient: [0.1, 1e-3]))))
    #expect(try Command.parseLine("export a.md")[0] == .export(ExportRequest(path: "a.md")))
  }

  @Test(arguments: [
    ("plot", "expected a quantity, 'surface', 'norms' or 'bias' after 'plot', found nothing"),
    ("plot lr", "unknown quantity 'lr' (did you mean 'lr_b' or 'lr_w'?)"),
    ("plot loss to a.png", "expected a file name ending in .svg after 'to', found 'a.png'"),
    ("plot loss from 10 to 5", "expected 'to' at or after 'from' (10), found 5"),
    ("plot norms p=0.5", "expected p >= 1 (a norm needs it), found 0.5"),
    (
      "export notes.txt",
      "expected a file name ending in .html, .htm, .md or .ipynb after 'export', found 'notes.txt'"
    ),
  ])
  func refusesWithOneLine(_ line: String, _ message: String) {
    #expect(throws: ParseError.self) { try Command.parseLine(line) }
    do {
      _ = try Command.parseLine(line)
    } catch {
      #expect(error.message == message)
    }
  }

  @Test func nothingToPlotAtTheStart() {
    let (interpreter, outcomes) = Self.run(["plot loss"])
    #expect(outcomes[0].error?.message == "nothing recorded yet (t=0): step first, then plot")
    #expect(interpreter.record.isEmpty)
  }

  @Test func plotsEveryEntryOfAPerFeatureQuantity() {
    let (_, outcomes) = Self.run(["load sparse n=50 seed=1", "step 20", "plot w loss"])
    let reply = outcomes[2].replies[0]
    #expect(outcomes[2].error == nil)
    #expect(reply.json.rendered.contains("\"name\":\"w[1]\""))
    #expect(reply.json.rendered.contains("\"name\":\"w[2]\""))
    #expect(reply.json.rendered.contains("\"name\":\"loss\""))
    #expect(reply.lines.allSatisfy { $0.count <= 80 })
    #expect(reply.figures.count == 1 && Self.isXML(reply.figures[0]))
  }

  @Test func plottedValuesAreTheRunsOwn() {
    let (interpreter, outcomes) = Self.run(["step 7", "plot lr_b"])
    guard case .object(let pairs) = outcomes[1].replies[0].json,
      case .array(let series) = pairs.first(where: { $0.0 == "series" })?.1,
      case .object(let curve) = series[0],
      case .array(let values) = curve.first(where: { $0.0 == "values" })?.1
    else {
      Issue.record("no series")
      return
    }
    #expect(values.count == 7)
    #expect(values.last == .number(interpreter.session.state.rate.last!))
  }

  @Test func afterCompareEachOptimizerIsDrawnUntilTheSessionMoves() {
    let (_, outcomes) = Self.run([
      "compare adam rmsprop gd steps 30", "plot loss", "plot surface", "step", "plot loss",
    ])
    let overlay = outcomes[1].replies[0].json.rendered
    for name in ["adam", "rmsprop", "gd"] { #expect(overlay.contains("\"name\":\"\(name)\"")) }
    #expect(outcomes[2].replies[0].lines.contains { $0.contains("1 adam 2 rmsprop 3 gd") })
    let alone = outcomes[4].replies[0].json.rendered
    #expect(alone.contains("\"name\":\"loss\"") && !alone.contains("rmsprop"))
  }

  @Test func biasNeedsAFirstMoment() {
    let (_, outcomes) = Self.run([
      "use rmsprop", "step 3", "plot bias", "use adam", "step 10", "plot bias",
    ])
    #expect(outcomes[2].error?.message.hasPrefix("rmsprop keeps no first moment m") == true)
    #expect(outcomes[5].error == nil)
    #expect(
      outcomes[5].replies[0].lines.last == "1 - beta1^t: t=1 0.1, t=2 0.19, t=5 0.41, t=10 0.651")
  }

  /// The minimum is marked and named, each contour level is lettered on the picture and in
  /// the legend, and `around ... width ...` chooses the window.
  @Test func surfaceMarksTheMinimumAndLabelsItsLevels() throws {
    var request = PlotRequest(.surface(over: []))
    request.around = [
      ParameterValue(parameter: QuantityRef(quantity: .w), value: 1.8),
      ParameterValue(parameter: QuantityRef(quantity: .b), value: -2.3),
    ]
    request.windowWidth = 1
    #expect(try Command.parseLine("plot surface around w=1.8 b=-2.3 width 1")[0] == .plot(request))
    let (_, outcomes) = Self.run([
      "step 100", "plot surface", "plot surface around w=1.8 b=-2.3 width 1",
      "plot surface around w[2]=1 b=0", "plot surface width -1",
    ])
    let wide = outcomes[1].replies[0].lines
    #expect(wide.contains { $0.hasPrefix("  * lowest loss on the grid, ") })
    #expect(wide.contains { $0.hasPrefix("  contours a ") })
    let picture = wide.filter { $0.contains("│") }.joined()
    #expect(["a", "b", "c", "d"].allSatisfy { picture.contains($0) })
    let zoomed = outcomes[2].replies[0].lines
    // The toy set's exact fit is at w = 1.7918, b = -2.2822 (loss 0): inside the window.
    let minimum = try #require(zoomed.first { $0.hasPrefix("  * lowest loss") })
    #expect(
      minimum.hasSuffix("at (w, b) = (1.78, -2.28)")
        || minimum.hasSuffix("at (w, b) = (1.79, -2.28)"))
    #expect(!zoomed.contains { $0.contains("on the edge") })
    #expect(zoomed.contains { $0.hasPrefix("     └") } || zoomed.contains { $0.contains("┴") })
    #expect(zoomed.contains { $0.contains(" 1.4 ") && $0.contains(" 2.2 ") })
    #expect(outcomes[3].error?.message.contains("does not show") == true)
    #expect(outcomes[4].error != nil)
  }

  @Test func surfaceOverTwoChosenWeights() {
    let (_, outcomes) = Self.run([
      "load sparse n=40 seed=2", "step 10", "plot surface over w[1] w[2]",
      "plot surface over w[5] b",
    ])
    #expect(outcomes[2].error == nil)
    #expect(
      outcomes[2].replies[0].lines.contains {
        $0.contains("others held at their current values: w[3]=")
      })
    #expect(outcomes[3].error?.message == "w has 4 entries (1...4), found index 5")
  }

  @Test func normsTableForTheNotesExample() {
    let (_, outcomes) = Self.run(["plot norms g=0.1,1e-3"])
    let lines = outcomes[0].replies[0].lines
    #expect(lines.contains("1     0.101        0.101        0.101     ok"))
    #expect(lines.contains("256   1e-256       0.1          0.1       ok"))
    #expect(lines.contains("512   0            0            0.1       underflow to 0"))
  }

  @Test func writesSVGAndExportsANotebookThatParse() throws {
    let files = MemoryFiles()
    let (_, outcomes) = Self.run(
      ["step 10", "plot loss to loss.svg", "show v_b", "export notes.html", "export notes.md"],
      files: files)
    #expect(outcomes.allSatisfy { $0.error == nil })
    #expect(outcomes[1].replies[0].lines.last == "wrote loss.svg")
    #expect(Self.isXML(try #require(files.files["loss.svg"])))
    let html = try #require(files.files["notes.html"])
    #expect(Self.isXML(html))
    #expect(html.contains("adam t=10&gt; </span>plot loss to loss.svg</pre>"))
    #expect(html.components(separatedBy: "<svg xmlns").count == 2)
    #expect(outcomes[3].replies[0].lines == ["exported notes.html: 3 commands, 1 picture"])
    #expect(try #require(files.files["notes.md"]).contains("adam t=10> show v_b\nv_b = "))
  }

  @Test func aFailedWriteLeavesTheSessionAsItWas() {
    struct Refusing: FileAccess {
      func read(_ path: String) throws(ShellError) -> String { throw ShellError("no") }
      func write(_ path: String, contents: String) throws(ShellError) {
        throw ShellError("cannot write '\(path)': permission denied")
      }
    }
    var interpreter = Interpreter(files: Refusing())
    _ = interpreter.execute("step 3")
    let before = interpreter.record.count
    let outcome = interpreter.execute("plot loss to /x.svg")
    #expect(outcome.error?.message == "cannot write '/x.svg': permission denied")
    #expect(interpreter.record.count == before)
    #expect(interpreter.execute("export /n.html").error != nil)
  }
}
