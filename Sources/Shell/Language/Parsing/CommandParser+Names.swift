extension CommandParser {
  /// Reads a name from `terms`: `parseName(.optimizer, in: Vocabulary.optimizers)`. Anything
  /// but a word, or a word that starts like a number, is reported as `expected an optimizer name
  /// after 'use', found '3'`.
  mutating func parseName(
    _ kind: String, in terms: [Term], of context: String? = nil
  ) throws(ParseError) -> Term {
    guard let token = next, token.kind == .word, !NumberSyntax.looksNumeric(token.text) else {
      let article = kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
      throw expected("\(article) \(kind) name")
    }
    return try resolve(advance(), in: terms, as: kind, of: context)
  }

  /// The candidates of an ambiguous prefix, each with the shortest prefix that selects it
  /// alone, as gdb's users type them: `redo (red), reset (res)`. A name no shorter prefix
  /// selects stands alone (`undo`).
  static func listedWithPrefixes(_ names: [String], in terms: [Term]) -> String {
    names.map { name in
      for length in 1..<max(name.count, 1) {
        let prefix = String(name.prefix(length))
        if case .found(let term) = terms.match(prefix, byPrefix: true), term.name == name {
          return "\(name) (\(prefix))"
        }
      }
      return name
    }.joined(separator: ", ")
  }

  /// Looks a typed name up in `terms`, or reports it as an unknown or ambiguous `kind`
  /// (`unknown setting 'beat2' (did you mean 'beta2'?)`), of `context` if given
  /// (`unknown option 'dens' for 'load sparse' (did you mean 'density'?)`).
  func resolve(
    _ token: Token, in terms: [Term], as kind: String, of context: String? = nil,
    byPrefix: Bool = false
  ) throws(ParseError) -> Term {
    switch terms.match(token.text, byPrefix: byPrefix) {
    case .found(let term):
      return term
    case .ambiguous(let names):
      throw ParseError(
        "ambiguous \(kind) '\(token.text)': \(Self.listedWithPrefixes(names, in: terms))",
        column: token.column)
    case .unknown(let suggestions):
      var hint = didYouMean(suggestions)
      if suggestions.isEmpty {
        if terms.count <= 6 {
          hint = " (expected \(listed(terms.map(\.name))))"
        } else if kind == "command" {
          hint = " (try 'help')"
        }
      }
      let of = context.map { " for '\($0)'" } ?? ""
      throw ParseError("unknown \(kind) '\(token.source)'\(of)\(hint)", column: token.column)
    }
  }
}

/// ` (did you mean 'a', 'b' or 'c'?)`, or nothing when there is no suggestion.
func didYouMean(_ suggestions: [String]) -> String {
  suggestions.isEmpty ? "" : " (did you mean \(listed(suggestions))?)"
}

/// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
func listed(_ names: [String]) -> String {
  let quoted = names.map { "'\($0)'" }
  guard quoted.count > 1 else { return quoted.first ?? "" }
  return quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
}
