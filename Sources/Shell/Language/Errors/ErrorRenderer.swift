/// The one place an error becomes text, as swift-format's `DiagnosticsEngine` hands every
/// finding to one printer: the terminal, scripts, `--check`, exports and replays all print
/// an error through these functions, so its forms cannot drift apart.
///
/// - `error: MESSAGE`: a line that is not from a file (a replayed or exported transcript);
/// - `FILE:LINE: error: MESSAGE`: a line read from a file or standard input;
/// - at a terminal, the line, a caret under the bad token, and `error: MESSAGE`:
///
///       set beat2 0.9
///           ^
///       error: unknown setting 'beat2' (did you mean 'beta2'?)
///
/// The caret line copies each tab before the column (a tab moves to the same stop in both
/// lines) and gives every other character its width on a terminal: two columns for East
/// Asian wide characters and emoji, none for combining marks. The widths are
/// `LineWrapping.displayWidth`'s, the table the shell wraps lines with; no listed package
/// has one (swift-collections, swift-argument-parser and swift-format measure `Character`s,
/// not terminal columns), and a line typed at the prompt needs only these ranges.
public enum ErrorRenderer {
  /// What starts an error's line in output that is not a terminal.
  public static let prefix = "error: "

  /// `error: MESSAGE`, or `FILE:LINE: error: MESSAGE` when the line came from a file.
  public static func line(_ message: String, file: String? = nil, line: Int? = nil) -> String {
    guard let file else { return prefix + message }
    return "\(located(file: file, line: line))\(prefix)\(message)"
  }

  /// The lines a terminal shows: the typed line and a caret under `column` when there is one,
  /// then `error: MESSAGE`, broken at word boundaries to fit `width` columns when a width is
  /// given (the terminal would break it anywhere; the typed line and its caret are left as
  /// they are, so that the caret stays under the column):
  ///
  ///       error: expected an optimizer with beta2, found momentum (or 'schedule beta2 off'
  ///         first)
  public static func lines(
    _ message: String, column: Int?, under source: String, width: Int? = nil
  ) -> [String] {
    let error = width.map { LineWrapping.wrap([line(message)], width: $0) } ?? [line(message)]
    guard let column else { return error }
    return [source, caret(under: source, column: column)] + error
  }

  /// A caret under the character at `column` (0-based, in `Character`s) of `source`; a column
  /// past the end is that many places after the last character.
  public static func caret(under source: String, column: Int) -> String {
    var result = ""
    for character in source.prefix(column) {
      if character == "\t" {
        result.append("\t")
      } else {
        result += String(repeating: " ", count: width(of: character))
      }
    }
    result += String(repeating: " ", count: max(0, column - source.count))
    return result + "^"
  }

  /// The error's message when `output` is an error's line (`error: MESSAGE`), else nil.
  public static func message(in output: String) -> String? {
    output.hasPrefix(prefix) ? String(output.dropFirst(prefix.count)) : nil
  }

  /// The columns one character takes: a grapheme made of several wide scalars (an emoji joined
  /// with U+200D) is still drawn in two.
  static func width(of character: Character) -> Int {
    min(2, LineWrapping.displayWidth(String(character)))
  }

  private static func located(file: String, line: Int?) -> String {
    line.map { "\(file):\($0): " } ?? "\(file): "
  }
}

extension ParseError: CustomStringConvertible {
  /// The one-line form, `error: MESSAGE`, for output that is not a terminal.
  public var description: String { ErrorRenderer.line(message) }

  /// The one-line form with a location, `FILE:LINE: error: MESSAGE`, for a line read from a
  /// file (`lesson.txt:12: error: unknown command 'stpe' (did you mean 'step'?)`).
  public func rendered(file: String, line: Int) -> String {
    ErrorRenderer.line(message, file: file, line: line)
  }

  /// The form for a terminal: the line, a caret under the column, and `error: MESSAGE`.
  public func rendered(under line: String) -> String {
    ErrorRenderer.lines(message, column: column, under: line).joined(separator: "\n")
  }
}

extension ShellError {
  /// The one-line form, `error: MESSAGE`, or `FILE:LINE: error: MESSAGE` for a line of a file.
  public func rendered(file: String? = nil, line: Int? = nil) -> String {
    ErrorRenderer.line(message, file: file, line: line)
  }

  /// The form for a terminal: the typed line and a caret when the column is known, then
  /// `error: MESSAGE`, fitted to `width` columns when it is given.
  public func rendered(under line: String, width: Int? = nil) -> [String] {
    ErrorRenderer.lines(message, column: column, under: line, width: width)
  }
}
