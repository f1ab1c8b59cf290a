import Optimization
import Testing

@testable import Shell

/// `schedule eta A … then at N B …` (SequentialLR with its milestones) through the
/// interpreter: the reply, `show schedule`, bad milestones, save and source.
@Suite struct SequentialShellTests {
  @Test func aChainWithMilestones() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = interpreter.execute("use adam:pytorch; set eta 0.1; set batch 1")
    let reply = interpreter.execute(
      "schedule eta StepLR step_size=4 gamma=0.5 then at 10 CosineAnnealingLR T_max=20 per update"
    ).replies[0]
    #expect(
      reply.lines == [
        "eta follows StepLR step_size=4 gamma=0.5 then at 10 CosineAnnealingLR T_max=20",
        "  per update",
        "from t=1: η = 0.1 at count 0",
      ])
    _ = interpreter.execute("step 10")
    #expect(
      interpreter.execute("show schedule").replies[0].lines == [
        "schedule  StepLR step_size=4 gamma=0.5 then at 10 CosineAnnealingLR T_max=20",
        "          pytorch, per update (SequentialLR, milestones 10), set at t=0",
        "base      eta = 0.1",
        "now       η = 0.025 at t=10 (count 9)",
        "next      η = 0.1 at t=11 (count 10)",
      ])
  }

  @Test(arguments: [
    (
      "schedule eta StepLR step_size=4 then at x ExponentialLR gamma=0.9",
      "expected a milestone (a whole number of counts from 1) after 'at', found 'x'"
    ),
    (
      "schedule eta StepLR step_size=4 then ExponentialLR gamma=0.9",
      "expected 'then at N' after StepLR (N: SequentialLR's milestone; only LinearLR's total_iters gives one)"
    ),
  ])
  func badMilestonesAreOneLineAndChangeNothing(_ line: String, _ message: String) throws {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = interpreter.execute("use adam:pytorch; step 3")
    let before = interpreter.session
    #expect(interpreter.execute(line).error?.message == message)
    #expect(interpreter.session == before)
  }

  @Test func saveAndSourceRebuildTheRunBitForBit() throws {
    let files = MemoryFiles()
    var interpreter = Interpreter(files: files)
    let script =
      "use adam:pytorch; set batch 1; step 3; schedule eta LinearLR start_factor=0.2 total_iters=5 then ExponentialLR gamma=0.9 then at 12 StepLR step_size=3 gamma=0.5 per update; step 20"
    #expect(interpreter.execute(script).error == nil)
    #expect(interpreter.execute("save s.txt").error == nil)
    var rebuilt = Interpreter(files: files)
    #expect(rebuilt.execute("source s.txt").error == nil, "\(files.files["s.txt"] ?? "")")
    #expect(rebuilt.session == interpreter.session, "\(files.files["s.txt"] ?? "")")
  }
}
