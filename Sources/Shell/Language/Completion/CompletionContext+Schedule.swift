import Optimization

extension CompletionContext {
  /// After `schedule`: `eta` or `off`; the kinds (from the engine's catalog); a kind's
  /// parameters not yet given, `then` after a LinearLR (SequentialLR) and `per`; `epoch`
  /// or `update` after `per`. Matched without regard to case, since the libraries' names
  /// keep their capitals.
  static func scheduleNames(after arguments: [Token], startingWith word: String) -> [String] {
    let names: [String]
    if arguments.isEmpty {
      names = ["eta"] + ScheduledBeta.allCases.map(\.rawValue) + ["off"]
    } else if let last = arguments.last, last.isWord("eta") && arguments.count == 1 {
      names = Vocabulary.scheduleKinds.map(\.name)
    } else if arguments.count == 1, ScheduledBeta(rawValue: arguments[0].text) != nil {
      // β takes optax's schedules only (inject_hyperparams).
      names = ScheduleKind.allCases.filter { $0.library == .optax }.map(\.rawValue) + ["off"]
    } else if arguments.last?.isWord("then") == true {
      names =
        ScheduleKind.allCases.filter {
          $0.library == .pytorch && $0 != .oneCycleLR && $0 != .reduceLROnPlateau
        }.map(\.rawValue) + ["at"]
    } else if arguments.dropLast().last?.isWord("at") == true {
      names = ScheduleKind.allCases.filter {
        $0.library == .pytorch && $0 != .oneCycleLR && $0 != .reduceLROnPlateau
      }.map(\.rawValue)
    } else if arguments.last?.isWord("per") == true {
      names = ["epoch", "update"]
    } else if arguments.first.map({ $0.isWord("eta") || ScheduledBeta(rawValue: $0.text) != nil })
      == true, arguments.last?.isSymbol("=") != true,
      !arguments.contains(where: { $0.isWord("per") })
    {
      let phase = arguments.split { $0.isWord("then") }.last ?? []
      guard
        let kindToken = phase.first(where: {
          $0.kind == .word && !$0.isWord("eta") && ScheduledBeta(rawValue: $0.text) == nil
        }),
        case .found(let term) = Vocabulary.scheduleKinds.match(kindToken.text),
        let kind = ScheduleKind(named: term.name)
      else { return [] }
      let given = Set(phase.map { $0.text.lowercased() })
      names =
        kind.parameters.map(\.name).filter { !given.contains($0.lowercased()) }
        + (kind.library == .pytorch && kind != .oneCycleLR && kind != .reduceLROnPlateau
          && arguments.first?.isWord("eta") == true ? ["then"] : []) + ["per"]
    } else {
      names = []
    }
    return names.filter { $0.lowercased().hasPrefix(word.lowercased()) }
  }
}
