extension CommandParser {
  /// `load toy`, `load sparse [n=N] [density=D] [seed=S]`, `load PATH [target=COLUMN]`.
  ///
  /// A path is quoted text or a word that contains `/` or ends in `.csv`.
  mutating func parseLoad() throws(ParseError) -> Command {
    let expectation = "'toy', 'sparse' or a path to a .csv file"
    guard let (text, column) = freeText() else { throw expected(expectation, after: "load") }
    if previous.kind == .quoted || text.contains("/") || text.lowercased().hasSuffix(".csv") {
      return .load(.csv(path: text, target: try parseCSVOptions()))
    }
    switch Vocabulary.dataSets.match(text) {
    case .found(let dataSet) where dataSet.name == "sparse":
      return .load(try parseSparseOptions())
    case .found:
      return .load(.toy)
    case .ambiguous, .unknown(suggestions: []):
      throw ParseError("expected \(expectation) after 'load', found '\(text)'", column: column)
    case .unknown(let suggestions):
      throw ParseError("unknown data set '\(text)'\(didYouMean(suggestions))", column: column)
    }
  }

  /// `[n=N] [density=D] [seed=S]` after `load sparse`, in any order.
  private mutating func parseSparseOptions() throws(ParseError) -> DataSource {
    var count: Int?
    var density: Double?
    var seed: UInt64?
    try parseOptions(Vocabulary.sparseOptions, of: "load sparse") {
      (parser, name) throws(ParseError) in
      switch name {
      case "n": count = try parser.parseCount(of: "points", after: "n=")
      case "density": density = try parser.parseNumber(after: "density=")
      default: seed = try parser.parseSeed(after: "seed=")
      }
    }
    return .sparse(count: count, density: density, seed: seed)
  }

  /// `[target=COLUMN]` after `load PATH`.
  private mutating func parseCSVOptions() throws(ParseError) -> String? {
    var target: String?
    try parseOptions(Vocabulary.csvOptions, of: "load") { (parser, _) throws(ParseError) in
      guard let column = parser.freeText() else {
        throw parser.expected("a column name", after: "target=")
      }
      target = column.text
    }
    return target
  }

  /// Reads `NAME=VALUE` pairs up to the end of the command, each name at most once, handing each
  /// name to `parseValue` to read the value after `=`.
  mutating func parseOptions(
    _ options: [Term], of command: String,
    parseValue: (inout CommandParser, String) throws(ParseError) -> Void
  ) throws(ParseError) {
    var seen: Set<String> = []
    while let token = next {
      guard token.kind == .word, !NumberSyntax.looksNumeric(token.text) else {
        throw expected("an option such as '\(options[0].name)='")
      }
      let option = try parseName("option", in: options, of: command)
      guard seen.insert(option.name).inserted else {
        throw ParseError("option '\(option.name)' given twice", column: token.column)
      }
      try expect(symbol: "=")
      try parseValue(&self, option.name)
    }
  }
}
