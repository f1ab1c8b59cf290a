extension CommandParser {
  /// `export FILE.html|FILE.md|FILE.ipynb [replace] [from N | last N] [with help]`.
  mutating func parseExport() throws(ParseError) -> Command {
    let file = try parseOutputFile(
      after: "export", suffixes: [".html", ".htm", ".md", ".ipynb"])
    var request = ExportRequest(path: file.path, replace: file.replace)
    while let token = next {
      if skip(keyword: "from") {
        guard request.range == .all else { throw rangeTwice(token) }
        request.range = .from(try parseCount(of: "the first line of 'history'", after: "from"))
      } else if skip(keyword: "last") {
        guard request.range == .all else { throw rangeTwice(token) }
        request.range = .last(try parseCount(of: "lines of 'history'", after: "last"))
      } else if skip(keyword: "replace") {
        request.replace = true
      } else if skip(keyword: "with") {
        guard skip(keyword: "help") else { throw expected("'help'", after: "with") }
        request.withHelp = true
      } else {
        throw ParseError(
          "expected 'from N', 'last N' or 'with help' after the file name, found '\(token.source)'",
          column: token.column)
      }
    }
    return .export(request)
  }

  private func rangeTwice(_ token: Token) -> ParseError {
    ParseError(
      "expected one range ('from N' or 'last N'), found a second '\(token.source)'",
      column: token.column)
  }
}
