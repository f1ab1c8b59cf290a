import Optimization
import Testing

@testable import Shell

@Suite struct InterpreterTests {
  func run(_ lines: String..., files: MemoryFiles = MemoryFiles()) -> Interpreter {
    var interpreter = Interpreter(files: files)
    for line in lines { #expect(interpreter.execute(line).error == nil, "\(line)") }
    return interpreter
  }

  @Test func showPrintsTheEnginesValues() throws {
    var interpreter = run("use rmsprop:keras", "step 3")
    let reply = interpreter.execute("show v_b lr_w").replies[0]
    let v = try #require(interpreter.session.value(of: .vB).scalar)
    let rates = try #require(interpreter.session.value(of: .lrW).vector)
    #expect(reply.lines == ["v_b = \(NumberFormat.text(v))", "lr_w = \(NumberFormat.text(rates))"])
    #expect(reply.json == .object([("v_b", .number(v)), ("lr_w", .array(rates.map(JSON.number)))]))
  }

  @Test func useTakesTheConventionsDefaultsAndThePromptSaysSo() {
    let interpreter = run("use adam:keras")
    #expect(interpreter.prompt == "adam:keras t=0> ")
    #expect(interpreter.session.setup.hyperparameters.epsilonPlacement == .hat)
    #expect(interpreter.session.setup.hyperparameters.epsilon == 1e-7)
  }

  @Test func setWithRestartRestartsTheRunAndSaysSo() {
    var interpreter = run("step 5")
    let outcome = interpreter.execute("set beta2 0.99 restart")
    #expect(outcome.replies[0].lines == ["beta2 = 0.99 (restarted at t=0)"])
    #expect(interpreter.session.t == 0)
  }

  @Test func compareLeavesTheSessionAndMatchesIndependentRuns() throws {
    var interpreter = run("step 4")
    let before = interpreter.session
    let reply = interpreter.execute("compare adagrad adam:pytorch steps 20").replies[0]
    #expect(interpreter.session == before)
    var adagrad = Session(
      setup: RunSetup(dataset: .toy, optimizer: .adagrad, convention: .lecture))
    _ = adagrad.step(20)
    #expect(
      reply.lines.contains {
        $0.hasPrefix("adagrad") && $0.contains(NumberFormat.text(adagrad.loss))
      })
  }

  @Test func saveAndSourceRebuildTheSessionBitForBit() {
    let files = MemoryFiles()
    var interpreter = run(
      "load sparse n=30 density=0.1 seed=5", "use nadam:pytorch", "set batch 4",
      "set shuffle on", "set seed 3", "init w=0.1,0.2,0.3,0.4 b=-0.1", "step 17", "save s.txt",
      files: files)
    var rebuilt = Interpreter(files: files)
    #expect(rebuilt.execute("source s.txt").error == nil)
    #expect(rebuilt.session == interpreter.session)
    _ = interpreter.execute("step 1")
  }

  @Test func runUntilStopsAtTheFirstUpdateWhereTheConditionHolds() {
    var interpreter = run("run until loss < 0.3 max 1000")
    let t = interpreter.session.t
    #expect(interpreter.session.loss < 0.3)
    #expect(interpreter.session.state(at: t - 1).parameters != interpreter.session.state.parameters)
    var previous = interpreter.session
    previous.rewind(to: t - 1)
    #expect(previous.loss >= 0.3)
    #expect(
      interpreter.execute("run until loss < 0.3").replies[0].lines[0].hasPrefix("already true"))
  }
}

@Suite struct RecordTests {
  /// `export` writes each command once: a sourced file's commands appear one by one.
  @Test func sourcedCommandsAreRecordedOnce() {
    var interpreter = Interpreter(files: MemoryFiles(["s.txt": "step 2\nshow t\n"]))
    _ = interpreter.execute("source s.txt; show b")
    #expect(interpreter.record.map(\.text) == ["step 2", "show t", "show b"])
  }
}
