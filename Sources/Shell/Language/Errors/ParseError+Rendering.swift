extension ParseError: CustomStringConvertible {
  /// The one-line form, `error: MESSAGE`, for output that is not a terminal.
  public var description: String { "error: \(message)" }

  /// The one-line form with a location, `FILE:LINE: error: MESSAGE`, for a line read from a
  /// file (`lesson.txt:12: error: unknown command 'stpe' (did you mean 'step'?)`).
  public func rendered(file: String, line: Int) -> String {
    "\(file):\(line): \(description)"
  }

  /// The form for a terminal: the line, a caret under the column, and `error: MESSAGE`.
  ///
  ///     set beat2 0.9
  ///         ^
  ///     error: unknown setting 'beat2' (did you mean 'beta2'?)
  ///
  /// Tabs before the column are repeated in the caret line so that the caret stays aligned.
  public func rendered(under line: String) -> String {
    let before = line.prefix(column).map { $0 == "\t" ? "\t" : " " }.joined()
    let padding = String(repeating: " ", count: max(0, column - line.count))
    return "\(line)\n\(before)\(padding)^\n\(description)"
  }
}
