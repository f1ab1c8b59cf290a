/// The value of a setting as typed.
///
/// A number is always finite: `1e400` is a parse error. Words are everything else: the choices
/// of a setting (`inside`, `on`, `full`), always lowercase and checked against the setting's list,
/// or, for a numeric setting, any non-numeric word such as `inf` or `nan`, passed through as
/// typed so that the engine can refuse it with its own message.
public enum SettingValue: Equatable, Sendable {
  case number(Double)
  case word(String)
}
