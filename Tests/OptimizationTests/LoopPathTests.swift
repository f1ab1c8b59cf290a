import Testing

@testable import Optimization

/// The tight per-point loop (``Run/loop(_:_:)``) is only a faster way to take the general
/// update: specialised for a rule's plain arithmetic when no option is on
/// (``PlainUpdate``), for fixed rates when no schedule or decay is (``Run/FixedRates``), and
/// keeping w and b in registers on one feature. Here every optimizer in every convention,
/// with its options off and on, under schedules of η and β and PyTorch's `lr_decay`, on one
/// feature and on two, takes 250 updates in the loop and 250 general updates with its full
/// ``UpdateRule/apply(_:_:)``, and the two states must be equal bit for bit.
@Suite struct LoopPathTests {
  /// Two dense features, four points, two points an update: the loop's branch for more
  /// than one feature.
  static let twoFeatures = Dataset(
    name: "two", featureNames: ["x1", "x2"],
    rows: [[0.5, -1], [2.5, 0.3], [1, 1], [-0.4, 2]], targets: [0.2, 0.9, 0.4, 0.7])

  /// A first value to try for each option, then a second (`nesterov` needs `momentum`).
  static let optionValues: [SettingInput] = [.number(0.01), .word("on"), .word("max")]

  /// The setups of `optimizer` the loop takes, each with a name.
  static func setups(of optimizer: Optimizer) throws -> [(String, RunSetup)] {
    var cases: [(String, RunSetup)] = []
    let rule = optimizer.updateRule
    for convention in Convention.allCases where rule.unavailable(in: convention) == nil {
      for (data, batch) in [(Dataset.toy, 1), (twoFeatures, 2)] {
        var plain = RunSetup(dataset: data, optimizer: optimizer, convention: convention)
        plain.training.batch = .points(batch)
        let name = "\(optimizer.rawValue):\(convention.rawValue) on \(data.name)"
        cases.append((name, plain))
        var options = plain
        for option in rule.options.sorted(by: { $0.rawValue < $1.rawValue }) {
          for value in optionValues {
            if let changed = try? options.setting(option, to: value) {
              options = changed
              break
            }
          }
        }
        if options != plain { cases.append((name + ", every option", options)) }
        if let decayed = try? plain.setting(.lrDecay, to: .number(0.05)) {
          cases.append((name + ", lr_decay", decayed))
        }
        var session = Session(setup: plain)
        let counting = convention == .pytorch || convention == .lecture ? " per update" : ""
        try session.schedule(
          ScheduleConformanceTests.schedule(
            convention == .pytorch || convention == .lecture
              ? "StepLR step_size=7 gamma=0.5\(counting)"
              : "exponential_decay transition_steps=7 decay_rate=0.5"))
        cases.append((name + ", schedule of eta", session.setup))
        var betas = Session(setup: plain)
        if (try? betas.schedule(
          ScheduleConformanceTests.schedule(
            "linear_schedule init_value=0.9 end_value=0.99 transition_steps=100"),
          for: .beta2)) != nil
        {
          cases.append((name + ", schedule of beta2", betas.setup))
        }
      }
    }
    return cases
  }

  /// `count` general updates of the setup's rule, never the loop.
  static func generalUpdates(_ run: inout Run, _ count: Int) -> (Int, Divergence?) {
    func take<Rule: UpdateRule>(_ rule: Rule.Type) -> (Int, Divergence?) {
      let taken = run.takeGeneralUpdates(count, rule)
      return (taken.taken, taken.divergence)
    }
    return take(run.setup.optimizer.updateRule)
  }

  @Test(arguments: Optimizer.allCases.filter { $0 != .adafactor })
  func theLoopGivesTheGeneralUpdatesBits(_ optimizer: Optimizer) throws {
    let setups = try Self.setups(of: optimizer)
    #expect(setups.count >= 8)
    for (name, setup) in setups {
      #expect(Run.takesUpdatesInLoop(for: setup), "\(name)")
      var loop = Run(setup: setup)
      let looped = loop.step(count: 250)
      var general = Run(setup: setup)
      let taken = Self.generalUpdates(&general, 250)
      #expect(looped.taken == 250 && looped.divergence == nil, "\(name)")
      #expect(taken.0 == 250 && taken.1 == nil, "\(name)")
      #expect(loop.state == general.state, "\(name)")
    }
  }
}
