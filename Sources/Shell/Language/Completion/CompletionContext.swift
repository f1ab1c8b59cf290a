/// The tokens of the current command before the word being completed, and what fits after them.
struct CompletionContext {
  /// The tokens of the command, without the word being completed.
  let tokens: [Token]

  /// The candidates for `word` at the end of `tokens`.
  func candidates(for word: String, files: (String) -> [String]) -> [String] {
    guard let first = tokens.first else { return Self.commandNames(startingWith: word) }
    guard first.kind == .word,
      case .found(let command) = Vocabulary.commands.match(first.text, byPrefix: true)
    else { return [] }
    let arguments = Array(tokens.dropFirst())
    let names: [String]
    switch command.name {
    case "load" where arguments.isEmpty:
      return Self.names(of: Vocabulary.dataSets, startingWith: word) + files(word)
    case "source" where arguments.isEmpty, "save" where arguments.isEmpty:
      return files(word)
    case "help" where arguments.isEmpty:
      return Self.commandNames(startingWith: word)
    case "use", "compare":
      names = Self.specNames(after: arguments, isComparing: command.name == "compare")
    case "convention" where arguments.isEmpty:
      names = Vocabulary.conventions.map(\.name)
    case "preset" where arguments.isEmpty:
      names = Vocabulary.presets.map(\.name)
    case "schedule":
      return Self.scheduleNames(after: arguments, startingWith: word)
    case "set":
      // `set NAME VALUE restart` starts over instead of changing course (screen settings
      // never restart anything).
      let words = arguments.filter { !$0.isSymbol("=") }
      if words.count == 2, case .found = Vocabulary.settings.match(words[0].text) {
        names = ["restart"]
      } else {
        names = Self.assignmentNames(
          after: arguments[...], among: Vocabulary.settings + Vocabulary.screenSettings)
      }
    case "show" where arguments.last?.isSymbol("[") != true:
      names = (Vocabulary.quantities + Vocabulary.settings + Vocabulary.groups).map(\.name)
    case "run":
      names = Self.conditionNames(after: arguments)
    case "watch", "expect":
      names = Self.conditionNames(after: arguments, afterUntil: true)
    case "display" where arguments.last?.isSymbol("[") != true,
      "explain" where arguments.isEmpty:
      names = Vocabulary.quantities.map(\.name)
    case "history" where arguments.last?.isSymbol("[") != true:
      let afterEvery = arguments.last?.isWord("every") == true
      names =
        afterEvery ? [] : Vocabulary.quantities.map(\.name) + (arguments.isEmpty ? [] : ["every"])
    case "sweep":
      if arguments.isEmpty {
        names = Vocabulary.settings.filter {
          $0.takesNumber && $0.name != "batch" && $0.name != "seed"
        }
        .map(\.name)
      } else {
        names =
          arguments.count >= 2 && arguments.last?.isWord("steps") != true ? ["log", "steps"] : []
      }
    case "init":
      let given = Set(arguments.map { $0.text.lowercased() })
      names = ["b", "w"].filter { !given.contains($0) }
    case "diagnose":
      if arguments.isEmpty { return files(word) }
      names = arguments.count == 1 ? ["tolerance"] : []
    case "plot" where arguments.last?.isSymbol("[") != true:
      if arguments.last?.isWord("to") == true { return files(word) }
      names = Self.plotNames(after: arguments)
    case "export" where arguments.isEmpty:
      return files(word)
    default:
      names = []
    }
    return names.filter { $0.hasPrefix(word.lowercased()) }
  }

  /// Command names, and aliases of more than one letter once something is typed (`exit`).
  static func commandNames(startingWith word: String) -> [String] {
    let aliases = word.isEmpty ? [] : Vocabulary.commands.flatMap(\.aliases).filter { $0.count > 1 }
    return (Vocabulary.commands.map(\.name) + aliases).filter { $0.hasPrefix(word.lowercased()) }
  }

  static func names(of terms: [Term], startingWith word: String) -> [String] {
    terms.map(\.name).filter { $0.hasPrefix(word.lowercased()) }
  }

  /// After `use` or `compare`: optimizers, conventions after `:`, settings inside `[...]`.
  static func specNames(after arguments: [Token], isComparing: Bool) -> [String] {
    let opened = arguments.lastIndex { $0.isSymbol("[") }
    let closed = arguments.lastIndex { $0.isSymbol("]") }
    if let opened, opened > (closed ?? -1) {
      let inside = arguments[(opened + 1)...]
      let assignments = inside.split(
        omittingEmptySubsequences: false, whereSeparator: { $0.isSymbol(",") })
      return assignmentNames(after: assignments.last ?? [])
    }
    if arguments.last?.isSymbol(":") == true { return Vocabulary.conventions.map(\.name) }
    // `use OPTIMIZER from here`: continue from the current parameters.
    if !isComparing, let last = arguments.last {
      if last.isWord("from") { return ["here"] }
      let named = arguments.contains { token in
        guard case .found = Vocabulary.optimizers.match(token.text) else { return false }
        return true
      }
      return named && !arguments.contains { $0.isWord("from") } ? ["from"] : []
    }
    guard isComparing || arguments.isEmpty else { return [] }
    guard arguments.last?.isWord("steps") != true else { return [] }
    let specs = arguments.indices.filter { index in
      guard case .found = Vocabulary.optimizers.match(arguments[index].text) else { return false }
      return index == 0 || !arguments[index - 1].isSymbol(":")
    }
    return Vocabulary.optimizers.map(\.name) + (specs.count >= 2 ? ["steps"] : [])
  }

  /// `NAME [=] VALUE`: setting names first, then the setting's words.
  static func assignmentNames(
    after tokens: ArraySlice<Token>, among settings: [Term] = Vocabulary.settings
  ) -> [String] {
    let words = tokens.filter { !$0.isSymbol("=") }
    switch words.count {
    case 0:
      return settings.map(\.name)
    case 1:
      guard case .found(let setting) = settings.match(words[0].text) else { return [] }
      return setting.choices
    default:
      return []
    }
  }

  /// After `run`: `until`, then quantities where an operand fits and `and`, `or`, `max` after a
  /// complete comparison. After `watch` and `expect` (`afterUntil`) the condition starts at
  /// once and has no `max`.
  static func conditionNames(after arguments: [Token], afterUntil: Bool = false) -> [String] {
    let joins = afterUntil ? ["and", "or"] : ["and", "max", "or"]
    guard let last = arguments.last else {
      return afterUntil ? Vocabulary.quantities.map(\.name) : ["until"]
    }
    let quantities = Vocabulary.quantities.map(\.name)
    if last.isWord("until") || last.isWord("and") || last.isWord("or") || last.isSymbol("(") {
      return quantities
    }
    if isComparison(last) || ArithmeticOperator(rawValue: last.text) != nil { return quantities }
    // A complete comparison ends in an operand (`1e-3`, `v_b`, `v_w[2]`) after a comparison.
    var operandStart = arguments.count - 1
    if last.isSymbol("]"), let opened = arguments.lastIndex(where: { $0.isSymbol("[") }) {
      operandStart = opened - 1
    }
    let isComplete = operandStart >= 1 && isComparison(arguments[operandStart - 1])
    return isComplete || last.isSymbol(")") ? joins : []
  }

  static func isComparison(_ token: Token) -> Bool {
    token.kind == .symbol && Comparison(rawValue: token.text) != nil
  }
}
