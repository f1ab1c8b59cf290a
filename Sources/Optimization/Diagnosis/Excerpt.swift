/// A short, visible excerpt of text read from a file, for error messages: at most
/// ``limit`` characters, control and non-ASCII-printable characters written as escapes,
/// so that an error never reproduces a file's line nor drives the terminal.
public enum Excerpt {
  /// The most characters of a file an error quotes.
  public static let limit = 16

  /// `text` cut to ``limit`` characters (an ellipsis marks the cut), with `\t`, `\n`, ESC
  /// and every other control character written as `\u{…}` escapes.
  public static func of(_ text: Substring) -> String {
    var out = ""
    var count = 0
    for character in text {
      guard count < limit else { return out + "…" }
      count += 1
      if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
        out.append(character)
      } else {
        for scalar in character.unicodeScalars {
          out += "\\u{" + String(scalar.value, radix: 16) + "}"
        }
      }
    }
    return out
  }

  /// See ``of(_:)-(Substring)``.
  public static func of(_ text: String) -> String { of(text[...]) }
}
