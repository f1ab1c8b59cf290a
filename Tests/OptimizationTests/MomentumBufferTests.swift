import Foundation
import Testing

@testable import Optimization

/// Momentum and NAG (and PyTorch RMSprop's momentum) while η changes, against PyTorch's
/// SGD and RMSprop and optax's sgd (Fixtures/generate_momentum_schedules.py): a schedule,
/// or η set mid-run.
///
/// PyTorch and optax keep the buffer b ← β·b + g and step ηₜ·b; the notes and Keras keep
/// u ← β·u + ηₜ·g. Once η changes the two walks part at the first update (≈ 1e-2 of the
/// step), so a tolerance of 1e-12 tells them apart at once.
@Suite struct MomentumBufferTests {
  struct Extra: Decodable {
    struct Change: Decodable {
      var at: Int
      var eta: Double
    }
    var schedule: String?
    var eta_change: Change?
  }
  struct ExtraFile: Decodable { var cases: [Extra] }

  static let file = "conformance/momentum_schedules.json"

  /// A session set up as the library run was: its settings, then its schedule.
  static func session(_ fixture: FixtureCase, _ extra: Extra) throws -> Session {
    var session = try fixture.makeSession()
    if let text = extra.schedule {
      try session.schedule(ScheduleConformanceTests.schedule(text))
    }
    return session
  }

  /// Each update from the library's state before it (``ConformanceTests``' check), and
  /// the whole run left to itself; both at 1e-12 relative.
  @Test func runsMatchTheLibraries() throws {
    let fixtures = try Fixtures.cases(in: Self.file)
    let extras = try Fixtures.decode(ExtraFile.self, Self.file).cases
    #expect(fixtures.count == 24)
    for (fixture, extra) in zip(fixtures, extras) {
      let name =
        "\(fixture) \(extra.schedule ?? "") \(extra.eta_change.map { "eta \($0.eta) at t=\($0.at)" } ?? "")"
      var stepped = try Self.session(fixture, extra)
      var free = stepped
      var worstStep = 0.0
      var worstFree = 0.0
      let reference = ConformanceTests()
      for k in 0..<fixture.stepCount {
        if k > 0 {
          stepped.run.restore(fixture.state(after: k - 1, continuing: stepped.state))
        }
        if let change = extra.eta_change, change.at == k {
          try stepped.set(.eta, to: .number(change.eta))
          try free.set(.eta, to: .number(change.eta))
        }
        #expect(stepped.step(1).outcome == .completed, "\(name) step \(k + 1)")
        #expect(free.step(1).outcome == .completed, "\(name) step \(k + 1)")
        for (quantityName, series) in fixture.steps {
          let quantity = try #require(Quantity(rawValue: quantityName))
          let floor = fixture.scale(of: quantityName) * ConformanceTests.cancellationFloor
          let expected = series[k]
          for (a, e) in zip(reference.flatten(stepped.value(of: quantity)), expected) {
            worstStep = max(worstStep, reference.relativeError(a, e, floor: floor))
          }
          for (a, e) in zip(reference.flatten(free.value(of: quantity)), expected) {
            worstFree = max(worstFree, reference.relativeError(a, e, floor: floor))
          }
        }
      }
      print(
        "momentum run \(name): max relative difference \(worstStep) per update, \(worstFree) run free"
      )
      #expect(worstStep <= ConformanceTests.relativeTolerance, "\(name): \(worstStep)")
      // Momentum and NAG repeat torch's and optax's roundings, so even a free run is exact;
      // RMSProp's v is rounded unlike torch's fused `addcmul_` in the last bit (2e-15 per
      // update), which a free run of 100 updates gathers to 1e-11.
      let freeTolerance = fixture.optimizer == .rmsprop ? 1e-10 : ConformanceTests.relativeTolerance
      #expect(worstFree <= freeTolerance, "\(name) run free: \(worstFree)")
    }
  }

