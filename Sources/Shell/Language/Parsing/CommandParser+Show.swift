extension CommandParser {
  /// `show [NAME...]`: quantities (indexed or not), settings and groups, canonical and in order.
  /// An indexed quantity comes out as `v_w[2]`.
  mutating func parseShow() throws(ParseError) -> [String] {
    var names: [String] = []
    while let token = next {
      guard token.kind == .word else { throw expected("a quantity, a setting or a group") }
      let showable = Vocabulary.quantities + Vocabulary.settings + Vocabulary.groups
      let (name, index) = try parseQuantity(in: showable)
      names.append(index.map { "\(name)[\($0)]" } ?? name)
    }
    return names
  }

  /// A name from `terms`, with `[INDEX]` after a per-feature quantity: `lr_b`, `v_w[2]`.
  /// Unknown names are reported as quantities: `unknown quantity 'vw' (did you mean 'v_w'?)`.
  mutating func parseQuantity(
    in terms: [Term] = Vocabulary.quantities
  ) throws(ParseError) -> (name: String, index: Int?) {
    let token = advance()
    let term = try resolve(token, in: terms, as: "quantity")
    guard skip(symbol: "[") else { return (term.name, nil) }
    guard term.isPerFeature else {
      throw ParseError(
        "expected a per-feature quantity such as 'w' or 'v_w' before '[', found '\(token.text)'",
        column: token.column)
    }
    let index = try parseIndex()
    try expect(symbol: "]")
    return (term.name, index)
  }
}
