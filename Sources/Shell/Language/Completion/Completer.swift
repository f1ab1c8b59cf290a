/// Tab completion for the command language: pure, so the line editor only has to show the result.
///
/// What is offered depends on where the cursor is: command names at the start of a command (also
/// after `;`); optimizer names after `use` and `compare`, convention names after `NAME:`, setting
/// names after `set` and inside `[...]`, a setting's words after `set NAME`; quantities, settings
/// and groups after `show` and in `run until`; data sets and files after `load`; files after
/// `source` and `save`; commands after `help`; presets after `preset`.
public enum Completer {
  /// Completes the word that ends at the cursor.
  ///
  /// - Parameters:
  ///   - line: the line up to the cursor.
  ///   - files: given the path typed so far (perhaps empty, quotes removed), the paths that
  ///     extend it, each in full as it should replace what was typed: for `data/sp`,
  ///     `data/sparse.csv` and `data/spam/`. Called only where a path fits.
  public static func complete(
    lineBeforeCursor line: String, files: (String) -> [String]
  ) -> Completion {
    let end = line.utf8.count
    guard let lexed = try? Lexer.tokenize(line, lenient: true), lexed.commentColumn == nil else {
      return Completion(replaceFrom: end, candidates: [])
    }
    let commands = lexed.tokens.split(
      omittingEmptySubsequences: false, whereSeparator: { $0.kind == .separator })
    var tokens = Array(commands.last ?? [])
    var word = ""
    var replaceFrom = end
    if let last = tokens.last, last.endColumn == line.count,
      last.kind == Token.Kind.word || (last.kind == Token.Kind.quoted && !last.isClosed)
    {
      word = last.text
      replaceFrom = last.textOffset
      tokens.removeLast()
    }
    let candidates = CompletionContext(tokens: tokens).candidates(for: word, files: files)
    return Completion(replaceFrom: replaceFrom, candidates: Array(Set(candidates)).sorted())
  }
}
