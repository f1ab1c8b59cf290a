import Foundation
import Testing

@testable import Optimization

/// `diagnose` must name the mistake in traces written by deliberately wrong implementations.
/// Each implementation below is written the way a student writes the notes' listings, not
/// with adalab's rules, and rounds differently here and there (`(1 − β)·(g·g)`), as real
/// code does.
@Suite struct DiagnosisTests {
  enum Bug: CaseIterable {
    case none, epsilonInside, noBiasCorrection, epochPower, noDampingInV, noDampingInM
    case accumulated, kerasHat
  }

  /// The notes' `do_adam_sgd` shape on the toy set, from w = b = −2, with one bug.
  static func adamTrace(_ bug: Bug, epochs: Int = 15) -> String {
    let xs = [0.5, 2.5]
    let ys = [0.2, 0.9]
    var (w, b) = (-2.0, -2.0)
    let (eta, beta1, beta2, eps) = (0.1, 0.9, 0.999, 1e-10)
    var (mw, mb, vw, vb) = (0.0, 0.0, 0.0, 0.0)
    var t = 0
    var lines = ["t,w,b,m_w,m_b,v_w,v_b"]
    for i in 0..<epochs {
      var (dw, db) = (0.0, 0.0)
      for (x, y) in zip(xs, ys) {
        let f = 1 / (1 + exp(-(w * x + b)))
        let (gw, gb) = ((f - y) * f * (1 - f) * x, (f - y) * f * (1 - f))
        if bug == .accumulated {
          dw += gw
          db += gb
        } else {
          (dw, db) = (gw, gb)
        }
        t += 1
        let firstShare = bug == .noDampingInM ? 1 : 1 - beta1
        let secondShare = bug == .noDampingInV ? 1 : 1 - beta2
        mw = beta1 * mw + firstShare * dw
        mb = beta1 * mb + firstShare * db
        vw = beta2 * vw + secondShare * (dw * dw)
        vb = beta2 * vb + secondShare * (db * db)
        let power = Double(bug == .epochPower ? i + 1 : t)
        let c1 = bug == .noBiasCorrection ? 1 : 1 - pow(beta1, power)
        let c2 = bug == .noBiasCorrection ? 1 : 1 - pow(beta2, power)
        switch bug {
        case .epsilonInside:
          w -= eta * (mw / c1) / (vw / c2 + eps).squareRoot()
          b -= eta * (mb / c1) / (vb / c2 + eps).squareRoot()
        case .kerasHat:
          let alpha = eta * c2.squareRoot() / c1
          w -= alpha * mw / (vw.squareRoot() + eps)
          b -= alpha * mb / (vb.squareRoot() + eps)
        default:
          w -= eta * (mw / c1) / ((vw / c2).squareRoot() + eps)
          b -= eta * (mb / c1) / ((vb / c2).squareRoot() + eps)
        }
        lines.append([Double(t), w, b, mw, mb, vw, vb].map { "\($0)" }.joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n").replacingOccurrences(of: ".0,", with: ",")
  }

  static var adamSetup: RunSetup {
    var training = TrainingSetup()
    training.batch = .points(1)
    return RunSetup(dataset: .toy, optimizer: .adam, convention: .lecture, training: training)
  }

  @Test(arguments: [
    (Bug.epsilonInside, Mistake.epsilonPlacement(.inside)),
    (.noBiasCorrection, .biasCorrectionMissing),
    (.epochPower, .biasPower(.epoch)),
    (.noDampingInV, .dampingMissing(firstMoment: false, secondMoment: true)),
    (.noDampingInM, .dampingMissing(firstMoment: true, secondMoment: false)),
    (.accumulated, .gradientsAccumulated),
    (.kerasHat, .epsilonPlacement(.hat)),
  ])
  func namesTheMistakeInAWrongAdam(bug: Bug, expected: Mistake) throws {
    let trace = try Trace.parsingCSV(Self.adamTrace(bug), name: "mine.csv", dimension: 1)
    let diagnosis = try Diagnosis.diagnose(trace, setup: Self.adamSetup)
    let gap = try #require(diagnosis.gap)
    #expect(diagnosis.explanation == expected, "\(bug): parts at t=\(gap.t) \(gap.column)")
  }

  @Test func aCorrectAdamHasNoGap() throws {
    let trace = try Trace.parsingCSV(Self.adamTrace(.none), name: "mine.csv", dimension: 1)
    #expect(trace.precision == 1e-9)
    let diagnosis = try Diagnosis.diagnose(trace, setup: Self.adamSetup)
    #expect(diagnosis.gap == nil)
  }

  @Test func theFirstGapIsTheFirstRowAndColumnThatDiffer() throws {
    let trace = try Trace.parsingCSV(Self.adamTrace(.noDampingInV), name: "m.csv", dimension: 1)
    let gap = try #require(try Diagnosis.diagnose(trace, setup: Self.adamSetup).gap)
    // v is the first thing the bug touches: at t = 1, v_w = dw² instead of 0.001·dw².
    #expect(gap.t == 1)
    #expect(gap.column == "v_w")
    #expect(abs(gap.theirs / gap.ours! - 1000) < 1e-9)
  }

  /// The notes' `do_rmsprop` with ε inside the root, or without (1 − β): a different
  /// optimizer, the same search.
  @Test(arguments: [
    (true, Mistake.epsilonPlacement(.inside)),
    (false, Mistake.dampingMissing(firstMoment: false, secondMoment: true)),
  ])
  func namesTheMistakeInAWrongRMSProp(inside: Bool, expected: Mistake) throws {
    let xs = [0.5, 2.5]
    let ys = [0.2, 0.9]
    var (w, b, vw, vb) = (-4.0, 4.0, 0.0, 0.0)
    let (eta, beta, eps) = (0.1, 0.5, 1e-4)
    var lines = ["t,w,b,v_w,v_b,lr_b"]
    var t = 0
    for _ in 0..<10 {
      for (x, y) in zip(xs, ys) {
        let f = 1 / (1 + exp(-(w * x + b)))
        let (dw, db) = ((f - y) * f * (1 - f) * x, (f - y) * f * (1 - f))
        let share = inside ? 1 - beta : 1
        vw = beta * vw + share * dw * dw
        vb = beta * vb + share * db * db
        let rw = inside ? eta / (vw + eps).squareRoot() : eta / (vw.squareRoot() + eps)
        let rb = inside ? eta / (vb + eps).squareRoot() : eta / (vb.squareRoot() + eps)
        w -= rw * dw
        b -= rb * db
        t += 1
        lines.append("\(t),\(w),\(b),\(vw),\(vb),\(rb)")
      }
    }
    let trace = try Trace.parsingCSV(lines.joined(separator: "\n"), name: "r.csv", dimension: 1)
    let diagnosis = try Diagnosis.diagnose(trace, setup: Listing.doRMSProp.setup)
    #expect(diagnosis.gap != nil)
    #expect(diagnosis.explanation == expected)
  }

  @Test func sixDigitTracesGetAMatchingTolerance() throws {
    let trace = try Trace.parsingCSV(
      "t,w,b\n1,-1.9,-1.9\n2,-1.80008,-1.80001", name: "short.csv", dimension: 1)
    #expect(trace.precision == 5e-5)
    #expect(trace.rows.map(\.t) == [1, 2])
  }

  @Test func badColumnsAreRefusedByName() {
    #expect(throws: DataError.self) {
      try Trace.parsingCSV("t,vw\n1,2", name: "x.csv", dimension: 1)
    }
    #expect(throws: DataError.self) {
      try Trace.parsingCSV("t,w\n2,1\n1,1", name: "x.csv", dimension: 1)
    }
  }
}
