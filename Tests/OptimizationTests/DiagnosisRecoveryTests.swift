import Foundation
import Testing

@testable import Optimization

/// diagnose's first half: the settings of a trace's run, found from the trace alone, then the
/// mistake named, for deliberately wrong Adams written in plain Python at β₁ 0.8, β₂ 0.99,
/// η 0.01, ε 1e-6 (Fixtures/diagnose/mistakes.py), diagnosed from adalab's defaults.
@Suite struct DiagnosisRecoveryTests {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/diagnose")

  static func trace(_ name: String) throws -> Trace {
    let text = try String(
      contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    return try Trace.parsingCSV(text, name: name, dimension: 1)
  }

  static func fresh(_ optimizer: Optimizer = .adam) -> RunSetup {
    RunSetup(dataset: .toy, optimizer: optimizer, convention: .lecture)
  }

  @Test(arguments: [
    ("inside", Mistake.epsilonPlacement(.inside)),
    ("m-only", .correctionOfOneMomentOnly(first: true)),
    ("v-only", .correctionOfOneMomentOnly(first: false)),
    ("vhat-beta1", .secondMomentCorrectedWithBeta1),
    ("swapped", .betasSwapped),
    ("averaged", .gradientAveraged),
    ("old-moments", .stepBeforeMomentUpdate),
  ])
  func findsTheSettingsThenNamesTheMistake(name: String, mistake: Mistake) throws {
    let trace = try Self.trace("mistake-\(name).csv")
    let recovery = Recovery.recover(trace, setup: Self.fresh())
    let h = recovery.setup.hyperparameters
    #expect(recovery.method == .exact)
    #expect(h.learningRate == 0.01, "\(name)")
    #expect(h.beta1 == 0.8, "\(name)")
    #expect(h.beta2 == 0.99, "\(name)")
    #expect(h.epsilon == 1e-6, "\(name)")
    #expect(recovery.setup.training.batch == .full)
    #expect(recovery.setup.start == [-2, -2])
    #expect(recovery.rule == mistake, "\(name)")
    let diagnosis = try Diagnosis.diagnose(trace, setup: recovery.setup)
    #expect(diagnosis.explanation == mistake, "\(name)")
  }

  @Test(
    arguments: [("coupled", Mistake.weightDecayCoupled), ("decoupled", nil)] as [(String, Mistake?)]
  )
  func adamWsWeightDecayIsFoundCoupledOrNot(name: String, mistake: Mistake?) throws {
    let trace = try Self.trace("mistake-\(name).csv")
    let recovery = Recovery.recover(trace, setup: Self.fresh(.adamw))
    #expect(recovery.setup.hyperparameters.weightDecay == 0.05)
    #expect(recovery.setup.hyperparameters.learningRate == 0.01)
    let diagnosis = try Diagnosis.diagnose(trace, setup: recovery.setup)
    if let mistake {
      #expect(diagnosis.explanation == mistake)
    } else {
      #expect(diagnosis.gap == nil)
    }
  }

  /// From t = 5 every step is 1% too long: no known mistake, and the verdict says where.
  @Test func anUnknownMistakeIsLocatedNotGuessed() throws {
    let trace = try Self.trace("mistake-unknown.csv")
    let recovery = Recovery.recover(trace, setup: Self.fresh())
    #expect(recovery.setup.hyperparameters.learningRate == 0.01)
    #expect(recovery.setup.hyperparameters.epsilon == 1e-6)
    let diagnosis = try Diagnosis.diagnose(trace, setup: recovery.setup)
    let gap = try #require(diagnosis.gap)
    #expect(gap.t == 5)
    #expect(gap.column == "w")
    #expect(diagnosis.explanation == nil)
    let location = try #require(diagnosis.location)
    #expect(location.stage == .parameters)
    #expect(location.agreeing == ["m_w", "m_b", "v_w", "v_b"])
    #expect(location.parting == ["w", "b"])
  }

  /// Only w and b, at the conventions' decays: a grid finds η, ε and the placement.
  @Test func withOnlyParametersAGridFindsTheSettings() throws {
    let trace = try Self.trace("wb-inside.csv")
    let recovery = Recovery.recover(trace, setup: Self.fresh())
    guard case .grid(_, let fitting, _) = recovery.method else {
      Issue.record("expected a grid search, found \(recovery.method)")
      return
    }
    #expect(fitting == 1)
    #expect(recovery.setup.hyperparameters.learningRate == 0.003)
    #expect(recovery.setup.hyperparameters.epsilon == 1e-8)
    #expect(recovery.rule == .epsilonPlacement(.inside))
    let diagnosis = try Diagnosis.diagnose(trace, setup: recovery.setup)
    #expect(diagnosis.explanation == .epsilonPlacement(.inside))
  }

  /// The notes' listing updates once per point: the batch is found from the moments.
  @Test func theBatchIsFoundFromTheMoments() throws {
    let trace = try Trace.parsingCSV(
      DiagnosisTests.adamTrace(.none), name: "mine.csv", dimension: 1)
    let recovery = Recovery.recover(trace, setup: Self.fresh())
    #expect(recovery.setup.training.batch == .points(1))
    #expect(recovery.setup.hyperparameters.epsilon == 1e-10)
    #expect(try Diagnosis.diagnose(trace, setup: recovery.setup).gap == nil)
  }

  /// Counting from 0 divides by 1 − β⁰ = 0 at the first update: a trace of NaN from there,
  /// with m still right, which only that mistake reproduces.
  @Test func aStepCountFromZeroIsNamedFromItsNaNs() throws {
    let trace = try Trace.parsingCSV(
      "t,w,b,m_w,m_b\n1,nan,nan,-0.0005492319215639862,-0.0007711159215214424\n2,nan,nan,nan,nan",
      name: "zero.csv", dimension: 1)
    let diagnosis = try Diagnosis.diagnose(trace, setup: Self.fresh())
    #expect(diagnosis.gap?.t == 1)
    #expect(diagnosis.location?.agreeing == ["m_w", "m_b"])
    #expect(diagnosis.explanation == .stepCountFromZero)
  }

  @Test func roundingKeepsOnlyTheDigitsTheFitSupports() {
    #expect(Recovery.rounded(0.8999999999999997, within: 1e-13) == 0.9)
    #expect(Recovery.rounded(0.0010000000000000002, within: 1e-13) == 0.001)
    #expect(Recovery.rounded(0.123456789, within: 1e-13) == 0.123456789)
    #expect(Recovery.exact(1e-8) == "1e-8")
    #expect(Recovery.exact(-2) == "-2")
  }

  /// The t = 999999999999 trace of issue 16 is refused before any replay; an interrupt
  /// stops a long one.
  @Test func longReplaysAreRefusedOrInterrupted() throws {
    let far = try Trace.parsingCSV("t,w,b\n1,-1.9,-1.9\n999999999999,1,1", name: "f", dimension: 1)
    #expect(throws: Diagnosis.Stop.tooFar(999_999_999_999)) {
      try Diagnosis.diagnose(far, setup: Self.fresh())
    }
    let long = try Trace.parsingCSV("t,w,b\n1,-1.9,-1.9\n5000000,1,1", name: "l", dimension: 1)
    var polls = 0
    #expect(throws: Diagnosis.Stop.interrupted) {
      try Diagnosis.diagnose(long, setup: Self.fresh(), tolerance: 1) {
        polls += 1
        return polls > 3
      }
    }
  }
}
