import Optimization

extension CommandParser {
  /// Parses the whole command: its name, its arguments, and nothing after them.
  mutating func parseCommand() throws(ParseError) -> Command {
    let token = advance()
    guard token.kind == .word else {
      throw ParseError("expected a command, found '\(token.source)'", column: token.column)
    }
    let name = try resolve(token, in: Vocabulary.commands, as: "command", byPrefix: true).name
    let command: Command
    switch name {
    case "load": command = try parseLoad()
    case "use": command = try parseUse()
    case "convention": command = .convention(try parseConvention())
    case "set": command = try parseSet()
    case "schedule": command = try parseSchedule()
    case "init": command = try parseInit()
    case "show": command = .show(try parseShow())
    case "step": command = .step(try parseOptionalCount(of: "steps", after: name) ?? 1)
    case "epoch": command = .epoch(try parseOptionalCount(of: "epochs", after: name) ?? 1)
    case "run": command = try parseRun()
    case "reset": command = .reset
    case "undo": command = .undo
    case "redo": command = .redo
    case "quit": command = .quit
    case "history": command = next == nil ? .history : try parseHistoryTable()
    case "help": command = .help(try parseHelpTopic())
    case "compare": command = try parseCompare()
    case "source": command = .source(try parsePath(after: name))
    case "save":
      // `save history FILE` writes what was typed; `save history` alone is a file so named.
      if let word = next, word.isWord("history"), let after = afterNext, !after.isWord("replace") {
        advance()
        command = .saveHistory(try parseOutputFile(after: "save history"))
      } else {
        command = .save(try parseOutputFile(after: name))
      }
    case "preset": command = .preset(try parsePreset())
    case "explain": command = try parseExplain()
    case "display": command = try parseDisplay()
    case "undisplay": command = .undisplay(try parseNumbers(after: name))
    case "watch": command = .watch(try parseCondition())
    case "unwatch": command = .unwatch(try parseNumbers(after: name))
    case "delete":
      command =
        skip(keyword: "display")
        ? .undisplay(try parseNumbers(after: "delete display"))
        : .unwatch(try parseNumbers(after: name))
    case "expect": command = .expect(try parseCondition())
    case "info": command = try parseInfo()
    case "back": command = .back(try parseOptionalCount(of: "updates", after: name) ?? 1)
    case "goto": command = try parseGoto()
    case "fork": command = .fork(try parseForkName(after: name, optional: true))
    case "switch": command = .switchTo(try parseForkName(after: name, optional: false)!)
    case "sweep": command = try parseSweep()
    case "diagnose": command = try parseDiagnose()
    case "plot": command = try parsePlot()
    case "export": command = try parseExport()
    default: preconditionFailure("no parser for the command '\(name)'")
    }
    try expectEnd()
    return command
  }

  /// `use SPEC [from here]`.
  mutating func parseUse() throws(ParseError) -> Command {
    let spec = try parseSpec()
    guard skip(keyword: "from") else { return .use(spec) }
    guard skip(keyword: "here") else { throw expected("'here'") }
    return .use(spec, fromHere: true)
  }

  /// `set NAME VALUE [restart|reset]`; `set colors CHOICE` (where `restart` changes nothing).
  mutating func parseSet() throws(ParseError) -> Command {
    let names = Vocabulary.settings + Vocabulary.screenSettings
    let (term, value) = try parseNamedValue(in: names, requiresEquals: false)
    let restart = skip(keyword: "restart") || skip(keyword: "reset")
    guard let setting = Setting(rawValue: term.name) else {
      // The screen's one setting takes only its choices, which are words.
      guard case .word(let choice) = value else { preconditionFailure("colors takes words") }
      return .colours(choice)
    }
    return .set(SettingAssignment(setting: setting, value: value), restart: restart)
  }

  /// `source PATH`: a quoted string or a word with whatever touches it.
  mutating func parsePath(after command: String) throws(ParseError) -> String {
    guard let path = freeText() else { throw expected("a file path", after: command) }
    return path.text
  }

  /// `PATH [replace]` after `save`, `export` or `plot … to`: a file name (not empty, not a
  /// folder), and whether it may replace a file this session did not write. `suffixes`, when
  /// given, are the endings the name must have (lowercase, with the dot).
  mutating func parseOutputFile(after command: String, suffixes: [String] = [])
    throws(ParseError) -> OutputFile
  {
    let what = suffixes.isEmpty ? "a file path" : "a file name ending in " + Self.list(suffixes)
    guard let (path, column) = freeText() else { throw expected(what, after: command) }
    guard !path.isEmpty else {
      throw ParseError("expected \(what) after '\(command)', found an empty name", column: column)
    }
    guard !path.hasSuffix("/"), path != ".", path != "..", !path.hasSuffix("/."),
      !path.hasSuffix("/..")
    else {
      throw ParseError(
        "expected a file name after '\(command)', found the folder '\(path)' (write \(path.hasSuffix("/") ? path : path + "/")NAME)",
        column: column)
    }
    guard suffixes.isEmpty || suffixes.contains(where: { path.lowercased().hasSuffix($0) }) else {
      throw ParseError("expected \(what) after '\(command)', found '\(path)'", column: column)
    }
    return OutputFile(path: path, replace: skip(keyword: "replace"))
  }

  /// `.html, .htm or .md`.
  static func list(_ suffixes: [String]) -> String {
    suffixes.count == 1
      ? suffixes[0]
      : suffixes.dropLast().joined(separator: ", ") + " or " + suffixes.last!
  }

  /// `preset NAME`.
  mutating func parsePreset() throws(ParseError) -> Listing {
    try parseName("preset", in: Vocabulary.presets).meaning(Listing.self)
  }

  /// `convention NAME`.
  mutating func parseConvention() throws(ParseError) -> Convention {
    try parseName("convention", in: Vocabulary.conventions).meaning(Convention.self)
  }

  /// `help [TOPIC]`: a command (by name, alias or unique prefix) or any other name of the
  /// vocabulary (by name or alias).
  mutating func parseHelpTopic() throws(ParseError) -> HelpTopic? {
    try parseHelpName().map(HelpTopic.init(canonical:))
  }

  /// The canonical name after `help`, if any (see ``parseHelpTopic()``).
  private mutating func parseHelpName() throws(ParseError) -> String? {
    guard let token = next else { return nil }
    guard token.kind == .word else { throw expected("a command or another name to explain") }
    advance()
    if case .found(let command) = Vocabulary.commands.match(token.text) { return command.name }
    let others =
      Vocabulary.optimizers + Vocabulary.conventions + Vocabulary.settings
      + Vocabulary.screenSettings
      + Vocabulary.quantities + Vocabulary.groups + Vocabulary.dataSets + Vocabulary.presets
      + Vocabulary.scheduleKinds
    if case .found(let term) = others.match(token.text) { return term.name }
    switch Vocabulary.commands.match(token.text, byPrefix: true) {
    case .found(let command): return command.name
    case .ambiguous(let names):
      throw ParseError(
        "ambiguous command '\(token.text)': \(Self.listedWithPrefixes(names, in: Vocabulary.commands))",
        column: token.column)
    case .unknown:
      let suggestions = (Vocabulary.commands + others).suggestions(for: token.text)
      throw ParseError(
        "unknown help topic '\(token.text)'\(didYouMean(suggestions))", column: token.column)
    }
  }
}
