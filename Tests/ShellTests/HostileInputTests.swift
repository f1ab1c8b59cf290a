import Foundation
import Synchronization
import Testing

@testable import Optimization
@testable import Shell

/// Issue 16's wrong outputs and poor messages, through the interpreter.
@Suite struct HostileInputTests {
  static func run(_ line: String, files: [String: String] = [:]) -> Interpreter.Outcome {
    var interpreter = Interpreter(files: MemoryFiles(files))
    return interpreter.execute(line)
  }

  /// Once `loss = inf` after three "completed" updates.
  @Test func aNonFiniteLossIsDivergence() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    // Wide enough that the reply is one line (80 columns would wrap it).
    interpreter.screen = Screen(width: 200)
    let outcome = interpreter.execute("set loss cross_entropy; init w=1e308 b=0; step 3")
    #expect(outcome.error == nil)
    #expect(
      outcome.replies.last?.lines.first
        == "diverged: update t=1 would make loss non-finite, so it was not taken (η too large or extreme data)"
    )
    #expect(interpreter.session.t == 0)
    let pairs = try #require(outcome.replies.last?.json.objectPairs)
    #expect(pairs.first { $0.0 == "outcome" }?.1 == .string("diverged"))
  }

  @Test func crossEntropyNeedsTargetsInZeroOne() {
    let files = ["t.csv": "x,y\n1,0.5\n2,2.5\n"]
    #expect(
      Self.run("load t.csv; set loss cross_entropy", files: files).error?.message
        == "cross_entropy needs targets in [0, 1], found y = 2.5 at point 2 of t.csv")
    #expect(
      Self.run("set loss cross_entropy; load t.csv", files: files).error?.message
        == "cross_entropy needs targets in [0, 1], found y = 2.5 at point 2 of t.csv (set loss squared first)"
    )
  }

  @Test(arguments: [
    ("a,b\n1\u{0},2\n3,4\n", "d.csv:2: expected text, found a NUL byte (\\0)"),
    (
      "a,b\n\"1,2\n3,4\n",
      "d.csv:2: expected a closing \" for the quote opened here, found the end of the file"
    ),
    (
      "a,a,b\n1,2,3\n",
      "d.csv:1: column 2 repeats the name 'a' of column 1; expected different names"
    ),
    ("a,,b\n1,2,3\n", "d.csv:1: column 2 has no name; expected a column name"),
  ])
  func brokenCSVSaysWhereAndWhat(csv: String, message: String) {
    #expect(Self.run("load d.csv", files: ["d.csv": csv]).error?.message == message)
  }

  /// Once echoed whole: 1.4 GB of error for a 20 MB field (2 MB here, which shows it as well).
  @Test func aHugeFieldIsQuotedShort() throws {
    let field = String(repeating: "z", count: 2_000_000)
    let message = try #require(
      Self.run("load d.csv", files: ["d.csv": "a,b\n1,2\n\(field),3\n"]).error?.message)
    #expect(message.count < 200)
    #expect(message.hasPrefix("d.csv:3: column 1 ('a'): expected a finite number, found 'zzz"))
    #expect(message.hasSuffix("… (2000000 bytes)'"))
  }

  @Test func escapesInNamesNeverReachTheTerminal() throws {
    let files = ["\u{1b}[31mred\u{7}.csv": "x\u{1b}]0;t\u{7},y\n1,0.5\n"]
    var interpreter = Interpreter(files: MemoryFiles(files))
    let outcome = interpreter.execute("load \"\u{1b}[31mred\u{7}.csv\"; save \"\u{1b}x.txt\"")
    #expect(outcome.error == nil)
    for line in outcome.replies.flatMap(\.lines) {
      #expect(!line.unicodeScalars.contains { $0.value < 0x20 }, "\(line.debugDescription)")
    }
    #expect(outcome.replies[0].lines[0].hasPrefix("loaded \\e[31mred\\u{7}.csv: 1 point"))
  }

  @Test func windowsLineEndingsAreLines() {
    let transcript = Transcript(parsing: "step 2\r\nshow t\r\n")
    #expect(transcript.commands.map(\.command) == ["step 2", "show t"])
    var interpreter = Interpreter(files: MemoryFiles(["s.txt": "# crlf\r\nstep 2\r\nshow t\r\n"]))
    #expect(interpreter.execute("source s.txt").replies.last?.lines.last == "t = 2")
  }

  @Test func showAllHasEachKeyOnce() throws {
    let pairs = try #require(Self.run("show all w w").replies.first?.json.objectPairs)
    #expect(Set(pairs.map(\.0)).count == pairs.count)
    #expect(pairs.contains { $0.0 == "loss_function" && $0.1 == .string("squared") })
  }

  @Test func sizesThatCannotFitAreRefusedUpFront() {
    #expect(
      Self.run("sweep eta 0.01..1 1e12").error?.message
        == "sweep tries at most 10000 values, found 1000000000000 (their runs would need at least 384 TB)"
    )
    var interpreter = Interpreter(files: MemoryFiles())
    interpreter.memoryAvailable = { 6e9 }
    #expect(
      interpreter.execute("load sparse n=100000000").error?.message
        == "load sparse n=100000000 needs about 6.8 GB of memory, more than the 6 GB this process may still use"
    )
  }

  /// An interrupted `compare … at T` says so, instead of "diverged".
  @Test func anInterruptedCompareIsNotLabelledDiverged() {
    var interpreter = Interpreter(files: MemoryFiles())
    // The runs poll from several threads at once: the interrupt comes once both have
    // polled a few times (or, should they run one after the other, after many polls).
    let polls = Mutex([pthread_t: Int]())
    let outcome = interpreter.execute(
      "compare adam rmsprop steps 1000000000000 at 1,1000000000000",
      isCancelled: {
        polls.withLock { counts in
          counts[pthread_self(), default: 0] += 1
          let total = counts.values.reduce(0, +)
          return (counts.count >= 2 && counts.values.allSatisfy { $0 > 3 }) || total > 4000
        }
      })
    let text = outcome.replies.flatMap(\.lines).joined(separator: "\n")
    #expect(text.contains("(interrupted at t="), "\(text) \(String(describing: outcome.error))")
    #expect(!text.contains("diverged"), "\(text)")
  }

  /// A Ctrl-C stops the line: the commands after the interrupted one do not run.
  @Test func anInterruptStopsTheRestOfTheLine() {
    var interpreter = Interpreter(files: MemoryFiles())
    var polls = 0
    let outcome = interpreter.execute(
      "step 1000000000; step 5",
      isCancelled: {
        polls += 1
        return polls > 2
      })
    #expect(outcome.interrupted)
    #expect(outcome.replies.count == 1)
  }
}
