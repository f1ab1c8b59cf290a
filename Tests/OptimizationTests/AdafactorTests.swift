import Foundation
import Testing

@testable import Optimization

/// Adafactor against PyTorch, Keras, optax and a port of the paper
/// (Fixtures/generate_adafactor.py), and the tensor-wide parts of its rule: one scale and
/// one clip factor for all of w, others for b.
@Suite struct AdafactorTests {
  static let fixtures = "conformance/adafactor.json"

  /// Each update from the library's state (``ConformanceTests/check(_:)``, 1e-12 relative),
  /// every convention, every data set, both batchings, defaults and non-default settings.
  @Test func matchesEachLibraryUpdateByUpdate() throws {
    let cases = try Fixtures.cases(in: Self.fixtures)
    #expect(cases.count == 24)
    #expect(Set(cases.map(\.convention)) == Set(Convention.allCases))
    for fixture in cases {
      for (setting, _) in fixture.settings {
        #expect(setting.applies(to: fixture.optimizer, convention: fixture.convention))
      }
      try ConformanceTests().check(fixture)
    }
  }

  /// 100 updates run freely from the start (rounding may accumulate): every recorded value
  /// within 1e-12 of the library's. `ADALAB_PRINT_DIFFERENCES=1` prints the largest
  /// difference of each case.
  @Test func runsFreelyWithinOneInATrillion() throws {
    let print = ProcessInfo.processInfo.environment["ADALAB_PRINT_DIFFERENCES"] != nil
    for fixture in try Fixtures.cases(in: Self.fixtures) {
      var session = try fixture.makeSession()
      var worst = (difference: 0.0, name: "")
      for k in 0..<fixture.stepCount {
        _ = session.step(1)
        for (name, series) in fixture.steps {
          let value = session.value(of: Quantity(rawValue: name)!)
          let actual = value.vector ?? [value.scalar!]
          for (a, e) in zip(actual, series[k]) where abs(a - e) > worst.difference {
            worst = (abs(a - e), name)
          }
        }
      }
      #expect(worst.difference <= 1e-12, "\(fixture): \(worst.difference) in \(worst.name)")
      if print { Swift.print("\(fixture): max |difference| \(worst.difference) (\(worst.name))") }
    }
  }

