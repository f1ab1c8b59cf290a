import Testing

@testable import Optimization

/// PyTorch's SequentialLR with milestones given (`then at N`), against torch
/// (Fixtures/generate_sequential.py): ηₖ at every count, stepped and from scratch.
@Suite struct SequentialScheduleTests {
  struct RateCase: Decodable {
    var schedule: String
    var eta: Double
    var rates: [Double]
  }

  struct RateFile: Decodable { var cases: [RateCase] }

  /// `A … then at 10 B …` as `schedule eta` reads it.
  static func schedule(_ text: String) throws -> LearningRateSchedule {
    let split = text.components(separatedBy: " then ").map { $0.split(separator: " ") }
    let milestones = split.dropFirst().map { $0.first == "at" ? Int($0[1]) : nil }
    let parts = split.map {
      $0.first == "at" ? $0.dropFirst(2).joined(separator: " ") : $0.joined(separator: " ")
    }
    let phases = try parts.map { part in
      let words = part.split(separator: " ")
      return try SchedulePhase(
        kind: ScheduleKind(named: String(words[0]))!,
        arguments: words.dropFirst().map { word in
          let pair = word.split(separator: "=", maxSplits: 1).map(String.init)
          return (pair[0], pair[1])
        })
    }
    return try LearningRateSchedule(phases: phases, counting: .perEpoch, milestones: milestones)
  }

  @Test func ratesMatchTorch() throws {
    let file = try Fixtures.decode(RateFile.self, "conformance/schedules/sequential.json")
    #expect(file.cases.count == 6)
    for fixture in file.cases {
      let schedule = try Self.schedule(fixture.schedule)
      #expect(schedule.phasesDescription == fixture.schedule)
      var cursor = ScheduleCursor(schedule, base: fixture.eta)
      var worst = 0.0
      for (k, expected) in fixture.rates.enumerated() {
        let stepped = cursor.rate(atCount: k)
        #expect(stepped == schedule.rate(atCount: k, base: fixture.eta))
        let error = stepped == expected ? 0 : abs(stepped - expected) / abs(expected)
        worst = max(worst, error)
        #expect(
          error <= 1e-12, "\(fixture.schedule): count \(k) gives \(stepped), torch \(expected)")
      }
      print("SequentialLR \(fixture.schedule): max relative difference \(worst)")
    }
  }

  @Test func milestonesMustBeGivenAndIncrease() throws {
    #expect {
      try Self.schedule("StepLR step_size=3 then ExponentialLR gamma=0.9")
    } throws: { error in
      (error as? ScheduleError)?.message
        == "expected 'then at N' after StepLR (N: SequentialLR's milestone; only LinearLR's total_iters gives one)"
    }
    #expect {
      try Self.schedule(
        "StepLR step_size=3 then at 10 ExponentialLR gamma=0.9 then at 10 StepLR step_size=2")
    } throws: { error in
      (error as? ScheduleError)?.message
        == "expected SequentialLR's milestones to increase from 1, found 10 after 10"
    }
    let chain = try Self.schedule("StepLR step_size=3 then at 10 ExponentialLR gamma=0.9")
    #expect(chain.milestones == [10])
  }
}
