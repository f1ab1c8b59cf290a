import Optimization

extension Interpreter {
  /// `load toy | sparse ... | FILE.csv [target=NAME]`.
  mutating func load(_ source: DataSource) throws(ShellError) -> Reply {
    let dataset: Dataset
    var notes: [String] = []
    switch source {
    case .toy: dataset = .toy
    case .sparse(let count, let density, let seed):
      let n = count ?? Dataset.sparseDefaultCount
      let p = density ?? Dataset.sparseDefaultDensity
      guard n >= 1 && n <= 100_000_000 else {
        throw ShellError("n must be a whole number from 1 to 100000000, found \(n)")
      }
      guard p >= 0 && p <= 1 else {
        throw ShellError("density must be in [0, 1], found \(NumberFormat.text(p))")
      }
      // Measured: 66 bytes a point at the peak of generating 4 features and a target.
      let needed = Double(n) * 68
      if let available = memoryAvailable(), needed > available {
        throw ShellError(
          "load sparse n=\(n) needs about \(ByteCount.text(needed)) of memory, more than the \(ByteCount.text(available)) this process may still use"
        )
      }
      dataset = .sparse(count: n, density: p, seed: seed ?? Dataset.sparseDefaultSeed)
    case .csv(let path, let target):
      let text = try files.read(path)
      do {
        var parsed: Dataset
        (parsed, notes) = try Interpreter.readCSV(
          text, path: path, target: target, isCancelled: isCancelled)
        parsed.file = resolve(path)
        dataset = parsed
      } catch {
        if isCancelled() {
          throw ShellError("interrupted: 'load' read nothing; the data are as they were")
        }
        throw error
      }
    }
    do {
      try session.setup.training.loss.checkTargets(of: dataset)
    } catch {
      throw ShellError(error.message + " (set loss squared first)")
    }
    session.load(dataset)
    var reply = describeData(prefix: "loaded")
    reply.lines.insert(contentsOf: notes, at: 0)
    reply.lines += Interpreter.targetNotes(dataset)
    return reply
  }

  func describeData(prefix: String) -> Reply {
    let data = session.setup.dataset
    let densities = (0..<data.dimension).map { data.density(ofFeature: $0) }
    let sparse = densities.enumerated().filter { $0.element < 0.5 }.map {
      "\(data.featureNames[$0.offset]) non-zero in \(NumberFormat.text($0.element * 100, digits: 3))%"
    }
    let name = ShellError.visible(data.name)
    var line =
      "\(prefix) \(name): \(data.count) point\(data.count == 1 ? "" : "s"), "
      + "\(data.dimension) feature\(data.dimension == 1 ? "" : "s") "
      + ShellError.visible(
        "(\(data.featureNames.joined(separator: ", "))), target \(data.targetName)")
    if !sparse.isEmpty { line += "; " + sparse.joined(separator: ", ") }
    return Reply(
      lines: [line, "start \(startDescription), t=0"],
      json: .object([
        ("data", .string(data.name)), ("points", .integer(data.count)),
        ("features", .array(data.featureNames.map(JSON.string))),
        ("target", .string(data.targetName)),
        ("density", .array(densities.map(JSON.number))),
      ]))
  }

  /// `use OPT[:CONVENTION][overrides]`.
  mutating func use(_ spec: OptimizerSpec) throws(ShellError) -> Reply {
    let setup = try Interpreter.setup(for: spec, from: session.setup)
    session.replaceSetup(setup)
    return describeOptimizer()
  }