  static let dense = Dataset(
    name: "dense3", featureNames: ["x1", "x2", "x3"],
    rows: [[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [-1.0, 2.0, 0.75], [0.1, -0.3, 1.2]],
    targets: [0.2, 0.9, 0.4, 0.7])

  /// The weights share one scale max(ε₂, RMS(w)) and one clip factor max(1, RMS(u)/d),
  /// computed over the whole tensor, and the step is α·û: not three separate tensors.
  @Test(arguments: Convention.allCases)
  func scaleAndClipAreOverTheWholeTensor(_ convention: Convention) {
    var session = Session(
      setup: RunSetup(
        dataset: Self.dense, optimizer: .adafactor, convention: convention,
        start: [0.3, -0.2, 0.1, 0.4]))
    let w0 = session.value(of: .w).vector!
    _ = session.step(1)
    let scale = session.value(of: .scaleW).scalar!
    let rms = (w0.map { $0 * $0 }.reduce(0, +) / 3).squareRoot()
    #expect(abs(scale - rms) < 1e-7 * rms)
    // At t = 1, β₂₁ = 0: v = g² + ε₁, u = ±1 for each weight, RMS(u) = 1, no clipping.
    #expect(session.value(of: .beta2T).scalar! == 0)
    #expect(session.value(of: .clipW).scalar! == 1)
    #expect(session.value(of: .mHatW).vector!.allSatisfy { abs(abs($0) - 1) < 1e-12 })
    // The bias is a tensor of its own: its scale is |b|.
    #expect(abs(session.value(of: .scaleB).scalar! - 0.4) < 1e-8)
    _ = session.step(5)
    // Each weight as a tensor of its own would have its own scale |wⱼ|: the run does not.
    let rates = session.value(of: .lrW).vector!
    #expect(Set(rates).count == 1)
    #expect(session.value(of: .clipW).scalar! >= 1)
  }

  /// β₂ₜ = 1 − t^(−0.8) changes every update, from 0 towards 1; optax's is float32.
  @Test func decayChangesEveryStep() {
    var session = Session(setup: RunSetup(dataset: .toy, optimizer: .adafactor, convention: .keras))
    var previous = -1.0
    for t in 1...50 {
      _ = session.step(1)
      let beta2 = session.value(of: .beta2T).scalar!
      #expect(beta2 == 1 - pow(Double(t), -0.8))
      #expect(beta2 > previous)
      previous = beta2
    }
    var optax = Session(setup: RunSetup(dataset: .toy, optimizer: .adafactor, convention: .optax))
    _ = optax.step(2)
    #expect(optax.value(of: .beta2T).scalar! == Double(1 - powf(2, -0.8)))
    #expect(optax.value(of: .beta2T).scalar! != 1 - pow(2, -0.8))
  }

  /// `step 7` gives the bits of seven `step 1`, and an update that overflows is refused
  /// with the state left at the update before it.
  @Test(arguments: Convention.allCases)
  func steppingContract(_ convention: Convention) throws {
    let setup = RunSetup(
      dataset: Self.dense, optimizer: .adafactor, convention: convention,
      start: [0.3, -0.2, 0.1, 0.4])
    var many = Session(setup: setup)
    var single = Session(setup: setup)
    _ = many.step(7)
    for _ in 1...7 { _ = single.step(1) }
    #expect(many.state == single.state)
    guard convention == .optax else { return }
    var huge = Session(setup: setup)
    try huge.set(.eta, to: .number(1e307))
    let report = huge.step(10)
    guard case .diverged(let divergence) = report.outcome else {
      Issue.record("expected a divergence, got \(report.outcome)")
      return
    }
    #expect(huge.state.isFinite)
    #expect(huge.t == divergence.step - 1)
  }

  /// `diagnose`'s reference run (a ``MistakeRun`` without a mistake) is adalab's run: the
  /// same tensor update, not a coordinate at a time.
  @Test(arguments: Convention.allCases)
  func diagnosisReferenceIsTheRun(_ convention: Convention) {
    let setup = RunSetup(
      dataset: Self.dense, optimizer: .adafactor, convention: convention,
      start: [0.3, -0.2, 0.1, 0.4])
    var session = Session(setup: setup)
    var reference = MistakeRun(setup: setup, mistake: nil)
    for _ in 1...8 {
      _ = session.step(1)
      let stepped = reference.step()
      #expect(stepped)
      #expect(reference.state.parameters == session.state.parameters)
      #expect(reference.state.v == session.state.v)
    }
  }

  /// `explain` on three weights: every value with a quantity equals the engine's, the
  /// tensor lines (scale, clip) included, and β₂ₜ equals beta2_t.
  @Test(arguments: Convention.allCases)
  func explainIsBitEqualOnATensor(_ convention: Convention) throws {
    var session = Session(
      setup: RunSetup(
        dataset: Self.dense, optimizer: .adafactor, convention: convention,
        start: [0.3, -0.2, 0.1, 0.4]))
    if convention == .optax {
      try session.set(.beta1, to: .number(0.9))
      try session.set(.weightDecay, to: .number(0.01))
    }
    if convention == .pytorch { try session.set(.weightDecay, to: .number(0.1)) }
    var checked = 0
    for _ in 1...6 {
      _ = session.step(1)
      let lines = try #require(session.explainLastUpdate()).lines
      for line in lines {
        guard let quantity = line.quantity else { continue }
        let engine: Double
        switch session.state.value(of: quantity) {
        case .scalar(let x): engine = x
        case .vector(let xs): engine = xs[line.parameterIndex!]
        }
        #expect(line.value.bitPattern == engine.bitPattern, "\(convention) \(line.name)")
        checked += 1
      }
      #expect(lines.filter { $0.quantity == .clipW }.count == 1)
    }
    #expect(checked >= 6 * 17)
  }

  /// Options a library lacks are refused with the reason, and the session is unchanged.
  @Test func refusesWhatALibraryLacks() {
    let refusals: [(Convention, Setting, String)] = [
      (.pytorch, .beta1, "pytorch's Adafactor has no momentum"),
      (.keras, .beta1, "keras's Adafactor has no momentum"),
      (.lecture, .beta1, "the paper's Adafactor has no momentum"),
      (.keras, .weightDecay, "keras's Adafactor has no decay of its own"),
      (.lecture, .weightDecay, "the paper's Algorithm 4 has no weight decay"),
      (.optax, .epsilon2, "optax.adafactor fixes eps2 at 1e-3"),
    ]
    for (convention, setting, reason) in refusals {
      var session = Session(
        setup: RunSetup(dataset: .toy, optimizer: .adafactor, convention: convention))
      let before = session.setup
      #expect(throws: SettingError.self) { try session.set(setting, to: .number(0.5)) }
      do {
        try session.set(setting, to: .number(0.5))
      } catch {
        #expect(error.message.contains(reason), "\(error.message)")
      }
      #expect(session.setup == before)
    }
    var session = Session(
      setup: RunSetup(dataset: .toy, optimizer: .adafactor, convention: .pytorch))
    #expect(throws: SettingError("beta2_decay must be a number ≤ 0, found '0.5'")) {
      try session.set(.beta2Decay, to: .number(0.5))
    }
    #expect(throws: SettingError("clip_threshold must be a number ≥ 1, found '0.5'")) {
      try session.set(.clipThreshold, to: .number(0.5))
    }
  }
}
