import Optimization

extension CommandParser {
  /// `explain [NAME]`: one quantity, or the whole last update.
  mutating func parseExplain() throws(ParseError) -> Command {
    guard next != nil else { return .explain(nil) }
    return .explain(try parseQuantity())
  }

  /// `display [NAME...]`: quantities, as `show` takes them.
  mutating func parseDisplay() throws(ParseError) -> Command {
    var quantities: [QuantityRef] = []
    while next != nil {
      quantities.append(try parseQuantity())
    }
    return .display(quantities)
  }

  /// `undisplay [N...]`, `unwatch [N...]`, `delete [display] [N...]`: the numbers `info`
  /// lists (blanks or commas between them), or nothing for all.
  mutating func parseNumbers(after command: String) throws(ParseError) -> [Int] {
    let what = command.hasSuffix("display") ? "display" : "watch"
    var numbers: [Int] = []
    while next != nil {
      if !numbers.isEmpty { _ = skip(symbol: ",") }
      guard let token = next, token.kind == .word, let number = Int(token.text), number >= 1
      else {
        throw expected("a \(what) number ('info \(what)' lists them)", after: command)
      }
      advance()
      numbers.append(number)
    }
    return numbers
  }

  /// `info display`, `info watch`, `info forks`.
  mutating func parseInfo() throws(ParseError) -> Command {
    let topics = [
      Term("display", aliases: ["displays"], "what display shows after each stepping command"),
      Term("watch", aliases: ["watches"], "the conditions that stop stepping"),
      Term("forks", aliases: ["fork"], "the named copies of the session"),
    ]
    return .info(try parseName("topic", in: topics, of: "info").name)
  }

  /// `history NAME... [FROM..TO] [every K] [to FILE [replace]]`, after at least one name.
  mutating func parseHistoryTable() throws(ParseError) -> Command {
    var request = HistoryRequest(quantities: [])
    while let token = next, token.kind == .word, !token.isWord("every"), !token.isWord("to"),
      !token.text.contains(".."),
      NumberSyntax.read(token.text) == .notANumber
    {
      request.quantities.append(try parseQuantity())
    }
    guard !request.quantities.isEmpty else { throw expected("a quantity name", after: "history") }
    if let token = next, token.kind == .word, token.text.contains("..") {
      let (from, to) = try parseUpdateRange()
      (request.from, request.to) = (from, to)
    }
    if skip(keyword: "every") {
      request.every = try parseCount(of: "updates", after: "every")
    }
    if skip(keyword: "to") {
      request.file = try parseOutputFile(after: "to")
    }
    return .historyTable(request)
  }

  /// `FROM..TO` as updates (`0..100`, `..50`, `10..`).
  private mutating func parseUpdateRange() throws(ParseError) -> (Int?, Int?) {
    let token = advance()
    let parts = token.text.components(separatedBy: "..")
    func bound(_ text: String) throws(ParseError) -> Int? {
      if text.isEmpty { return nil }
      guard let value = Int(text), value >= 0 else {
        throw ParseError(
          "expected a range of updates such as 0..100, found '\(token.text)'",
          column: token.column)
      }
      return value
    }
    guard parts.count == 2 else {
      throw ParseError(
        "expected a range of updates such as 0..100, found '\(token.text)'", column: token.column)
    }
    let (from, to) = (try bound(parts[0]), try bound(parts[1]))
    if let from, let to, from > to {
      throw ParseError(
        "expected a range from low to high, found \(from)..\(to)", column: token.column)
    }
    return (from, to)
  }

  /// `goto T`: an update count, 0 allowed.
  mutating func parseGoto() throws(ParseError) -> Command {
    guard let token = next, token.kind == .word, let t = Int(token.text), t >= 0 else {
      throw expected("an update number (0, 1, 2, ...)", after: "goto")
    }
    advance()
    return .goto(t)
  }

  /// `fork [NAME]`, `switch NAME`: a name of letters, digits, `_` and `-`.
  mutating func parseForkName(after command: String, optional: Bool) throws(ParseError)
    -> String?
  {
    guard let token = next else {
      if optional { return nil }
      throw expected("a fork name", after: command)
    }
    guard token.kind == .word,
      token.text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
    else { throw expected("a fork name (letters, digits, _ or -)", after: command) }
    advance()
    return token.text
  }

  /// `sweep SETTING FROM..TO [log] [N] [steps N]`.
  mutating func parseSweep() throws(ParseError) -> Command {
    let setting = try parseName("setting", in: Vocabulary.settings, of: "sweep")
    guard setting.takesNumber else {
      throw ParseError(
        "sweep needs a setting that takes a number; '\(setting.name)' takes \(setting.choices.joined(separator: " or "))",
        column: previous.column)
    }
    guard let token = next, token.kind == .word, token.text.contains("..") else {
      throw expected("a range such as 0.01..1", after: setting.name)
    }
    advance()
    let parts = token.text.components(separatedBy: "..")
    guard parts.count == 2, case .number(let from) = NumberSyntax.read(parts[0]),
      case .number(let to) = NumberSyntax.read(parts[1])
    else {
      throw ParseError(
        "expected a range such as 0.01..1, found '\(token.text)'", column: token.column)
    }
    var request = SweepRequest(setting: setting.meaning(Setting.self), from: from, to: to)
    request.logarithmic = skip(keyword: "log")
    if let token = next, token.kind == .word, !token.isWord("steps") {
      request.count = try parseCount(of: "values", after: previous.text)
      guard request.count! >= 2 else {
        throw ParseError("expected at least 2 values to sweep, found 1", column: token.column)
      }
    }
    if skip(keyword: "steps") {
      request.steps = try parseCount(of: "steps", after: "steps")
    }
    return .sweep(request)
  }

  /// `diagnose PATH [tolerance X]`.
  mutating func parseDiagnose() throws(ParseError) -> Command {
    let path = try parsePath(after: "diagnose")
    let tolerance = skip(keyword: "tolerance") ? try parseNumber(after: "tolerance") : nil
    if let tolerance, tolerance <= 0 {
      throw ParseError("expected a tolerance > 0, found \(tolerance)", column: previous.column)
    }
    return .diagnose(path, tolerance: tolerance)
  }

  /// `at T,T,...` after `compare`: the updates to show side by side.
  mutating func parseUpdateList(after keyword: String) throws(ParseError) -> [Int] {
    var updates = [try parseCount(of: "updates", after: keyword)]
    while skip(symbol: ",") {
      updates.append(try parseCount(of: "updates", after: ","))
    }
    return updates
  }
}
