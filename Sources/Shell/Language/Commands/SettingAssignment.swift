/// `NAME=VALUE` after `set`, or inside the brackets of an optimizer spec.
public struct SettingAssignment: Equatable, Sendable {
  /// The canonical setting name, one of `Vocabulary.settings` (`lr` arrives as `eta`).
  public var name: String
  /// The value as typed: a finite number, or a word.
  public var value: SettingValue

  /// Creates an assignment from a canonical name.
  public init(name: String, value: SettingValue) {
    self.name = name
    self.value = value
  }
}
