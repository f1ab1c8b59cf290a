import Optimization

extension CommandParser {
  /// `show [NAME...]`: quantities (indexed or not), settings and groups, in order. A name
  /// that is both a quantity and a setting (`loss`) is the quantity.
  mutating func parseShow() throws(ParseError) -> [ShowItem] {
    var items: [ShowItem] = []
    while let token = next {
      guard token.kind == .word else { throw expected("a quantity, a setting or a group") }
      let showable = Vocabulary.quantities + Vocabulary.settings + Vocabulary.groups
      let term = try resolve(advance(), in: showable, as: "quantity")
      let index = try parseFeatureIndex(after: term, token)
      if let quantity = Quantity(rawValue: term.name) {
        items.append(.quantity(QuantityRef(quantity: quantity, index: index)))
      } else if let setting = Setting(rawValue: term.name) {
        items.append(.setting(setting))
      } else {
        items.append(.group(term.meaning(ShowGroup.self)))
      }
    }
    return items
  }

  /// A quantity, with `[INDEX]` after a per-feature one: `lr_b`, `v_w[2]`. Unknown names are
  /// reported as quantities: `unknown quantity 'vw' (did you mean 'v_w'?)`.
  mutating func parseQuantity() throws(ParseError) -> QuantityRef {
    let token = advance()
    let term = try resolve(token, in: Vocabulary.quantities, as: "quantity")
    let index = try parseFeatureIndex(after: term, token)
    return QuantityRef(quantity: term.meaning(Quantity.self), index: index)
  }

  /// `[INDEX]` after the name `term` read from `token`, if there is one: only a per-feature
  /// quantity takes it.
  private mutating func parseFeatureIndex(after term: Term, _ token: Token) throws(ParseError)
    -> Int?
  {
    guard skip(symbol: "[") else { return nil }
    guard term.isPerFeature else {
      throw ParseError(
        "expected a per-feature quantity such as 'w' or 'v_w' before '[', found '\(token.text)'",
        column: token.column)
    }
    let index = try parseIndex()
    try expect(symbol: "]")
    return index
  }
}
