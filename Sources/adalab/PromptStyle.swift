import Glibc
import Rainbow

/// How a prompt is drawn: plain, or coloured with its escape sequences marked for libedit.
///
/// libedit counts every byte of the prompt as a column unless it is bracketed by the prompt's
/// ignore character (`EL_PROMPT_ESC`); an unmarked colour escape makes libedit believe the prompt
/// is wider than it is, and the cursor lands in the wrong place as soon as the line is redrawn.
/// ``render(_:)`` therefore wraps each escape sequence in ``ignoreCharacter``.
struct PromptStyle {
  /// The byte that starts and ends a non-printing run in a prompt handed to libedit.
  static let ignoreCharacter: Character = "\u{1}"

  /// Whether prompts are coloured.
  var usesColor: Bool

  /// Colour unless `NO_COLOR` is set to a non-empty value, `TERM` is `dumb`, or stdout is not a
  /// terminal (see no-color.org).
  static func fromEnvironment() -> PromptStyle {
    func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
    let noColor = !(variable("NO_COLOR") ?? "").isEmpty
    let dumb = variable("TERM") == "dumb"
    return PromptStyle(usesColor: !noColor && !dumb && isatty(STDOUT_FILENO) == 1)
  }

  /// The prompt as libedit should receive it: coloured, with every escape sequence marked.
  ///
  /// Safe to apply twice: a prompt that already holds ``ignoreCharacter`` is returned as it is,
  /// and one that holds escape sequences (styled by the caller) only has them marked.
  func render(_ prompt: String) -> String {
    if prompt.contains(Self.ignoreCharacter) { return prompt }
    if prompt.contains("\u{1B}") { return Self.markingEscapes(in: prompt) }
    guard usesColor else { return prompt }
    return Self.markingEscapes(in: prompt.cyan.bold)
  }

  /// Wraps each `ESC [ ... final-byte` sequence (CSI, as used for colours) in ``ignoreCharacter``.
  static func markingEscapes(in text: String) -> String {
    var result = ""
    var scalars = text.unicodeScalars.makeIterator()
    let ignore = String(ignoreCharacter)
    while let scalar = scalars.next() {
      guard scalar == "\u{1B}" else {
        result.unicodeScalars.append(scalar)
        continue
      }
      result += ignore
      result.unicodeScalars.append(scalar)
      // After "ESC [", parameter and intermediate bytes run up to a final byte in 0x40...0x7E.
      if let next = scalars.next() {
        result.unicodeScalars.append(next)
        if next == "[" {
          while let byte = scalars.next() {
            result.unicodeScalars.append(byte)
            if (0x40...0x7E).contains(byte.value) { break }
          }
        }
      }
      result += ignore
    }
    return result
  }
}
