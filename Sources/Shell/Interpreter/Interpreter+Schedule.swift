import Optimization

/// `schedule eta …`, `schedule off` and `show schedule`: η from a library's schedule, a
/// change on the timeline like `set`.
extension Interpreter {
  /// `schedule eta KIND …` or `schedule off`: from the start at t = 0, else from the next
  /// update with the state kept. Replies with the schedule as the engine read it and the η
  /// the next update takes.
  mutating func schedule(_ request: ScheduleRequest) throws(ShellError) -> Reply {
    switch request {
    case .beta(let beta, let phases, let counting):
      return try scheduleBeta(beta, try Interpreter.schedule(phases, counting))
    case .betaOff(let beta): return try scheduleBeta(beta, nil)
    case .eta, .off: break
    }
    let schedule = try Interpreter.schedule(from: request)
    let from = session.t + 1
    let dropped: Int
    do {
      dropped = try session.schedule(schedule)
    } catch {
      throw ShellError(error.message)
    }
    let kept = from > 1 ? ", the state kept" : ""
    let tail = Interpreter.droppedText(dropped)
    guard let schedule, let next = session.nextScheduledRate else {
      let eta = session.setup.hyperparameters.learningRate
      return Reply(
        lines: ["schedule off: eta = \(NumberFormat.text(eta)) from t=\(from)\(tail)"],
        json: .object([
          ("schedule", .null), ("eta", .number(eta)), ("from_t", .integer(from)),
          ("dropped", .integer(dropped)),
        ]))
    }
    return Reply(
      lines: [
        "eta follows " + schedule.description,
        "from t=\(from)\(kept): η = \(NumberFormat.text(next.rate)) at count \(next.count)\(tail)",
      ],
      json: .object([
        ("schedule", .string(schedule.description)),
        ("library", .string(schedule.library.rawValue)),
        ("counting", .string(schedule.counting.rawValue)), ("from_t", .integer(from)),
        ("count", .integer(next.count)), ("eta", .number(next.rate)),
        ("dropped", .integer(dropped)),
      ]))
  }

  /// The engine's schedule for `request` (nil for `off`), or its one-line refusal.
  static func schedule(from request: ScheduleRequest) throws(ShellError) -> LearningRateSchedule? {
    guard case .eta(let phases, let counting) = request else { return nil }
    return try schedule(phases, counting)
  }

  /// The engine's schedule of `phases`, or its one-line refusal.
  static func schedule(_ phases: [ScheduleRequest.Phase], _ counting: ScheduleCounting?)
    throws(ShellError) -> LearningRateSchedule
  {
    do {
      let read = try phases.map { (phase) throws(ScheduleError) in
        try SchedulePhase(
          kind: ScheduleKind(named: phase.kind)!,
          arguments: phase.arguments.map { ($0.name, $0.text) })
      }
      return try LearningRateSchedule(
        phases: read, counting: counting, milestones: phases.dropFirst().map(\.at))
    } catch {
      throw ShellError(error.message)
    }
  }

  /// `show schedule`: the schedule in force, how it counts and from where, η at the last
  /// update and the next.
  func showSchedule() -> (lines: [String], pairs: [(String, JSON)]) {
    let eta = session.setup.hyperparameters.learningRate
    let betas = showBetaSchedules()
    guard let schedule = session.setup.schedule else {
      return (
        ["schedule  none: eta = \(NumberFormat.text(eta)) at every update"] + betas.lines,
        [("schedule", .null)] + betas.pairs
      )
    }
    var lines = ["schedule  " + schedule.phasesDescription]
    var how = "\(schedule.library.rawValue), \(schedule.counting.rawValue)"
    if schedule.phases.count > 1 {
      how +=
        " (SequentialLR, milestones \(schedule.milestones.map(String.init).joined(separator: ",")))"
    }
    lines.append("          \(how), set at t=\(schedule.startsAfter)")
    lines.append("base      eta = \(NumberFormat.text(eta))")
    var pairs: [(String, JSON)] = [
      ("schedule", .string(schedule.description)), ("library", .string(schedule.library.rawValue)),
      ("counting", .string(schedule.counting.rawValue)), ("set_at", .integer(schedule.startsAfter)),
      ("base_eta", .number(eta)),
    ]
    let t = session.t
    if let plateau = session.state.plateau {
      let count = plateau.badEpochs
      let bad =
        "\(count) bad \(schedule.counting == .perEpoch ? "epoch" : "update")\(count == 1 ? "" : "s")"
      lines.append(
        "plateau   best loss \(NumberFormat.text(plateau.best)), \(bad), cooldown \(plateau.cooldownCounter)"
      )
      pairs.append(
        (
          "plateau",
          .object([
            ("best", plateau.best.isFinite ? .number(plateau.best) : .null),
            ("bad", .integer(plateau.badEpochs)), ("cooldown", .integer(plateau.cooldownCounter)),
          ])
        ))
    }
    if let now = session.scheduledRate(ofUpdate: t) {
      lines.append("now       η = \(NumberFormat.text(now.rate)) at t=\(t) (count \(now.count))")
      pairs.append(
        (
          "now",
          .object([("t", .integer(t)), ("count", .integer(now.count)), ("eta", .number(now.rate))])
        ))
    }
    if let next = session.nextScheduledRate {
      lines.append(
        "next      η = \(NumberFormat.text(next.rate)) at t=\(t + 1) (count \(next.count))")
      pairs.append(
        (
          "next",
          .object([
            ("t", .integer(t + 1)), ("count", .integer(next.count)), ("eta", .number(next.rate)),
          ])
        ))
    }
    return (lines + betas.lines, pairs + betas.pairs)
  }

  /// The `schedule` commands that turn `previous`'s schedules into `setup`'s (numbers in
  /// their exact round-trip form): none when they are the same.
  static func scheduleCommands(_ setup: RunSetup, after previous: RunSetup) -> [String] {
    var lines: [String] = []
    if setup.schedule != previous.schedule {
      lines.append(setup.schedule.map { "schedule eta " + $0.description } ?? "schedule off")
    }
    for beta in ScheduledBeta.allCases
    where setup.betaSchedules[beta] != previous.betaSchedules[beta] {
      lines.append(
        "schedule \(beta.rawValue) "
          + (setup.betaSchedules[beta].map(\.description) ?? "off"))
    }
    return lines
  }

  /// `StepLR step_size=30 gamma=0.1`.
  static func text(_ phase: SchedulePhase) -> String {
    ([phase.kind.rawValue] + phase.arguments.map { "\($0.name)=\($0.value)" })
      .joined(separator: " ")
  }
}
