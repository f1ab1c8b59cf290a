import Optimization
import Testing

@testable import Shell

/// Runs lines on a fresh interpreter and returns every printed line, errors as `error: ...`.
func transcript(_ lines: [String], files: MemoryFiles = MemoryFiles()) -> [String] {
  var interpreter = Interpreter(files: files)
  var out: [String] = []
  for line in lines {
    out.append(interpreter.prompt + line)
    let outcome = interpreter.execute(line)
    out += outcome.replies.flatMap(\.lines)
    if let error = outcome.error { out.append("error: \(error.message)") }
  }
  return out
}

@Suite struct InterpreterTests {
  @Test func tour() {
    let out = transcript([
      "show state", "step 3", "show v_b lr_b", "use adagrad", "set eps 1e-8", "step",
      "show settings", "compare adagrad rmsprop adam steps 10", "help step", "set beat2 1",
      "set beta2 1.5", "use rmsprop; set beta 0.9; step 3; show v_b",
      "run until loss < 0.3 max 100000",
      "preset do_adam_sgd", "epoch 50", "show w b", "show convention",
    ])
    print(out.joined(separator: "\n"))
    #expect(!out.isEmpty)
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