  /// After `set eta` at t = k the next update steps the library's whole buffer at the new
  /// η (PyTorch, optax), or adds the new η's share to the velocity (Keras, the notes).
  @Test(arguments: [Convention.pytorch, .optax, .keras, .lecture])
  func aNewEtaMeetsTheBufferOrTheVelocity(_ convention: Convention) throws {
    var session = Session(
      setup: RunSetup(dataset: .toy, optimizer: .momentum, convention: convention))
    try session.set(.eta, to: .number(0.1))
    _ = session.step(5)
    try session.set(.eta, to: .number(0.02))
    let before = session.state
    _ = session.step(1)
    let after = session.state
    let beta = 0.9
    for i in 0..<before.parameterCount {
      let (w, u, g) = (before.parameters[i], before.u[i], after.gradient[i])
      switch convention {
      case .pytorch:
        let b = (beta * u).addingProduct(g, 1)
        #expect(after.u[i] == b)
        #expect(after.parameters[i] == w.addingProduct(-0.02, b))
      case .optax:
        let b = g + beta * u
        #expect(after.u[i] == b)
        #expect(after.parameters[i] == w - 0.02 * b)
      case .keras, .lecture:
        let v = beta * u + 0.02 * g
        #expect(after.u[i] == v)
        #expect(after.parameters[i] == w - v)
      }
    }
  }

  /// Every value `explain` shows equals the engine's bit for bit, for momentum and NAG in
  /// each form (PyTorch's dampening and L2, the notes' look-ahead under PyTorch), under a
  /// schedule and after a mid-run `set eta`.
  @Test(arguments: [Convention.pytorch, .optax, .keras, .lecture])
  func explainShowsTheEnginesValues(_ convention: Convention) throws {
    var variants: [(Optimizer, [(Setting, SettingInput)])] = [
      (.momentum, []), (.nag, []), (.nag, [(.nagForm, .word("lookahead"))]),
      (.nag, [(.nagForm, .word("reformulated"))]),
    ]
    if convention == .pytorch {
      variants += [
        (.momentum, [(.dampening, .number(0.3)), (.weightDecay, .number(0.05))]),
        (.nag, [(.weightDecay, .number(0.05))]),
      ]
    }
    let schedule = try ScheduleConformanceTests.schedule(
      convention == .pytorch
        ? "StepLR step_size=2 gamma=0.5 per update"
        : "exponential_decay transition_steps=2 decay_rate=0.5")
    var checked = 0
    for (optimizer, settings) in variants {
      var setup = RunSetup(dataset: .toy, optimizer: optimizer, convention: convention)
      setup.training.batch = .points(1)
      var session = Session(setup: setup)
      for (setting, value) in settings { try session.set(setting, to: value) }
      try session.schedule(schedule)
      for t in 1...10 {
        if t == 7 { try session.set(.eta, to: .number(0.37)) }
        _ = session.step(1)
        checked +=
          ExplainTests.expectEveryShownValueIsTheEngines(
            session, "\(optimizer):\(convention) \(settings.map(\.0))"
          ).count
      }
    }
    #expect(checked > 100)
  }

  /// `diagnose` reads a PyTorch `momentum_buffer` column as the buffer itself under the
  /// pytorch convention and as u/η under the notes' velocity: torch's own run has no gap
  /// under either (η is constant, so the two walks agree to the trace's precision).
  @Test(arguments: [Convention.pytorch, .lecture])
  func diagnoseReadsTorchsBuffer(_ convention: Convention) throws {
    let fixture = try #require(
      try Fixtures.cases(of: .momentum).first {
        $0.convention == .pytorch && $0.datasetName == "toy" && $0.dataset.featureNames.count == 1
      })
    var lines = ["t,w,b,momentum_buffer[1],momentum_buffer_b"]
    for k in 0..<fixture.stepCount {
      let row =
        [fixture.steps["w"]![k][0], fixture.steps["b"]![k][0]]
        + [fixture.steps["u_w"]![k][0], fixture.steps["u_b"]![k][0]]
      lines.append("\(k + 1)," + row.map { "\($0)" }.joined(separator: ","))
    }
    let trace = try Trace.parsingCSV(lines.joined(separator: "\n"), name: "torch.csv", dimension: 1)
    var setup = try fixture.makeSession().setup
    if convention != .pytorch {
      let torch = setup.hyperparameters
      setup.convention = convention
      setup.hyperparameters = .defaults(for: .momentum, convention: convention)
      setup.hyperparameters.learningRate = torch.learningRate
      setup.hyperparameters.beta = torch.beta
    }
    #expect(
      setup.hyperparameters.momentumForm == (convention == .pytorch ? .pytorchBuffer : .velocity))
    let diagnosis = try Diagnosis.diagnose(trace, setup: setup)
    #expect(diagnosis.gap == nil, "\(convention): \(String(describing: diagnosis.gap))")
  }
}