  /// The setup a spec describes: the optimizer with its convention's defaults, then the
  /// overrides, on the data, start and batching of `base`.
  ///
  /// With `keepingSettings` (what `compare` asks for), a spec of `base`'s own optimizer and
  /// convention starts from `base`'s settings rather than the defaults.
  static func setup(
    for spec: OptimizerSpec, from base: RunSetup, keepingSettings: Bool = false
  ) throws(ShellError) -> RunSetup {
    let optimizer = spec.optimizer
    let convention = spec.convention ?? base.convention
    if let reason = optimizer.unavailable(in: convention) {
      throw ShellError(reason)
    }
    if let reason = base.schedule?.refusal(for: optimizer, under: convention) {
      throw ShellError(reason + " (or 'schedule off' first)")
    }
    for (beta, schedule) in base.betaSchedules.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      if let reason = beta.refusal(of: schedule, for: optimizer, under: convention) {
        throw ShellError(reason + " (or 'schedule \(beta.rawValue) off' first)")
      }
    }
    var setup = base
    setup.optimizer = optimizer
    setup.convention = convention
    let isSame = optimizer == base.optimizer && convention == base.convention
    if !(keepingSettings && isSame) {
      setup.hyperparameters = .defaults(for: optimizer, convention: convention)
    }
    for assignment in spec.overrides {
      setup = try apply(assignment, to: setup)
    }
    return setup
  }

  static func apply(_ assignment: SettingAssignment, to setup: RunSetup) throws(ShellError)
    -> RunSetup
  {
    let input: SettingInput
    switch assignment.value {
    case .number(let x): input = .number(x)
    case .word(let w): input = .word(w)
    }
    do {
      return try setup.setting(assignment.setting, to: input)
    } catch {
      throw ShellError(error.message)
    }
  }

  /// `convention NAME`: the same optimizer with another library's rule and defaults.
  mutating func useConvention(_ convention: Convention) throws(ShellError) -> Reply {
    try use(OptimizerSpec(optimizer: session.setup.optimizer, convention: convention))
  }

  /// `set colors CHOICE`: a choice of the screen's, not of the run, so t stays where it is.
  mutating func useColours(_ choice: String) -> Reply {
    colourChoice = choice
    return Reply(lines: ["colors = \(choice)"], json: .object([("colors", .string(choice))]))
  }

  /// `set NAME VALUE [restart]`: from the next update at t > 0 (see `changeCourse`), else
  /// a new run from the start.
  mutating func set(_ assignment: SettingAssignment, restart: Bool = false) throws(ShellError)
    -> Reply
  {
    let before = session.t
    let next = try Interpreter.apply(assignment, to: session.setup)
    let setting = assignment.setting
    if before > 0 && !restart && !setting.restartsRun {
      return changeCourse(to: next, setting: setting)
    }
    let dropped = session.timeline.changes.count
    session.replaceSetup(next)
    let value = session.setup.value(of: setting)
    var line = "\(setting.rawValue) = \(Interpreter.text(value))"
    if before > 0 {
      let why =
        restart
        ? ""
        : setting.isTraining
          ? ": it decides the points each update reads" : ": it acts at the start only"
      line += " (restarted at t=0\(why))"
    }
    line += Interpreter.droppedText(dropped, later: before == 0)
    return Reply(lines: [line], json: .object([(setting.rawValue, Interpreter.json(value))]))
  }

  static func text(_ value: SettingInput) -> String {
    switch value {
    case .number(let x): return NumberFormat.text(x)
    case .word(let w): return w
    }
  }

  static func json(_ value: SettingInput) -> JSON {
    switch value {
    case .number(let x): return .number(x)
    case .word(let w): return Double(w).map(JSON.number) ?? .string(w)
    }
  }

  /// `init w=... b=...`.
  mutating func initialize(w: [Double]?, b: Double?) throws(ShellError) -> Reply {
    do {
      try session.initialize(weights: w, bias: b)
    } catch {
      throw ShellError(error.message)
    }
    let start = session.setup.start
    return Reply(
      lines: ["start \(startDescription), t=0"],
      json: .object([
        ("w", .array(start.dropLast().map(JSON.number))), ("b", .number(start.last!)),
      ]))
  }

  /// The optimizer line `use` and `convention` print: its rule's settings and values.
  func describeOptimizer() -> Reply {
    let setup = session.setup
    let settings = Setting.applicable(to: setup.optimizer, convention: setup.convention)
      .filter { !$0.isTraining }
    let (listed, off) = setup.ruleSettings
    let parts = listed.map { "\($0.rawValue) \(Interpreter.text(setup.value(of: $0)))" }
    let line =
      "\(setup.optimizer.rawValue) (\(setup.convention.rawValue)): "
      + parts.joined(separator: ", ")
      + (off.isEmpty ? "" : "; off: " + off.map(\.rawValue).joined(separator: ", "))
    return Reply(
      lines: [line],
      json: .object(
        [
          ("optimizer", .string(setup.optimizer.rawValue)),
          ("convention", .string(setup.convention.rawValue)),
        ] + settings.map { ($0.rawValue, Interpreter.json(setup.value(of: $0))) }))
  }
}
