import Optimization
import Testing

@testable import Shell

/// Momentum and NAG under PyTorch and optax take a schedule (they were refused while adalab
/// kept the notes' velocity there), and `explain` shows the library's buffer.
@Suite struct MomentumBufferShellTests {
  @Test(arguments: ["momentum:pytorch", "nag:pytorch", "momentum:optax", "nag:optax"])
  func aScheduleIsTakenAndUseKeepsIt(_ spec: String) throws {
    var interpreter = Interpreter(files: MemoryFiles())
    let schedule =
      spec.hasSuffix("optax")
      ? "schedule eta exponential_decay transition_steps=2 decay_rate=0.5"
      : "schedule eta StepLR step_size=2 gamma=0.5 per update"
    let result = interpreter.execute("use \(spec); set eta 0.1; \(schedule); step 5")
    #expect(result.error == nil, "\(spec): \(String(describing: result.error))")
    #expect(interpreter.session.t == 5)
    #expect(interpreter.session.state.learningRate == 0.025)
    // `use` with a schedule on keeps it for the other form too.
    let other = spec.hasPrefix("momentum") ? "nag" : "momentum"
    let convention = spec.split(separator: ":")[1]
    #expect(interpreter.execute("use \(other):\(convention)").error == nil)
    #expect(interpreter.session.setup.schedule != nil)
  }

  /// At t=3 StepLR has halved η once (0.05); the buffer 0.9·(−0.010442) + dw ≈ −0.0149 is
  /// in gradient units, and w moves by η times it.
  @Test func explainShowsTheBufferAndTheStep() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = interpreter.execute(
      "use momentum:pytorch; set eta 0.1; schedule eta StepLR step_size=2 gamma=0.5 per update; step 3"
    )
    #expect(
      interpreter.execute("explain w").replies[0].lines == [
        "update t=3 of momentum (pytorch); on the right, the values before the update",
        "ηₜ = 0.05 (scheduled)",
        "w = w − η·u_w = -1.99841 − 0.05·(-0.0149092) = -1.99766",
      ])
    #expect(
      interpreter.execute("explain u_w").replies[0].lines.last
        == "u_w = β·u_w + dw = 0.9·(-0.010442) + (-0.00551142) = -0.0149092")
  }
}
