import Optimization

/// What `help NAME` explains: a command, or another name of the vocabulary, as the engine's
/// type where the name has one.
public enum HelpTopic: Equatable, Sendable {
  /// A command, by its canonical name (`help s` is `.command("step")`).
  case command(String)
  case optimizer(Optimizer)
  case setting(Setting)
  /// `colors`, the screen's setting.
  case screenSetting(String)
  /// Any other name of the vocabulary: a quantity, convention, group, data set or preset.
  case name(String)

  /// The topic a canonical name stands for. A name in two tables is the first of: a command
  /// (`convention` is also a group), an optimizer, a setting (`loss` is also a quantity).
  init(canonical name: String) {
    if Vocabulary.commands.contains(where: { $0.name == name }) {
      self = .command(name)
    } else if let optimizer = Optimizer(rawValue: name) {
      self = .optimizer(optimizer)
    } else if let setting = Setting(rawValue: name) {
      self = .setting(setting)
    } else if Vocabulary.screenSettings.contains(where: { $0.name == name }) {
      self = .screenSetting(name)
    } else {
      self = .name(name)
    }
  }
}
