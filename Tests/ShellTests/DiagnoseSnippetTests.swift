import Foundation
import Optimization
import Testing

@testable import Shell

/// `diagnose` as an engineer uses it: traces written by PyTorch, optax and plain numpy at
/// settings adalab does not default to (Fixtures/diagnose, made by generate.sh with the real
/// libraries), diagnosed in a fresh shell; `history … to FILE`; and the hardening of both.
@Suite struct DiagnoseSnippetTests {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/diagnose")

  static func fixture(_ name: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
  }

  static func field(_ json: JSON, _ path: String...) -> JSON? {
    var current = json
    for key in path {
      guard case .object(let pairs) = current, let next = pairs.first(where: { $0.0 == key })
      else { return nil }
      current = next.1
    }
    return current
  }

  static func number(_ json: JSON?) -> Double? {
    if case .number(let x)? = json { return x }
    if case .integer(let n)? = json { return Double(n) }
    return nil
  }

  /// Runs `setup` then `diagnose NAME` on the fixture in a fresh shell; the diagnose reply.
  static func diagnose(_ name: String, after setup: String? = nil) throws -> Reply {
    var interpreter = Interpreter(files: MemoryFiles([name: try fixture(name)]))
    if let setup { #expect(interpreter.execute(setup).error == nil) }
    let outcome = interpreter.execute("diagnose \(name)")
    #expect(outcome.error == nil, "\(outcome.error?.message ?? "")")
    return try #require(outcome.replies.last)
  }

  @Test(arguments: ["pytorch_adam.csv", "optax_adam.csv", "numpy_adam.csv"])
  func eachSnippetsTraceGivesItsSettingsAndMatches(name: String) throws {
    let reply = try Self.diagnose(name)
    #expect(Self.number(Self.field(reply.json, "found", "eta")) == 0.01)
    #expect(Self.number(Self.field(reply.json, "found", "beta1")) == 0.8)
    #expect(Self.number(Self.field(reply.json, "found", "beta2")) == 0.99)
    #expect(Self.number(Self.field(reply.json, "found", "epsilon")) == 1e-6)
    #expect(Self.field(reply.json, "found", "method") == .string("exact"))
    #expect(Self.field(reply.json, "gap") == .null)
    #expect(reply.lines.last == "no difference: every row matches")
  }

  @Test(
    arguments: [
      ("pytorch_rmsprop.csv", nil, [("eta", 0.02), ("beta", 0.95), ("epsilon", 1e-6)]),
      (
        "pytorch_amsgrad.csv", nil,
        [("eta", 0.02), ("beta1", 0.85), ("beta2", 0.995), ("epsilon", 1e-7)]
      ),
      (
        "pytorch_adamw.csv", "use adamw",
        [("eta", 0.02), ("beta1", 0.85), ("beta2", 0.995), ("epsilon", 1e-7)]
      ),
      ("pytorch_adagrad.csv", nil, [("eta", 0.05), ("epsilon", 1e-7)]),
    ] as [(String, String?, [(String, Double)])])
  func otherPyTorchRulesAreRecoveredFromTheirStateNames(
    name: String, setup: String?, expected: [(String, Double)]
  ) throws {
    let reply = try Self.diagnose(name, after: setup)
    for (key, value) in expected {
      #expect(Self.number(Self.field(reply.json, "found", key)) == value, "\(name) \(key)")
    }
    #expect(Self.field(reply.json, "gap") == .null, "\(name)")
  }

  /// Keras's Adam is the ε-hat form: from the notes' convention that is the mistake named;
  /// from Keras's own convention there is no difference.
  @Test func kerasNamesAndItsEpsilonHatAreRecognised() throws {
    let lecture = try Self.diagnose("keras_adam.csv")
    #expect(Self.number(Self.field(lecture.json, "found", "eta")) == 0.02)
    #expect(Self.number(Self.field(lecture.json, "found", "beta2")) == 0.995)
    #expect(Self.number(Self.field(lecture.json, "found", "epsilon")) == 1e-6)
    #expect(
      Self.field(lecture.json, "explanation") == .string(Mistake.epsilonPlacement(.hat).description)
    )
    let keras = try Self.diagnose("keras_adam.csv", after: "use adam:keras")
    #expect(Self.field(keras.json, "gap") == .null)
  }

  @Test func adamWsWeightDecayIsMeasured() throws {
    let reply = try Self.diagnose("pytorch_adamw.csv", after: "use adamw")
    #expect(reply.lines.joined(separator: " ").contains("λ 0.1,"))
  }

  @Test func helpShowsEachSnippetAsCommitted() throws {
    let files = ["pytorch_adam.py", "optax_adam.py", "numpy_adam.py"]
    for ((_, lines), file) in zip(HelpText.diagnoseSnippets, files) {
      let committed = try Self.fixture(file).split(
        separator: "\n", omittingEmptySubsequences: false
      )
      .dropLast().map(String.init)
      #expect(lines.map { String($0.dropFirst(4)) } == committed, "\(file)")
      #expect(lines.count == 10, "\(file) is ten lines")
      #expect(lines.allSatisfy { $0.count <= 80 }, "\(file) fits 80 columns")
    }
    var interpreter = Interpreter(files: MemoryFiles())
    let help = interpreter.execute("help diagnose").replies[0].lines
    #expect(help.contains("    import torch; torch.set_default_dtype(torch.float64)"))
    #expect(help.contains { $0.contains("exp_avg_sq, max_exp_avg_sq") })
  }

