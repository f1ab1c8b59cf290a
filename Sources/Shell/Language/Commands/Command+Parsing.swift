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
    let tokens = try Lexer.tokenize(line).tokens
    var commands: [Command] = []
    for command in tokens.split(whereSeparator: { $0.kind == .separator }) {
      var parser = CommandParser(tokens: Array(command))
      commands.append(try parser.parseCommand())
    }
    return commands
  }
}
