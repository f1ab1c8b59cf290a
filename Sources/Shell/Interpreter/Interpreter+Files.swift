import Optimization

extension Interpreter {
  /// The deepest `source` nesting allowed (a file that sources itself stops here).
  static let maximumSourceDepth = 8

  /// `source PATH`: runs a command file or a session transcript, line by line; stops at the
  /// first error, naming FILE:LINE. The file's own relative paths start from its folder.
  mutating func source(_ path: String) throws(ShellError) -> Reply {
    guard sourceDepth < Interpreter.maximumSourceDepth else {
      throw ShellError(
        "'source' nested more than \(Interpreter.maximumSourceDepth) deep at '\(path)'")
    }
    let text = try files.read(path)
    let script = Transcript(parsing: text)
    var lines: [String] = []
    let outerFolder = folder
    sourceDepth += 1
    folder = Interpreter.folder(of: resolve(path))
    defer {
      sourceDepth -= 1
      folder = outerFolder
    }
    for block in script.blocks {
      guard case .command(let entry) = block else {
        if case .narration(let line) = block { narrate(line) }
        continue
      }
      let outcome = execute(entry.command, isCancelled: isCancelled)
      lines += outcome.replies.flatMap(\.lines)
      if let error = outcome.error {
        throw ShellError("\(path):\(entry.lineNumber): \(error.message)")
      }
      if outcome.quit { break }
    }
    return Reply(lines: lines)
  }

  /// `save PATH [replace]`: writes the commands that rebuild this session, ending at the
  /// current t.
  func save(_ file: OutputFile) throws(ShellError) -> Reply {
    let text =
      try rebuildScript(savedIn: Interpreter.folder(of: resolve(file.path)))
      .joined(separator: "\n") + "\n"
    try files.write(file.path, contents: text, replacing: file.replace)
    return Reply(
      lines: [
        "saved \(named(file.path)): the commands that rebuild this session at t=\(session.t)"
      ],
      json: .object([("saved", .string(resolve(file.path)))]))
  }

  /// The commands that rebuild the session: data, optimizer, every setting that differs
  /// from the convention's default, the start, then the timeline's steps and changes. Names are quoted so that
  /// `source` reads them back exactly, and a data file is named from `folder`, where the
  /// script is saved (its references resolve against its own folder).
  func rebuildScript(savedIn folder: String = "") throws(ShellError) -> [String] {
    let setup = session.timeline.start
    var lines = ["# adalab session, saved at t=\(session.t)"]
    lines.append("load " + (try loadArguments(of: setup.dataset, savedIn: folder)))
    lines.append("use \(setup.optimizer.rawValue):\(setup.convention.rawValue)")
    let defaults = RunSetup(
      dataset: setup.dataset, optimizer: setup.optimizer, convention: setup.convention)
    for setting in Setting.applicable(to: setup.optimizer, convention: setup.convention)
    where setup.value(of: setting) != defaults.value(of: setting) {
      lines.append("set \(setting.rawValue) \(Interpreter.exactText(setup.value(of: setting)))")
    }
    let start = setup.start
    lines.append(
      "init w=" + start.dropLast().map { Interpreter.exactText(.number($0)) }.joined(separator: ",")
        + " b=\(Interpreter.exactText(.number(start.last!)))")
    if let schedule = setup.schedule { lines.append("schedule eta " + schedule.description) }
    for beta in ScheduledBeta.allCases {
      if let schedule = setup.betaSchedules[beta] {
        lines.append("schedule \(beta.rawValue) " + schedule.description)
      }
    }
    return lines + timelineScript()
  }

  /// `'my data.csv' target=y`, `toy`, `sparse n=… density=… seed=…`.
  private func loadArguments(of dataset: Dataset, savedIn folder: String) throws(ShellError)
    -> String
  {
    guard let file = dataset.file else { return dataset.recipe }
    let path = relativePath(of: file, from: folder)
    guard let quotedPath = Lexer.quoted(path), let quotedTarget = Lexer.quoted(dataset.targetName)
    else {
      throw ShellError(
        "cannot save: the data file '\(path)' or its target '\(dataset.targetName)' has a line break in its name, which a command line cannot hold"
      )
    }
    return "\(quotedPath) target=\(quotedTarget)"
  }

  /// `path` (relative to the current folder, or absolute) as seen from `folder`.
  private func relativePath(of path: String, from folder: String) -> String {
    if path.hasPrefix("/") || path.hasPrefix("~") || folder.isEmpty { return path }
    if path.hasPrefix(folder + "/") { return String(path.dropFirst(folder.count + 1)) }
    let parts = folder.split(separator: "/").filter { $0 != "." }
    if !folder.hasPrefix("/") && !folder.hasPrefix("~") && !parts.contains("..") {
      return String(repeating: "../", count: parts.count) + path
    }
    return fileAccess.absolutePath(path)
  }

  /// A setting value in shortest round-trip form, so a saved session rebuilds bit for bit.
  static func exactText(_ value: SettingInput) -> String {
    switch value {
    case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    case .word(let w): return w
    }
  }

  /// `preset NAME`: one of the notes' code listings, ready to step.
  mutating func preset(_ listing: Listing) -> Reply {
    session.replaceSetup(listing.setup)
    var reply = describeOptimizer()
    reply.lines.insert(
      "\(listing.rawValue): the notes' listing on the toy set, one update per point, from \(startDescription)",
      at: 0)
    return reply
  }
}
