import Foundation
import Testing

@testable import Optimization

/// Learning-rate schedules against the real libraries (Fixtures/generate_schedules.py):
/// ηₖ at every count for every kind, and whole runs with a schedule attached, every state
/// variable at 1e-12 as ``ConformanceTests`` checks the optimizers.
///
/// Two libraries compute in float32 where adalab computes the formula in float64 (see the
/// generator): Keras's CosineDecay rounds its cosine to float32 whatever floatx, and optax,
/// inside an optimizer, evaluates its schedule on an int32 count, which JAX promotes to
/// float32. Those cases are held to float32's precision: 4·2⁻²⁴ of the largest rate, 1e-6 for the
/// state of a whole run (the rate's error carried through 100 updates).
@Suite struct ScheduleConformanceTests {
  /// float32's unit roundoff 2⁻²⁴, times a few operations.
  static let float32Tolerance = 4 * 0x1p-24

  struct RateCase: Decodable {
    var library: String
    var schedule: String
    var eta: Double
    var dtype: String
    var rates: [Double]
  }

  struct RateFile: Decodable { var cases: [RateCase] }

  struct RunCase: Decodable {
    var schedule: String
    var dtype: String
  }

  struct RunFile: Decodable { var cases: [RunCase] }

  /// A schedule as `schedule eta` takes it: phases joined by `then`, `name=value`
  /// arguments, then an optional `per epoch` or `per update`.
  static func schedule(_ text: String) throws -> LearningRateSchedule {
    var words = text.split(separator: " ").map(String.init)
    var counting: ScheduleCounting?
    if words.count >= 2, let c = ScheduleCounting(rawValue: words.suffix(2).joined(separator: " "))
    {
      counting = c
      words.removeLast(2)
    }
    let phases = try words.split(separator: "then").map { part in
      try SchedulePhase(
        kind: ScheduleKind(named: part.first!)!,
        arguments: part.dropFirst().map { word in
          let pair = word.split(separator: "=", maxSplits: 1).map(String.init)
          return (pair[0], pair[1])
        })
    }
    return try LearningRateSchedule(phases: phases, counting: counting)
  }

  @Test func ratesMatchTheLibraries() throws {
    let file = try Fixtures.decode(RateFile.self, "conformance/schedules/rates.json")
    #expect(file.cases.count >= 34)
    // Every kind but ReduceLROnPlateau, whose rates follow a run's losses (runs.json).
    #expect(
      Set(file.cases.map { $0.schedule.split(separator: " ")[0] }).count
        == ScheduleKind.allCases.count - 1)
    var worst: [String: Double] = [:]
    for fixture in file.cases {
      let schedule = try Self.schedule(fixture.schedule + " per update")
      var cursor = ScheduleCursor(schedule, base: fixture.eta)
      let tolerance = fixture.dtype == "float32" ? Self.float32Tolerance : 1e-12
      for (k, expected) in fixture.rates.enumerated() {
        let stepped = cursor.rate(atCount: k)
        let fresh = schedule.rate(atCount: k, base: fixture.eta)
        #expect(stepped == fresh, "\(fixture.schedule): count \(k) stepped and fresh differ")
        // float32's error is relative to the numbers it rounded, the largest of which is
        // the schedule's largest value: a cosine near −1 leaves 1 + cos with few bits.
        let scale = fixture.dtype == "float32" ? fixture.rates.map(abs).max()! : abs(expected)
        let error = abs(stepped - expected) / max(scale, 1e-300)
        #expect(
          error <= tolerance || stepped == expected,
          "\(fixture.schedule): count \(k) gives \(stepped), the library \(expected)")
        let kind = fixture.library + " " + String(fixture.schedule.split(separator: " ")[0])
        worst[kind] = max(worst[kind] ?? 0, expected == stepped ? 0 : error)
      }
    }
    for (kind, error) in worst.sorted(by: { $0.key < $1.key }) {
      print("schedule rates \(kind): max relative difference \(error)")
    }
  }

  @Test func runsMatchTheLibraries() throws {
    let fixtures = try Fixtures.cases(in: "conformance/schedules/runs.json")
    let extra = try Fixtures.decode(RunFile.self, "conformance/schedules/runs.json").cases
    #expect(fixtures.count == 20)
    for (fixture, extra) in zip(fixtures, extra) {
      var session = try fixture.makeSession()
      try session.schedule(try Self.schedule(extra.schedule))
      let tolerance = extra.dtype == "float32" ? 1e-6 : 1e-12
      let worst = try check(fixture, &session)
      print("schedule run \(fixture) \(extra.schedule): max relative difference \(worst)")
      #expect(worst <= tolerance, "\(fixture) \(extra.schedule): \(worst)")
    }
  }

  /// Steps `session` from each of the library's states in turn, as ``ConformanceTests``
  /// does; returns the largest relative difference over every quantity and update.
  func check(_ fixture: FixtureCase, _ session: inout Session) throws -> Double {
    let reference = ConformanceTests()
    var worst = 0.0
    for k in 0..<fixture.stepCount {
      if k > 0 { session.run.restore(fixture.state(after: k - 1, continuing: session.state)) }
      let report = session.step(1)
      #expect(report.outcome == .completed, "\(fixture) step \(k + 1)")
      for (name, series) in fixture.steps {
        let quantity = try #require(Quantity(rawValue: name))
        let floor = fixture.scale(of: name) * ConformanceTests.cancellationFloor
        for (a, e) in zip(reference.flatten(session.value(of: quantity)), series[k]) {
          worst = max(worst, reference.relativeError(a, e, floor: floor))
        }
      }
    }
    return worst
  }
}
