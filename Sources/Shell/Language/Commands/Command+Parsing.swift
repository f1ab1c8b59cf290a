extension Command {
  /// Parses a line of the shell language into its commands, in order.
  ///
  /// Commands are separated by `;` and a `#` starts a comment, both outside quotes. Blank
  /// commands are skipped, so an empty line, a comment line or `step;;step` are fine.
  ///
  ///     try Command.parseLine("use adam:keras; step 10  # ten updates")
  ///     // [.use(OptimizerSpec(optimizer: "adam", convention: "keras")), .step(10)]
  ///
  /// The first mistake throws a `ParseError` whose column is a character offset in `line`, and
  /// no command of the line is returned.
  public static func parseLine(_ line: String) throws(ParseError) -> [Command] {
    try parseLocated(line).map(\.command)
  }

  /// Parses a line like `parseLine(_:)`, keeping where each command was written.
  public static func parseLocated(_ line: String) throws(ParseError) -> [LocatedCommand] {
    let tokens = try Lexer.tokenize(line).tokens
    let characters = Array(line)
    var commands: [LocatedCommand] = []
    for slice in tokens.split(whereSeparator: { $0.kind == .separator }) {
      var parser = CommandParser(tokens: Array(slice))
      let (first, last) = (slice[slice.startIndex], slice[slice.endIndex - 1])
      commands.append(
        LocatedCommand(
          command: try parser.parseCommand(),
          text: String(characters[first.column..<last.endColumn]),
          column: first.column, lastTokenColumn: last.column))
    }
    return commands
  }
}
