import Testing

@testable import Shell

/// Prefixes, aliases, ambiguity and suggestions.
struct NameResolutionTests {
  /// The command a typed word resolves to, or the error message.
  static func command(_ typed: String) -> String {
    switch Vocabulary.commands.match(typed, byPrefix: true) {
    case .found(let term): term.name
    case .ambiguous(let names): "ambiguous: " + names.joined(separator: " ")
    case .unknown(let suggestions): "unknown: " + suggestions.joined(separator: " ")
    }
  }

  @Test(arguments: [
    ("ste", "step"), ("sh", "show"), ("so", "source"), ("sa", "save"), ("se", "set"),
    ("he", "help"), ("hi", "history"), ("pr", "preset"), ("l", "load"), ("us", "use"),
    ("ini", "init"), ("res", "reset"), ("ru", "run"), ("com", "compare"), ("con", "convention"),
    ("s", "step"), ("e", "epoch"), ("q", "quit"), ("?", "help"), ("exit", "quit"), ("exi", "quit"),
    ("ep", "epoch"), ("Step", "step"), ("SH", "show"),
    ("c", "ambiguous: compare convention"), ("co", "ambiguous: compare convention"),
    ("h", "ambiguous: help history"), ("r", "run"), ("re", "ambiguous: redo reset"),
    ("red", "redo"), ("und", "ambiguous: undisplay undo"), ("undo", "undo"), ("undi", "undisplay"),
    ("stpe", "unknown: step"), ("hlep", "unknown: help"), ("shw", "unknown: show"),
    ("zzz", "unknown: "),
  ])
  func commandPrefixesAndAliases(typed: String, resolved: String) {
    #expect(Self.command(typed) == resolved)
  }

  @Test(arguments: [
    ("lr", "eta"), ("learning_rate", "eta"), ("LR", "eta"), ("eps", "epsilon"), ("beta", "beta"),
  ])
  func settingAliases(typed: String, canonical: String) {
    #expect(
      Vocabulary.settings.match(typed)
        == .found(Vocabulary.settings.first { $0.name == canonical }!))
  }

  @Test(arguments: [
    ("set bet 1", "unknown setting 'bet' (did you mean 'beta'?)"),
    ("set epsilo 1", "unknown setting 'epsilo' (did you mean 'epsilon'?)"),
    ("set beta3 1", "unknown setting 'beta3' (did you mean 'beta', 'beta1' or 'beta2'?)"),
    ("set lrr 1", "unknown setting 'lrr' (did you mean 'lr'?)"),
    ("set bias 1", "unknown setting 'bias' (did you mean 'bias_correction' or 'bias_power'?)"),
    (
      "set decay 1",
      "unknown setting 'decay' (did you mean 'beta2_decay', 'decoupled_weight_decay' or 'lr_decay'?)"
    ),
    ("use rmsporp", "unknown optimizer 'rmsporp' (did you mean 'rmsprop'?)"),
    ("use adamx", "unknown optimizer 'adamx' (did you mean 'adam', 'adamax' or 'adamw'?)"),
    ("use nesterov", "unknown optimizer 'nesterov'"),
    ("preset adagrad", "unknown preset 'adagrad' (did you mean 'do_adagrad'?)"),
  ])
  func suggestions(line: String, message: String) {
    #expect(ParseErrorTests.error(line)?.message == message)
  }

  @Test(arguments: [
    ("beat2", "beta2", 1), ("adam", "adam", 0), ("", "abc", 3), ("abc", "", 3),
    ("kitten", "sitting", 3), ("stpe", "step", 1), ("ca", "abc", 3), ("é", "e", 1),
  ])
  func editDistances(a: String, b: String, distance: Int) {
    #expect(editDistance(a, b) == distance)
    #expect(editDistance(b, a) == distance)
  }
}
