import Optimization
import Testing

@testable import Shell

/// The command language's one table of names and the engine's types name the same things,
/// so a name can never be typed that the engine does not know, or the reverse.
struct VocabularyEngineTests {
  /// Optimizers, settings and quantities are built from the engine's cases (so comparing
  /// their names would test nothing); conventions and presets are still listed by hand.
  @Test func conventionsAndPresetsMatch() {
    #expect(Vocabulary.conventions.map(\.name) == Convention.allCases.map(\.rawValue))
    #expect(Vocabulary.presets.map(\.name) == Listing.allCases.map(\.rawValue))
  }

  /// The tables derived from the engine's cases read as they did when the shell listed them:
  /// summaries, aliases, choices, numbers and per-feature flags.
  @Test func derivedTermsKeepTheirText() {
    func term(_ table: [Term], _ name: String) -> Term? { table.first { $0.name == name } }
    #expect(
      term(Vocabulary.optimizers, "gd")?.summary == "plain gradient descent: w = w - eta * dw")
    #expect(
      term(Vocabulary.optimizers, "lion")?.summary
        == "the sign of an interpolated momentum: every step has size eta")
    #expect(term(Vocabulary.settings, "eta")?.spellings == ["eta", "lr", "learning_rate"])
    #expect(term(Vocabulary.settings, "epsilon")?.spellings == ["epsilon", "eps"])
    #expect(term(Vocabulary.settings, "eta")?.takesNumber == true)
    #expect(term(Vocabulary.settings, "batch")?.takesNumber == true)
    #expect(term(Vocabulary.settings, "batch")?.choices == ["full"])
    #expect(term(Vocabulary.settings, "shuffle")?.takesNumber == false)
    #expect(term(Vocabulary.settings, "shuffle")?.choices == ["on", "off"])
    #expect(term(Vocabulary.settings, "loss")?.summary == "the loss function")
    #expect(term(Vocabulary.quantities, "v_w")?.isPerFeature == true)
    #expect(term(Vocabulary.quantities, "v_b")?.isPerFeature == false)
    #expect(term(Vocabulary.quantities, "t")?.summary == "the number of updates taken")
    #expect(Vocabulary.settings.filter(\.takesNumber).count == 22)
    #expect(
      Vocabulary.settings.filter { !$0.aliases.isEmpty }.map(\.name) == [
        "eta", "epsilon", "clipvalue", "global_clipnorm",
      ])
  }

  /// The words a user types for the switches, as the README documents them.
  @Test func choicesReadAsDocumented() {
    func choices(_ name: String) -> [String] {
      Vocabulary.settings.first { $0.name == name }?.choices ?? []
    }
    #expect(choices("eps_placement") == ["outside", "inside", "hat", "max"])
    #expect(choices("bias_power") == ["update", "epoch"])
    #expect(choices("amsgrad_max") == ["off", "raw", "corrected"])
    #expect(choices("nag_form") == ["lookahead", "reformulated"])
    #expect(choices("nadam_form") == ["lecture", "schedule", "optax"])
    #expect(choices("loss") == ["squared", "cross_entropy"])
  }

  @Test func everyCommandHasAHelpExample() {
    for command in Vocabulary.commands {
      #expect(HelpText.examples[command.name]?.isEmpty == false, "\(command.name)")
    }
  }

  /// Every help example parses as typed.
  @Test func helpExamplesParse() throws {
    for (_, examples) in HelpText.examples {
      for example in examples {
        #expect(throws: Never.self) { try Command.parseLine(example) }
      }
    }
  }
}
