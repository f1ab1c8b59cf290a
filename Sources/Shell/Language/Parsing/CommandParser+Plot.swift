import Optimization

extension CommandParser {
  /// `plot NAME... | plot surface [over P P] | plot norms [p=P,...] [g=V,...] | plot bias`,
  /// then any of `from T`, `to T`, `log`, `ascii`, `to FILE.svg`.
  mutating func parsePlot() throws(ParseError) -> Command {
    guard let first = next, first.kind == .word else {
      throw expected("a quantity, 'surface', 'norms' or 'bias'", after: "plot")
    }
    var request: PlotRequest
    switch first.text.lowercased() {
    case "surface":
      advance()
      var pair: [QuantityRef] = []
      if skip(keyword: "over") {
        for _ in 0..<2 {
          guard let token = next, token.kind == .word else {
            throw expected("two parameters such as 'w[1] b'", after: "over")
          }
          let parameter = try parseQuantity()
          guard parameter.quantity == .w || parameter.quantity == .b else {
            throw ParseError(
              "expected a parameter 'w[i]' or 'b' after 'over', found '\(token.text)'",
              column: token.column)
          }
          pair.append(parameter)
        }
      }
      request = PlotRequest(.surface(over: pair))
      if skip(keyword: "around") {
        for _ in 0..<2 {
          guard let token = next, token.kind == .word else {
            throw expected("a centre such as 'w=1.8 b=-2.3'", after: "around")
          }
          let parameter = try parseQuantity()
          guard parameter.quantity == .w || parameter.quantity == .b else {
            throw ParseError(
              "expected a parameter 'w', 'w[i]' or 'b' after 'around', found '\(token.text)'",
              column: token.column)
          }
          try expect(symbol: "=")
          let value = try parseNumber(after: "=")
          request.around.append(ParameterValue(parameter: parameter, value: value))
        }
      }
      if skip(keyword: "width") {
        let width = try parseNumber(after: "width")
        guard width > 0 else {
          throw ParseError(
            "expected a positive width, found \(previous.source)", column: previous.column)
        }
        request.windowWidth = width
      }
    case "norms":
      advance()
      request = PlotRequest(try parseNormOptions())
    case "bias":
      advance()
      request = PlotRequest(.bias)
    default:
      var quantities: [QuantityRef] = []
      while let token = next, token.kind == .word,
        !CommandParser.plotKeywords.contains(token.text.lowercased())
      {
        quantities.append(try parseQuantity())
      }
      guard !quantities.isEmpty else {
        throw expected("a quantity, 'surface', 'norms' or 'bias'", after: "plot")
      }
      request = PlotRequest(.quantities(quantities))
    }
    try parsePlotOptions(into: &request)
    return .plot(request)
  }

  /// The words that end the list of quantities of `plot`.
  static let plotKeywords: Set<String> = ["from", "to", "log", "ascii"]

  /// `p=1,2,4,inf` and `g=0.1,1e-3`, in any order.
  mutating func parseNormOptions() throws(ParseError) -> PlotRequest.Subject {
    var powers = [1, 2, 4, Double.infinity]
    var gradient: [Double]?
    while let token = next, token.isWord("p") || token.isWord("g") {
      advance()
      try expect(symbol: "=")
      var values: [Double] = []
      repeat {
        if token.isWord("p"), let word = next, word.isWord("inf") {
          advance()
          values.append(.infinity)
          continue
        }
        let value = try parseNumber(after: previous.source)
        if token.isWord("p") && value < 1 {
          throw ParseError(
            "expected p >= 1 (a norm needs it), found \(previous.source)", column: previous.column)
        }
        values.append(value)
      } while skip(symbol: ",")
      if token.isWord("p") { powers = values } else { gradient = values }
    }
    return .norms(powers: powers, gradient: gradient)
  }

  /// `from T`, `to T`, `log`, `ascii` and `to FILE.svg`, each at most once.
  mutating func parsePlotOptions(into request: inout PlotRequest) throws(ParseError) {
    while let token = next {
      guard token.kind == .word else { throw expected("'from', 'to', 'log' or 'ascii'") }
      advance()
      switch token.text.lowercased() {
      case "log": request.isLogarithmic = true
      case "ascii": request.isAscii = true
      case "from": request.from = try parseStep(after: "from")
      case "to":
        if let word = next, word.kind == .word, NumberSyntax.looksNumeric(word.text),
          !word.text.lowercased().hasSuffix(".svg")
        {
          request.to = try parseStep(after: "to")
        } else {
          guard next != nil else { throw expected("a step or a file.svg", after: "to") }
          request.file = try parseOutputFile(after: "to", suffixes: [".svg"])
        }
      default:
        throw ParseError(
          "expected 'from', 'to', 'log' or 'ascii', found '\(token.source)'", column: token.column)
      }
    }
    if let from = request.from, let to = request.to, to < from {
      throw ParseError(
        "expected 'to' at or after 'from' (\(from)), found \(to)", column: nextColumn)
    }
  }

  /// A t: a whole number, 0 allowed.
  mutating func parseStep(after keyword: String) throws(ParseError) -> Int {
    let token = next
    let value = try parseNumber(after: keyword)
    guard value >= 0, value == value.rounded(), value <= Double(CommandParser.maximumCount) else {
      throw ParseError(
        "expected a whole number t >= 0 after '\(keyword)', found '\(token?.text ?? "")'",
        column: token?.column ?? nextColumn)
    }
    return Int(value)
  }
}
