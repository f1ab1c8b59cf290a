extension CompletionContext {
  /// After `plot`: a quantity or `surface`, `norms`, `bias` first; then more quantities (after
  /// a quantity) and the options `from`, `to`, `log`, `ascii`.
  static func plotNames(after arguments: [Token]) -> [String] {
    let quantities = Vocabulary.quantities.map(\.name)
    let options = ["ascii", "from", "log", "to"]
    guard let first = arguments.first else { return quantities + ["bias", "norms", "surface"] }
    if arguments.last?.isWord("from") == true { return [] }
    if first.isWord("surface") && arguments.count == 1 { return ["over"] + options }
    if first.isWord("surface") || first.isWord("norms") || first.isWord("bias") { return options }
    return quantities + options
  }
}
