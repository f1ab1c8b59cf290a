import Optimization
import Testing

@testable import Shell

/// `compare`, `sweep` and `diagnose` run from t = 0 under the setup in force now; once the
/// run has changed course their reply says that its changes are not replayed.
@Suite struct FromTheStartTests {
  func run(_ lines: String...) -> Interpreter {
    var interpreter = Interpreter(files: MemoryFiles())
    for line in lines { #expect(interpreter.execute(line).error == nil, "\(line)") }
    return interpreter
  }

  static let note = "(from t=0 with the setup in force now; this run's 2 changes are not replayed)"

  @Test func compareAndSweepSayTheChangesAreNotReplayed() {
    var changed = run("step 10", "set eta 0.05", "step 5", "use gd from here", "step 2")
    let compare = changed.execute("compare adam gd steps 20").replies[0]
    #expect(compare.lines[1] == Self.note)
    #expect(Self.note.count <= 80)
    guard case .object(let pairs) = compare.json else {
      Issue.record("compare --json is not an object")
      return
    }
    #expect(pairs.last! == ("changes_not_replayed", .integer(2)))
    // The rows are the runs from t=0 under the setup in force now (gd at η = 0.1).
    var fresh = run("use gd")
    let fromStart = fresh.execute("compare adam gd steps 20").replies[0]
    #expect(Array(compare.lines.dropFirst(2)) == Array(fromStart.lines.dropFirst(1)))
    #expect(!fromStart.lines.contains(Self.note))
    let sweep = changed.execute("sweep eta 0.01..0.1 3 steps 20").replies[0]
    #expect(sweep.lines[1] == Self.note)
    let one = run("step 3", "set eta 0.05")
    var single = one
    #expect(
      single.execute("sweep eta 0.01..0.1 3 steps 5").replies[0].lines[1]
        == "(from t=0 with the setup in force now; this run's 1 change is not replayed)")
  }
}
