import Optimization

/// `NAME=VALUE` after `set`, or inside the brackets of an optimizer spec.
public struct SettingAssignment: Equatable, Sendable {
  /// The setting (`lr` and `learning_rate` arrive as `.eta`).
  public var setting: Setting
  /// The value as typed: a finite number, or a word.
  public var value: SettingValue

  public init(setting: Setting, value: SettingValue) {
    self.setting = setting
    self.value = value
  }
}
