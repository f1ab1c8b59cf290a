import Optimization

extension Interpreter {
  /// `help` and `help TOPIC`: a command, optimizer, convention, setting or quantity.
  func help(_ topic: HelpTopic?) throws(ShellError) -> Reply {
    switch topic {
    case nil: return Reply(lines: HelpText.overview)
    case .command(let name): return Reply(lines: HelpText.command(name))
    case .optimizer(let optimizer): return Reply(lines: HelpText.optimizer(optimizer))
    case .setting(let setting): return Reply(lines: HelpText.setting(setting.rawValue, setting))
    case .screenSetting(let name): return Reply(lines: HelpText.setting(name, nil))
    case .name(let name):
      if let kind = ScheduleKind(named: name) { return Reply(lines: HelpText.scheduleKind(kind)) }
      let others = Vocabulary.quantities + Vocabulary.conventions + Vocabulary.groups
      guard let term = others.first(where: { $0.name == name }) else {
        throw ShellError("no help on '\(name)' (try 'help' for the list of commands)")
      }
      return Reply(lines: ["\(term.name): \(term.summary)"])
    }
  }
}

extension HelpText {
  /// `help COMMAND`: its usage, summary, aliases and examples.
  static func command(_ topic: String) -> [String] {
    let command = Vocabulary.commands.first { $0.name == topic }!
    var lines = ["\(command.usage)", "  \(command.summary)"]
    if !command.aliases.isEmpty {
      lines.append("  also: " + command.aliases.joined(separator: ", "))
    }
    lines.append("example:")
    lines += (HelpText.examples[topic] ?? []).map { "  \($0)" }
    if topic == "diagnose" { lines += HelpText.diagnoseDetails }
    if topic == "schedule" { lines += HelpText.scheduleDetails }
    return lines
  }

  /// `help SETTING`: what it does, its values, and (for a setting of the run) the optimizers
  /// that use it.
  static func setting(_ name: String, _ setting: Setting?) -> [String] {
    let term = (Vocabulary.settings + Vocabulary.screenSettings).first { $0.name == name }!
    var lines = ["set \(term.name) VALUE", "  \(term.summary)"]
    if !term.choices.isEmpty { lines.append("  values: " + term.choices.joined(separator: ", ")) }
    if let form = setting?.clipping(1) {
      // A stage before every rule, in the conventions whose library has the form.
      let conventions = Convention.allCases.filter { form.missing(under: $0) == nil }
      lines.append(
        "  used by: every optimizer, under "
          + conventions.map(\.rawValue).joined(separator: ", "))
    } else if let setting {
      // In any convention: optax's eps_root is read by no lecture or pytorch rule but adabelief.
      let users = Optimizer.allCases.filter { optimizer in
        Convention.allCases.contains { setting.applies(to: optimizer, convention: $0) }
      }.map(\.rawValue)
      lines.append("  used by: " + users.joined(separator: ", "))
    }
    // A setting that is also a quantity (eta, loss): `show`, `history` and `plot` read the
    // quantity.
    if let quantity = Vocabulary.quantities.first(where: { $0.name == name }) {
      lines.append("show \(quantity.name): \(quantity.summary)")
    }
    return lines
  }
}

/// The text of `help`.
enum HelpText {
  static var overview: [String] {
    let width = Vocabulary.commands.map(\.name.count).max() ?? 8
    return ["commands (help COMMAND for an example; help OPTIMIZER for its rule):"]
      + Vocabulary.commands.map { "  \($0.name.padding(to: width))  \($0.summary)" }
      + [
        "optimizers: " + Vocabulary.optimizers.map(\.name).joined(separator: ", "),
        "conventions: " + Vocabulary.conventions.map(\.name).joined(separator: ", "),
        "several commands on one line with ';', comments with '#'",
      ]
  }

