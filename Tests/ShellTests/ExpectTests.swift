import Optimization
import Testing

@testable import Shell

/// `expect CONDITION`: silent when the claim holds, one error naming both sides when not, and a
/// replayed lesson fails at the first claim its numbers no longer support.
@Suite struct ExpectTests {
  @Test func aTrueClaimPrintsNothing() {
    var interpreter = Interpreter(files: MemoryFiles())
    let outcome = interpreter.execute("step 3; expect lr_b > 11 and lr_b < 12; expect t == 3")
    #expect(outcome.error == nil)
    #expect(outcome.replies.count == 3)
    #expect(outcome.replies[1].lines.isEmpty && outcome.replies[2].lines.isEmpty)
  }

  @Test func aFalseClaimNamesTheClaimAndTheEnginesValues() {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = interpreter.execute("step 3")
    let before = interpreter.session.state
    let lrB = NumberFormat.text(interpreter.session.value(of: .lrB).scalar)
    let loss = NumberFormat.text(interpreter.session.value(of: .loss).scalar)
    let outcome = interpreter.execute("expect lr_b < 5 or loss < 1e-3")
    #expect(
      outcome.error?.message
        == "expected (lr_b < 5 or loss < 0.001), found lr_b = \(lrB) and loss = \(loss)")
    #expect(lrB == "11.4366")
    #expect(interpreter.session.state == before)
    #expect(
      interpreter.execute("expect 1 > 2").error?.message == "expected 1 > 2, found it false")
  }

  @Test func perFeatureClaimsNeedAnIndexAndALastUpdate() {
    var interpreter = Interpreter(files: MemoryFiles())
    _ = interpreter.execute("load sparse n=50 seed=1; use adagrad")
    #expect(interpreter.execute("expect lr_w > 0").error?.message.contains("pick one") == true)
    #expect(interpreter.execute("expect lr_w[2] > 0").error?.message.contains("t=0") == true)
    _ = interpreter.execute("step 10")
    let rates = interpreter.session.value(of: .lrW).vector
    let line = "expect lr_w[2] < lr_w[1]"
    let error = interpreter.execute(line).error?.message
    if rates[1] < rates[0] {
      #expect(error == nil)
    } else {
      #expect(
        error
          == "expected lr_w[2] < lr_w[1], found lr_w[2] = \(NumberFormat.text(rates[1]))"
          + " and lr_w[1] = \(NumberFormat.text(rates[0]))")
    }
  }

  /// Arithmetic in conditions: the issue's `abs(lr_b - 0.72) < 0.01`, precedence, parentheses
  /// that group a condition or an expression, and a clear error for a glued operator.
  @Test func conditionsDoArithmetic() throws {
    let lr = Operand.quantity(QuantityRef(quantity: .lrB))
    #expect(
      try Command.parseLine("expect abs(lr_b - 0.72) < 0.01")
        == [
          .expect(
            .compare(.function("abs", .arithmetic(lr, .minus, .number(0.72))), .less, .number(0.01))
          )
        ])
    #expect(
      try Command.parseLine("watch 1 + 2 * lr_b > 3")
        == [
          .watch(
            .compare(
              .arithmetic(.number(1), .plus, .arithmetic(.number(2), .times, lr)), .greater,
              .number(3)))
        ])
    #expect(
      try Command.parseLine("run until (lr_b - 1) / 2 < 0 or (t > 3)")
        == [
          .runUntil(
            .or(
              .compare(
                .arithmetic(.arithmetic(lr, .minus, .number(1)), .dividedBy, .number(2)), .less,
                .number(0)), .compare(.quantity(QuantityRef(quantity: .t)), .greater, .number(3))),
            max: nil)
        ])
    #expect(throws: ParseError.self) { try Command.parseLine("expect lr_b-1 > 0") }
    var interpreter = Interpreter(files: MemoryFiles())
    _ = interpreter.execute("step")
    // At t=1, m_hat_b = m_b/(1 - 0.9) = db exactly, and v_b = 0.001·db² to rounding.
    #expect(interpreter.execute("expect m_hat_b == m_b / (1 - 0.9)").error == nil)
    #expect(interpreter.execute("expect abs(v_b - 0.001 * db * db) < 1e-20").error == nil)
    #expect(interpreter.execute("expect abs(lr_b - 12.9682) < 1e-4 and - lr_b < 0").error == nil)
    #expect(
      interpreter.execute("expect abs(lr_b - 0.72) < 0.01").error?.message
        == "expected abs(lr_b - 0.72) < 0.01, found lr_b = 12.9682")
    #expect(
      ConditionEvaluator.describe(
        .compare(
          .arithmetic(.number(1), .minus, .arithmetic(.number(2), .minus, lr)), .less, .number(0)))
        == "1 - (2 - lr_b) < 0")
    // A watch with arithmetic stops where it turns true, as run until does.
    _ = interpreter.execute("reset; watch sqrt(v_b) * 1000 > 2")
    _ = interpreter.execute("step 100")
    let t = interpreter.session.t
    var plain = Interpreter(files: MemoryFiles())
    _ = plain.execute("run until sqrt(v_b) * 1000 > 2")
    #expect(t == plain.session.t && t > 1 && t < 100)
  }

  @Test func aLessonWhoseClaimTurnsFalseFailsItsReplay() {
    let lesson = """
      adam t=0> step 3
      t=3  loss=0.410795  w=[-1.69988]  b=-1.69951
      adam t=3> expect lr_b > 5
      adam t=3> expect lr_b < 5

      """
    var interpreter = Interpreter(files: MemoryFiles())
    let replay = TranscriptReplay(
      Transcript(parsing: lesson), file: "lesson.txt", interpreter: &interpreter)
    #expect(!replay.matches)
    #expect(replay.mismatchedLines == [4])
  }
}

extension QuantityValue {
  fileprivate var scalar: Double {
    if case .scalar(let x) = self { return x }
    return .nan
  }
  fileprivate var vector: [Double] {
    if case .vector(let xs) = self { return xs }
    return []
  }
}
