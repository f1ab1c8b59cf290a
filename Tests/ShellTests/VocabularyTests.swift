import Testing

@testable import Shell

/// The tables every other part reads: consistent, and each command actually parses.
struct VocabularyTests {
  static let tables: [(String, [Term])] = [
    ("commands", Vocabulary.commands), ("optimizers", Vocabulary.optimizers),
    ("conventions", Vocabulary.conventions), ("settings", Vocabulary.settings),
    ("quantities", Vocabulary.quantities), ("groups", Vocabulary.groups),
    ("dataSets", Vocabulary.dataSets), ("sparseOptions", Vocabulary.sparseOptions),
    ("csvOptions", Vocabulary.csvOptions), ("initParameters", Vocabulary.initParameters),
    ("keywords", Vocabulary.keywords), ("presets", Vocabulary.presets),
    ("screenSettings", Vocabulary.screenSettings),
  ]

  @Test func spellingsAreLowercaseUniqueAndExplained() {
    for (table, terms) in Self.tables {
      let spellings = terms.flatMap(\.spellings)
      #expect(Set(spellings).count == spellings.count, "duplicate spelling in \(table)")
      #expect(spellings.allSatisfy { $0 == $0.lowercased() && !$0.isEmpty }, "\(table)")
      #expect(terms.allSatisfy { !$0.summary.isEmpty }, "\(table)")
    }
  }

  @Test func theNamesOfTheBrief() {
    #expect(
      Vocabulary.optimizers.map(\.name) == [
        "gd", "momentum", "nag", "adagrad", "rmsprop", "adadelta", "adam", "adamax", "maxprop",
        "nadam", "amsgrad", "adamw", "radam", "adabelief", "yogi", "lion", "adafactor",
      ])
    #expect(Vocabulary.conventions.map(\.name) == ["lecture", "pytorch", "keras", "optax"])
    #expect(Vocabulary.presets.map(\.name) == ["do_adagrad", "do_rmsprop", "do_adam_sgd"])
    #expect(
      Vocabulary.groups.map(\.name) == [
        "settings", "state", "all", "timeline", "schedule", "data", "convention",
      ])
    #expect(Vocabulary.quantities.count == 29)
    #expect(Vocabulary.settings.count == 33)
  }

  @Test func everySettingTakesSomething() {
    for setting in Vocabulary.settings {
      #expect(setting.takesNumber || !setting.choices.isEmpty, "\(setting.name)")
    }
  }

  @Test func everyCommandHasAUsageThatStartsWithItsName() {
    for command in Vocabulary.commands {
      #expect(command.usage.hasPrefix(command.name), "\(command.name)")
    }
  }

  /// A line for each command; the test fails when a command is added without a parser.
  static let samples = [
    "load toy", "use adam", "convention keras", "set eta 1", "schedule eta StepLR step_size=3",
    "init b=0", "show", "step",
    "epoch", "run until t > 3", "reset", "undo", "redo", "quit", "history", "help",
    "compare gd nag",
    "source a.txt", "save a.txt", "preset do_rmsprop", "explain", "display v_b", "undisplay",
    "watch loss < 1", "unwatch", "delete 1", "expect t >= 0", "info display", "back",
    "goto 0", "fork a", "switch a", "sweep eta 0.1..1", "diagnose a.csv", "plot loss",
    "export a.html",
  ]

  @Test func everyCommandParses() throws {
    #expect(Self.samples.count == Vocabulary.commands.count)
    for (sample, command) in zip(Self.samples, Vocabulary.commands) {
      #expect(sample.hasPrefix(command.name))
      #expect(try Command.parseLine(sample).count == 1)
    }
  }
}
