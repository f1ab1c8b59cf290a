import Optimization

extension CommandParser {
  /// `schedule eta KIND [NAME=VALUE …] [then KIND …] [per epoch|per update]`, or
  /// `schedule off`; `schedule beta1|beta2 KIND [NAME=VALUE …]`, or `schedule beta2 off`.
  mutating func parseSchedule() throws(ParseError) -> Command {
    if skip(keyword: "off") { return .schedule(.off) }
    for beta in ScheduledBeta.allCases where skip(keyword: beta.rawValue) {
      if skip(keyword: "off") { return .schedule(.betaOff(beta)) }
      let (phases, counting) = try parsePhases()
      return .schedule(.beta(beta, phases: phases, counting: counting))
    }
    guard skip(keyword: "eta") else { throw expected("'eta', 'beta1', 'beta2' or 'off'") }
    let (phases, counting) = try parsePhases()
    return .schedule(.eta(phases: phases, counting: counting))
  }

  /// `KIND [NAME=VALUE …] [then KIND …] [per epoch|per update]`.
  private mutating func parsePhases() throws(ParseError) -> (
    [ScheduleRequest.Phase], ScheduleCounting?
  ) {
    var phases: [ScheduleRequest.Phase] = []
    var at: Int?
    repeat {
      let kind = try parseName("schedule", in: Vocabulary.scheduleKinds).name
      var arguments: [ScheduleRequest.Argument] = []
      while let token = next, token.kind == .word, !token.isWord("then"), !token.isWord("per") {
        let name = try parseName(
          "parameter", in: Vocabulary.scheduleParameters(of: kind), of: kind
        ).name
        try expect(symbol: "=")
        arguments.append(.init(name: name, text: try parseScheduleValue(of: name)))
      }
      phases.append(.init(kind: kind, arguments: arguments, at: at))
      at = nil
      guard skip(keyword: "then") else { break }
      if skip(keyword: "at") {
        guard let token = next, let milestone = Int(token.text), milestone >= 1 else {
          throw expected("a milestone (a whole number of counts from 1)")
        }
        advance()
        at = milestone
      }
    } while true
    var counting: ScheduleCounting?
    if skip(keyword: "per") {
      if skip(keyword: "epoch") {
        counting = .perEpoch
      } else if skip(keyword: "update") {
        counting = .perUpdate
      } else {
        throw expected("'epoch' or 'update'")
      }
    }
    return (phases, counting)
  }

  /// A value and every token that touches it: `0.1`, `30,80`, `10:0.5,25:0.1`, `True`.
  private mutating func parseScheduleValue(of name: String) throws(ParseError) -> String {
    guard let first = next, first.kind == .word || first.kind == .quoted else {
      throw expected("a value for '\(name)'")
    }
    advance()
    var text = first.text
    while let next, next.column == previous.endColumn, next.kind != .separator {
      text += advance().text
    }
    return text
  }
}
