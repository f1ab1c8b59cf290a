/// One name of the command language with what it means: a command, an optimizer, a setting...
///
/// The tables of `Vocabulary` are built from terms; the parser resolves what the user typed
/// against them, help prints their summaries and completion offers their names.
public struct Term: Equatable, Sendable {
  /// The canonical name, the one the parser hands on.
  public let name: String
  /// Other spellings that mean the same (`lr` for `eta`); never handed on.
  public let aliases: [String]
  /// One line saying what the name means, for help.
  public let summary: String
  /// For a command, how to call it (`step [N]`); empty otherwise.
  public let usage: String
  /// For a setting, the words it accepts (`on`, `off`); empty when it takes only numbers.
  public let choices: [String]
  /// For a setting, whether it takes a number.
  public let takesNumber: Bool
  /// For a quantity, whether it has one value per feature and so takes an index (`v_w[2]`).
  public let isPerFeature: Bool

  init(
    _ name: String, aliases: [String] = [], usage: String = "", choices: [String] = [],
    takesNumber: Bool = false, isPerFeature: Bool = false, _ summary: String
  ) {
    self.name = name
    self.aliases = aliases
    self.summary = summary
    self.usage = usage
    self.choices = choices
    self.takesNumber = takesNumber
    self.isPerFeature = isPerFeature
  }

  /// The name followed by the aliases.
  public var spellings: [String] { [name] + aliases }

  /// The engine's value the name stands for: `Setting.eta` for the term `eta`. The tables of
  /// ``Vocabulary`` spell the engine's names (most are built from its `allCases`), so for a
  /// term of the table that lists `T`'s names the look-up cannot fail.
  func meaning<T: RawRepresentable>(_ type: T.Type) -> T where T.RawValue == String {
    T(rawValue: name)!
  }
}