  @Test func aRoundTripThroughAFileMatchesPerfectly() throws {
    let files = MemoryFiles()
    var interpreter = Interpreter(files: files)
    for line in [
      "set eta 0.03", "set beta1 0.85", "step 40",
      "history w b m_w m_b v_w v_b lr_b 0..40 every 1 to ref.csv",
    ] {
      #expect(interpreter.execute(line).error == nil, "\(line)")
    }
    let text = try #require(files.files["ref.csv"])
    #expect(text.hasPrefix("t,w,b,m_w,m_b,v_w,v_b,lr_b\n1,"))
    // Full precision: the file's numbers are the session's, bit for bit.
    let last = text.split(separator: "\n").last!.split(separator: ",")
    #expect(Double(String(last[2])) == interpreter.session.state.parameters[1])
    var fresh = Interpreter(files: files)
    let outcome = fresh.execute("diagnose ref.csv")
    let reply = try #require(outcome.replies.first)
    #expect(reply.lines.last == "no difference: every row matches")
    #expect(Self.number(Self.field(reply.json, "found", "eta")) == 0.03)
    #expect(Self.number(Self.field(reply.json, "found", "beta1")) == 0.85)
  }

  @Test func historyWritesJSONWithOneColumnPerNumber() throws {
    let files = MemoryFiles()
    var interpreter = Interpreter(files: files)
    #expect(interpreter.execute("load sparse n=20; step 3; history w b to s.json").error == nil)
    let text = try #require(files.files["s.json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [Double]])
    #expect(Set(object.keys) == ["t", "w[1]", "w[2]", "w[3]", "w[4]", "b"])
    #expect(object["t"] == [0, 1, 2, 3])
    // Shortest round-trip digits (Foundation's reader may round them differently).
    let b = interpreter.session.state.parameters.last!
    #expect(text.contains("\"b\": [0, ") && text.contains(", \(b)]"))
  }

  @Test func historyShowsTOnce() {
    var interpreter = Interpreter(files: MemoryFiles())
    let lines = interpreter.execute("step 3; history t epoch").replies[1].lines
    #expect(lines.first == "t  epoch")
  }

  @Test func historyRefusesATableItCannotHoldAndWritesNothing() {
    let files = MemoryFiles()
    var interpreter = Interpreter(files: files)
    _ = interpreter.execute("step 200000")
    let screen = interpreter.execute("history loss lr_b w b every 1")
    #expect(screen.error?.message.contains("would have 200000 rows; at most 100000") == true)
    let file = interpreter.execute("history loss every 1 to big.txt")
    #expect(file.error?.message.contains("expected a file ending in .csv or .json") == true)
    #expect(files.files.isEmpty)
  }

  @Test func anInterruptedHistoryWritesNothing() {
    let files = MemoryFiles()
    var interpreter = Interpreter(files: files)
    _ = interpreter.execute("step 5000")
    let outcome = interpreter.execute("history w every 1 to w.csv", isCancelled: { true })
    #expect(outcome.error?.message.hasPrefix("history interrupted at t=") == true)
    #expect(files.files.isEmpty)
  }

  @Test func diagnoseRefusesTracesItCannotReplayAndStopsWhenInterrupted() {
    let far = "t,w,b\n1,-1.9,-1.9\n999999999999,1,1\n"
    var interpreter = Interpreter(
      files: MemoryFiles(["far.csv": far, "long.csv": "t,w,b\n1,-1.9,-1.9\n5000000,1,1\n"]))
    let refused = interpreter.execute("diagnose far.csv")
    #expect(refused.error?.message.contains("reaches t=999999999999") == true)
    let clock = ContinuousClock()
    let start = clock.now
    let stopped = interpreter.execute("diagnose long.csv", isCancelled: { true })
    #expect(stopped.error?.message == "diagnose interrupted: nothing changed")
    #expect(clock.now - start < .seconds(1))
  }

  @Test func errorsQuoteOnlyAShortEscapedExcerptOfTheFile() {
    let secret = "root:$6$abcdefghijklmnopqrstuvwxyz0123456789:19000:0:99999:7:::\n"
    var interpreter = Interpreter(
      files: MemoryFiles([
        "shadow": secret, "bad.csv": "t,w\n1,\u{1b}[31mabcdefghijklmnopqrstuvwxyz\n",
      ]))
    let header = interpreter.execute("diagnose shadow").error?.message ?? ""
    #expect(header.contains("root:$6$abcdefgh…"))
    #expect(!header.contains("ijklmnop"))
    let field = interpreter.execute("diagnose bad.csv").error?.message ?? ""
    #expect(field.contains("\\u{1b}[31mabcdefghijk…"))
    #expect(!field.contains("\u{1b}"))
  }

  @Test func unknownColumnsGetADidYouMeanAndOneStepColumn() {
    var interpreter = Interpreter(
      files: MemoryFiles([
        "a.csv": "iter,w,b,mw\n1,1,1,1\n", "b.csv": "t,step,w\n1,1,1\n",
        "c.csv": "step,theta_w,exp_avg[2],exp_avg_sq_b,max_exp_avg_sq_1\n1,1,1,1,1\n",
      ]))
    let unknown = interpreter.execute("diagnose a.csv").error?.message ?? ""
    #expect(unknown.contains("unknown column 'mw'; did you mean"))
    #expect(unknown.contains("'m_w'"))
    let twice = interpreter.execute("diagnose b.csv").error?.message ?? ""
    #expect(twice.contains("expected one step column, found 't' and 'step'"))
    let library = try? Trace.parsingCSV(
      "step,theta_w,exp_avg[2],exp_avg_sq_b,max_exp_avg_sq_1\n1,1,1,1,1\n", name: "c.csv",
      dimension: 1)
    #expect(library?.columns.map(\.quantity) == [.w, .mB, .vB, .vmaxW])
    #expect(library?.impliedOptimizer == .amsgrad)
  }
}
