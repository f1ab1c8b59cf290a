extension CommandParser {
  /// `init w=V[,V...] b=V`: either part may be left out, not both.
  mutating func parseInit() throws(ParseError) -> Command {
    guard next != nil else { throw expected("'w=' or 'b='", after: "init") }
    var weights: [Double]?
    var bias: Double?
    try parseOptions(Vocabulary.initParameters, of: "init") { (parser, name) throws(ParseError) in
      if name == "w" {
        var values = [try parser.parseNumber(after: "w=")]
        while parser.skip(symbol: ",") { values.append(try parser.parseNumber(after: ",")) }
        weights = values
      } else {
        bias = try parser.parseNumber(after: "b=")
        if let next = parser.next, next.isSymbol(",") {
          throw ParseError("expected one number for 'b', found ','", column: next.column)
        }
      }
    }
    return .initialize(w: weights, b: bias)
  }
}
