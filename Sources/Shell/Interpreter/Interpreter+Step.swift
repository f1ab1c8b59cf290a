import Optimization

extension Interpreter {
  /// `step N`.
  mutating func step(_ count: Int) -> Reply {
    let start = session.t
    let updates = takeWatchedUpdates(count)
    return stepReply(updates, requested: count, from: start, condition: nil)
  }

  /// `epoch N`.
  mutating func epoch(_ count: Int) -> Reply {
    let start = session.t
    let perEpoch = session.updatesPerEpoch
    let (product, overflow) = (session.epoch + count).multipliedReportingOverflow(by: perEpoch)
    let updates = takeWatchedUpdates((overflow ? Int.max : product) - session.t)
    return stepReply(updates, requested: nil, from: start, condition: nil)
  }

  /// `run until CONDITION [max N]`.
  mutating func runUntil(_ condition: Condition, max: Int?) throws(ShellError) -> Reply {
    let limit = max ?? 1_000_000
    let evaluator = try ConditionEvaluator(condition, session: session)
    if try evaluator.holds(now: session) {
      return Reply(
        lines: ["already true at t=\(session.t): \(evaluator.text)"],
        json: .object([("t", .integer(session.t)), ("outcome", .string("already"))]))
    }
    let start = session.t
    let updates = takeWatchedUpdates(limit, until: evaluator.stop, isUpperBound: true)
    var reply = stepReply(updates, requested: limit, from: start, condition: evaluator.text)
    if updates.report.outcome == .completed {
      reply.lines.append("stopped at max \(limit): \(evaluator.text) is still false")
    }
    return reply
  }

  /// The line a stepping command ends with: where it stopped, why (the watch that stopped
  /// it, or `condition`), and the main values.
  func stepReply(
    _ updates: WatchedUpdates, requested: Int?, from start: Int, condition: String?
  ) -> Reply {
    let report = updates.report
    var lines: [String] = []
    var outcome = "completed"
    switch report.outcome {
    case .completed: break
    case .conditionMet:
      outcome = "condition"
      lines.append(
        updates.firedWatch.map(firedLine)
          ?? "stopped at t=\(session.t): \(condition ?? "condition") is true")
    case .interrupted:
      outcome = "interrupted"
      let of = requested.map { " of \($0)" } ?? ""
      let noun = (requested ?? report.taken) == 1 ? "update" : "updates"
      lines.append("interrupted at t=\(session.t) (after \(report.taken)\(of) \(noun))")
    case .diverged(let divergence):
      outcome = "diverged"
      lines.append(divergenceMessage(divergence))
    }
    lines.append(summaryLine)
    var pairs: [(String, JSON)] = [
      ("t", .integer(session.t)), ("taken", .integer(report.taken)),
      ("outcome", .string(outcome)), ("loss", .number(session.loss)),
    ]
    let start = session.state.parameters
    pairs.append(("w", .array(start.dropLast().map(JSON.number))))
    pairs.append(("b", .number(start.last!)))
    if case .diverged(let divergence) = report.outcome {
      pairs.append(("diverged", .string(divergence.quantity.rawValue)))
    }
    if let watch = updates.firedWatch {
      if report.outcome != .conditionMet {
        // The update the watch turned true at was taken back (its loss was not finite).
        lines.insert(firedLine(watch), at: 0)
      }
      pairs.append(
        (
          "watch",
          .object([("number", .integer(watch.number)), ("condition", .string(watch.text))])
        ))
    }
    return Reply(lines: lines, json: .object(pairs))
  }

  /// `t=10  loss=0.41  w=[-1.99]  b=-1.98`.
  var summaryLine: String {
    let p = session.state.parameters
    return
      "t=\(session.t)  loss=\(NumberFormat.text(session.loss))  "
      + "w=\(NumberFormat.text(Array(p.dropLast())))  b=\(NumberFormat.text(p.last!))"
  }

  func divergenceMessage(_ divergence: Divergence) -> String {
    let h = session.setup.hyperparameters
    var causes: [String] = []
    if h.epsilon < 1e-12 && !["gd", "momentum", "nag"].contains(session.setup.optimizer.rawValue) {
      causes.append("ε = \(NumberFormat.text(h.epsilon)) barely keeps the denominator from 0")
    }
    if h.learningRate >= 10 { causes.append("η = \(NumberFormat.text(h.learningRate)) is large") }
    if causes.isEmpty { causes.append("η too large or extreme data") }
    return
      "diverged: update t=\(divergence.step) would make \(divergence.quantity.rawValue) "
      + "non-finite, so it was not taken (\(causes.joined(separator: "; ")))"
  }
}
