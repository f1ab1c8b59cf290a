import Optimization
import Testing

@testable import Shell

/// Every command's error path: one clear line, and the session exactly as it was.
@Suite struct ErrorPathTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var before: [String]
    var line: String
    var message: String
    var testDescription: String { line }
  }

  static let cases: [Case] = [
    // Unknown names, with the nearest valid one.
    Case(before: [], line: "stpe 3", message: "unknown command 'stpe' (did you mean 'step'?)"),
    Case(
      before: [], line: "set beat2 0.9", message: "unknown setting 'beat2' (did you mean 'beta2'?)"),
    Case(before: [], line: "use adamm", message: "unknown optimizer 'adamm' (did you mean"),
    Case(before: [], line: "convention pytroch", message: "(did you mean 'pytorch'?)"),
    Case(before: [], line: "show v_bb", message: "(did you mean 'v_b'?)"),
    // Missing, extra and mistyped arguments.
    Case(before: [], line: "set", message: "expected"),
    Case(before: [], line: "set beta2", message: "expected"),
    Case(before: [], line: "step ten", message: "expected a whole number"),
    Case(before: [], line: "step 0", message: "0"),
    Case(before: [], line: "step -3", message: "-3"),
    Case(before: [], line: "step 2.5", message: "2.5"),
    Case(before: [], line: "step 3 4", message: "4"),
    Case(before: [], line: "init", message: "expected"),
    Case(before: [], line: "compare adam", message: "at least two"),
    // Out-of-range values, with the range.
    Case(before: [], line: "set beta2 1", message: "beta2 must be in [0, 1), found '1'"),
    Case(before: [], line: "set beta1 -0.1", message: "beta1 must be in [0, 1)"),
    Case(before: [], line: "set eps 0", message: "epsilon must be a number > 0, found 0"),
    Case(before: [], line: "set eps -1e-8", message: "epsilon must be a number > 0"),
    Case(before: [], line: "set eta 0", message: "eta must be a number > 0"),
    Case(before: [], line: "set eta inf", message: "eta must be a number > 0, found 'inf'"),
    Case(before: [], line: "set eta nan", message: "eta must be a number > 0, found 'nan'"),
    Case(before: [], line: "set eta 1e400", message: "1e400"),
    Case(before: [], line: "set batch 0", message: "batch must be 'full' or a whole number"),
    Case(before: [], line: "set batch 1.5", message: "batch must be 'full' or a whole number"),
    Case(
      before: [], line: "set eps_placement max",
      message: "eps_placement must be one of outside, inside, hat for adam"),
    Case(before: [], line: "set seed -1", message: "seed must be a whole number"),
    Case(
      before: [], line: "init w=1,2 b=0",
      message: "w needs 1 value (one per feature of toy), found 2"),
    Case(before: [], line: "load sparse density=2", message: "density must be in [0, 1]"),
    // Names that exist, but not here.
    Case(before: [], line: "set beta 0.9", message: "adam has no setting 'beta'"),
    Case(
      before: ["use adadelta"], line: "set eta 0.1",
      message: "the notes' adadelta has no learning rate"),
    Case(before: ["use gd"], line: "show v_b", message: "gd keeps no v_b"),
    Case(before: [], line: "show lr_w", message: "there is none yet (t=0)"),
    Case(before: ["step"], line: "show w[2]", message: "w has 1 entry (1...1), found index 2"),
    Case(before: ["step 5"], line: "run until v_w[3] < 1", message: "out of range"),
    Case(before: [], line: "preset do_sgd", message: "do_sgd"),
    // Files.
    Case(before: [], line: "load missing.csv", message: "no file 'missing.csv'"),
    Case(before: [], line: "source missing.txt", message: "no file 'missing.txt'"),
    Case(before: [], line: "load ragged.csv", message: "ragged.csv:3: expected 2 fields, found 3"),
    Case(
      before: [], line: "load words.csv",
      message: "words.csv:2: column 1 ('x'): expected a finite number, found 'abc'"),
    Case(
      before: [], line: "load empty.csv",
      message: "empty.csv: expected a header row of column names"),
    Case(before: [], line: "load header.csv", message: "expected at least one row of data"),
    Case(
      before: [], line: "load points.csv target=z",
      message: "no column named 'z' (columns: 'x', 'y')"),
    Case(before: [], line: "source bad.txt", message: "bad.txt:2: unknown setting 'beat2'"),
  ]

  static let files = [
    "ragged.csv": "x,y\n1,0.5\n2,0.1,7\n",
    "words.csv": "x,y\nabc,0.5\n",
    "empty.csv": "",
    "header.csv": "x,y\n",
    "points.csv": "x,y\n1,0.5\n",
    "bad.txt": "step 2\nset beat2 0.9\nstep 5\n",
  ]

  @Test(arguments: cases)
  func failsCleanly(_ c: Case) {
    var interpreter = Interpreter(files: MemoryFiles(Self.files))
    for line in c.before {
      #expect(interpreter.execute(line).error == nil, "setup line \(line)")
    }
    let session = interpreter.session
    let prompt = interpreter.prompt
    let record = interpreter.record
    let outcome = interpreter.execute(c.line)
    let error = outcome.error
    #expect(error != nil, "no error for \(c.line)")
    #expect(error?.message.contains(c.message) == true, "\(error?.message ?? "no error")")
    #expect(error?.message.contains("\n") == false, "one line")
    if c.line.hasPrefix("source") {
      // A script's commands before its error have run, as in a shell; the rest have not.
      return
    }
    #expect(outcome.replies.isEmpty)
    #expect(interpreter.session == session, "session changed by a failed '\(c.line)'")
    #expect(interpreter.prompt == prompt)
    #expect(interpreter.record == record)
  }

  /// A failed command in the middle of a line: the ones before it ran, the rest did not.
  @Test func aLineStopsAtItsFirstError() {
    var interpreter = Interpreter(files: MemoryFiles())
    let outcome = interpreter.execute("step 2; set beta2 7; step 5")
    #expect(outcome.replies.count == 1)
    #expect(outcome.error?.message == "beta2 must be in [0, 1), found '7'")
    #expect(interpreter.session.t == 2)
  }
}

/// Typed control characters never reach the terminal raw through an error message.
@Suite struct ControlCharacterTests {
  @Test(arguments: ["\u{1b}[31mred", "st\u{0}ep", "show \u{7}", "set eta \u{1b}]0;title\u{7}"])
  func errorsShowEscapesNotControlCharacters(_ line: String) {
    var interpreter = Interpreter(files: MemoryFiles())
    let outcome = interpreter.execute(line)
    let message = outcome.error?.message ?? ""
    #expect(!message.isEmpty)
    #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f })
  }
}

/// Lines no one types on purpose: huge, or not UTF-8 (decoded with replacement characters,
/// as the terminal and the pipe readers do).
@Suite struct HostileLineTests {
  @Test func aMegabyteLineIsRefusedQuickly() {
    var interpreter = Interpreter(files: MemoryFiles())
    let before = interpreter.session
    let outcome = interpreter.execute(String(repeating: "step ", count: 200_000))
    #expect(outcome.error != nil)
    #expect(interpreter.session == before)
  }

  @Test func invalidUTF8IsAnUnknownCommand() {
    var interpreter = Interpreter(files: MemoryFiles())
    let line = String(decoding: [0xff, 0xfe, 0x73, 0x74, 0x65, 0x70] as [UInt8], as: UTF8.self)
    let outcome = interpreter.execute(line)
    #expect(outcome.error?.message.hasPrefix("unknown command") == true)
    #expect(interpreter.session.t == 0)
  }
}
