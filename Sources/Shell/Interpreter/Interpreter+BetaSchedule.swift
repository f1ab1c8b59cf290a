import Optimization

/// `schedule beta1|beta2 …`, `schedule beta2 off`, and what `show schedule` and `show beta2`
/// say of them: β from an optax schedule (inject_hyperparams), a change on the timeline like
/// `set`.
extension Interpreter {
  /// Puts `schedule` on `beta` (nil: off). Replies with the schedule as the engine read it
  /// and the β the next update takes.
  mutating func scheduleBeta(_ beta: ScheduledBeta, _ schedule: LearningRateSchedule?)
    throws(ShellError) -> Reply
  {
    let from = session.t + 1
    let dropped: Int
    do {
      dropped = try session.schedule(schedule, for: beta)
    } catch {
      throw ShellError(error.message)
    }
    let tail = Interpreter.droppedText(dropped)
    let name = beta.rawValue
    guard let schedule, let next = session.scheduledBeta(beta, ofUpdate: from) else {
      let value = beta.value(in: session.setup.hyperparameters)
      return Reply(
        lines: [
          "schedule \(name) off: \(name) = \(NumberFormat.text(value)) from t=\(from)\(tail)"
        ],
        json: .object([
          ("schedule", .null), ("setting", .string(name)), (name, .number(value)),
          ("from_t", .integer(from)), ("dropped", .integer(dropped)),
        ]))
    }
    let kept = from > 1 ? ", the state kept" : ""
    return Reply(
      lines: [
        "\(name) follows " + schedule.description + " (optax inject_hyperparams)",
        "from t=\(from)\(kept): \(beta.symbol) = \(NumberFormat.text(next.value)) at count \(next.count)\(tail)",
      ],
      json: .object([
        ("schedule", .string(schedule.description)), ("setting", .string(name)),
        ("library", .string(schedule.library.rawValue)), ("from_t", .integer(from)),
        ("count", .integer(next.count)), (name, .number(next.value)),
        ("dropped", .integer(dropped)),
      ]))
  }

  /// `show schedule`'s lines for the β schedules in force: the schedule, where it was set,
  /// the setting it replaces, and β now and next.
  func showBetaSchedules() -> (lines: [String], pairs: [(String, JSON)]) {
    var lines: [String] = []
    var pairs: [(String, JSON)] = []
    let t = session.t
    for beta in ScheduledBeta.allCases {
      guard let (schedule, text) = betaSchedule(beta) else { continue }
      let name = beta.rawValue
      let setting = beta.value(in: session.setup.hyperparameters)
      lines.append(name.padding(to: 10) + text)
      let library =
        session.setup.betaSchedules[beta] != nil
        ? "optax inject_hyperparams, per update" : "pytorch, \(schedule.counting.rawValue)"
      lines.append(
        "          \(library), set at t=\(schedule.startsAfter);"
          + " setting \(NumberFormat.text(setting))")
      var fields: [(String, JSON)] = [
        ("schedule", .string(text)), ("set_at", .integer(schedule.startsAfter)),
        ("setting", .number(setting)),
      ]
      for (label, u) in [("now", t), ("next", t + 1)] {
        guard let value = session.scheduledBeta(beta, ofUpdate: u) else { continue }
        lines.append(
          "          \(label) \(beta.symbol) = \(NumberFormat.text(value.value)) at t=\(u) (count \(value.count))"
        )
        fields.append(
          (
            label,
            .object([
              ("t", .integer(u)), ("count", .integer(value.count)), (name, .number(value.value)),
            ])
          ))
      }
      pairs.append((name, .object(fields)))
    }
    return (lines, pairs)
  }

  /// `show beta2` under a schedule: the β of update t (at t = 0, of update 1), the next, the
  /// setting and the schedule, as `show eta` does for η; nil without a schedule of it.
  func showScheduledBeta(_ beta: ScheduledBeta) -> (String, JSON)? {
    guard let (_, text) = betaSchedule(beta) else { return nil }
    let t = max(session.t, 1)
    let value =
      session.scheduledBeta(beta, ofUpdate: t)?.value
      ?? beta.value(in: session.setup.hyperparameters)
    var parts = ["update \(t)"]
    if session.t > 0, let next = session.scheduledBeta(beta, ofUpdate: t + 1), next.value != value {
      parts.append("next \(NumberFormat.text(next.value))")
    }
    parts.append("setting \(NumberFormat.text(beta.value(in: session.setup.hyperparameters)))")
    parts.append("schedule " + text)
    return ("\(NumberFormat.text(value)) (\(parts.joined(separator: "; ")))", .number(value))
  }

  /// The schedule that sets `beta` and how to name it: its own (optax), or for β₁ η's
  /// OneCycleLR with cycle_momentum; nil when the setting holds.
  func betaSchedule(_ beta: ScheduledBeta) -> (LearningRateSchedule, String)? {
    if let schedule = session.setup.betaSchedules[beta] {
      return (schedule, Interpreter.text(schedule.phases[0]))
    }
    guard beta == .beta1, let cycle = session.setup.schedule, cycle.cyclesMomentum else {
      return nil
    }
    return (cycle, "OneCycleLR cycle_momentum (eta's schedule)")
  }
}