  /// One example per command, each a line that works as typed.
  static let examples: [String: [String]] = [
    "load": ["load sparse n=500 density=0.02 seed=3", "load points.csv target=y"],
    "use": [
      "use adagrad", "use adam:keras", "use adam[beta2=0.99, eps=1e-7]", "use gd from here",
    ],
    "convention": ["convention pytorch"],
    "schedule": [
      "schedule eta StepLR step_size=30 gamma=0.1",
      "schedule eta LinearLR start_factor=0.1 total_iters=5 then CosineAnnealingLR T_max=95",
      "schedule eta OneCycleLR max_lr=0.5 total_steps=1000 cycle_momentum=False",
      "schedule eta warmup_cosine_decay_schedule init_value=0 warmup_steps=50 decay_steps=1000",
      "schedule eta CosineDecay decay_steps=1000 warmup_target=0.01 warmup_steps=100",
      "schedule eta StepLR step_size=10 gamma=0.5 then at 30 ExponentialLR gamma=0.9",
      "schedule off",
      "schedule beta2 linear_schedule init_value=0.9 end_value=0.999 transition_steps=100",
      "schedule beta2 off",
    ],
    "set": ["set beta2 0.999", "set eta 0.01 restart", "set eps_placement inside", "set batch 1"],
    "init": ["init w=-2 b=-2", "init w=0.5,1,-1,0 b=0"],
    "show": [
      "show v_b lr_b", "show w[2]", "show settings", "show state", "show all", "show timeline",
    ],
    "step": ["step", "step 100", "s 10k"],
    "epoch": ["epoch 5"],
    "run": [
      "run until loss < 1e-3 max 100000", "run until lr_b < 0.01 or t >= 500",
      "run until abs(w - 1.79) < 0.01",
    ],
    "reset": ["reset"],
    "undo": ["undo"],
    "redo": ["redo"],
    "quit": ["quit"],
    "history": [
      "history", "history loss lr_b", "history v_w[2] v_b 0..100 every 10",
      "history w b m_w m_b v_w v_b 0..100 to ref.csv", "history loss every 10 to loss.json",
    ],
    "help": ["help step", "help adam", "help eps_placement"],
    "compare": [
      "compare adagrad rmsprop adam steps 200", "compare adam:pytorch adam:keras",
      "compare adam adam[beta2=0.99]",
      "compare adagrad rmsprop adam steps 200 at 10,100 reach 1e-3",
    ],
    "source": ["source lesson.txt"],
    "save": ["save setup.txt", "save history typed.txt"],
    "preset": ["preset do_adam_sgd"],
    "plot": [
      "plot loss lr_b", "plot v_w from 10 to 200 log", "plot surface to surface.svg",
      "plot surface over w[1] b", "plot surface around w=1.8 b=-2.3 width 1",
      "plot norms p=1,2,8,inf", "plot bias ascii",
    ],
    "export": [
      "export lesson.html", "export lesson.md  # pictures in lesson.files/",
      "export lesson.ipynb  # for Jupyter", "export part.html from 12  # from line 12 of history",
      "export part.html last 5 with help  # keep help, info and failed commands",
    ],
    "explain": ["step; explain", "explain v_b", "explain m_hat_w", "explain lr_b"],
    "display": ["display v_b lr_b", "display  # the values now; also after each step"],
    "undisplay": ["undisplay 1", "undisplay 1 2", "undisplay"],
    "watch": ["watch lr_b < 0.01", "watch loss < 1e-3", "watch v_w[2] > v_b"],
    "unwatch": ["unwatch 1", "unwatch"],
    "delete": ["delete 1", "delete", "delete display 2"],
    "expect": [
      "expect lr_w[2] > lr_w[1]", "expect loss < 1e-3", "expect abs(lr_b - 0.72) < 0.01",
    ],
    "info": ["info display", "info watch", "info forks"],
    "back": ["back", "back 10"],
    "goto": ["goto 0", "goto 50"],
    "fork": ["fork before; set eta 1; step 20; switch before", "fork"],
    "switch": ["switch before"],
    "sweep": ["sweep eta 0.01..1 log 5", "sweep beta2 0.9..0.999 4 steps 500"],
    "diagnose": [
      "diagnose my-adam.csv", "diagnose trace.csv tolerance 1e-6",
      "history w b m_w m_b v_w v_b to ref.csv; diagnose ref.csv",
    ],
  ]

  /// `help OPTIMIZER`: its rule as the notes write it and how the conventions differ.
  static func optimizer(_ optimizer: Optimizer) -> [String] {
    var lines = [
      "\(optimizer.rawValue): "
        + (Vocabulary.optimizers.first { $0.name == optimizer.rawValue }?.summary ?? "")
    ]
    lines += optimizer.rule.map { "  \($0)" }
    lines.append("conventions (defaults):")
    var options: [String] = []
    for convention in Convention.allCases {
      if let reason = optimizer.unavailable(in: convention) {
        lines.append("  \(convention.rawValue.padding(to: 8)) none: \(reason)")
        continue
      }
      let setup = RunSetup(dataset: .toy, optimizer: optimizer, convention: convention)
      let (listed, off) = setup.ruleSettings
      let values = listed.map { "\($0.rawValue) \(Interpreter.text(setup.value(of: $0)))" }
      lines.append("  \(convention.rawValue.padding(to: 8)) " + values.joined(separator: ", "))
      if !off.isEmpty {
        let names = off.map(\.rawValue).joined(separator: ", ")
        options.append("  \(convention.rawValue.padding(to: 8)) \(names)")
      }
    }
    if !options.isEmpty {
      lines.append("options, off by default:")
      lines += options
      let described = Setting.allCases.filter { setting in
        Convention.allCases.contains { setting.applies(to: optimizer, convention: $0) }
          && optimizer.options.contains(setting)
      }
      lines += described.map {
        "  \($0.rawValue): \(optimizer.optionRule($0) ?? $0.summary)"
      }
    }
    if let setting = Setting(rawValue: optimizer.rawValue) {
      let users = Optimizer.allCases.filter { other in
        Convention.allCases.contains { setting.applies(to: other, convention: $0) }
      }.map(\.rawValue).joined(separator: ", ")
      lines.append("'set \(setting.rawValue)' is a setting of \(users), not this optimizer")
    }
    let meanings = optimizer.meanings
    if !meanings.isEmpty {
      lines.append("state (for w; the _b quantities likewise):")
      lines += meanings.map { "  \($0.quantity.rawValue): \($0.meaning)" }
    }
    return lines
  }
}
