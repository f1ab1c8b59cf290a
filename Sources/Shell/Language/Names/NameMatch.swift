/// What a typed name turned out to be, looked up in a table of terms.
enum NameMatch: Equatable {
  /// Exactly one term: by its name, an alias, or (where allowed) a unique prefix.
  case found(Term)
  /// A prefix shared by several terms: their canonical names, sorted.
  case ambiguous([String])
  /// No term: the nearest spellings, best first (possibly none).
  case unknown(suggestions: [String])
}

extension Array where Element == Term {
  /// Looks `typed` up without regard to case: first as a name or alias, then, if `byPrefix`,
  /// as the start of exactly one term's name or alias.
  func match(_ typed: String, byPrefix: Bool = false) -> NameMatch {
    let word = typed.lowercased()
    // Names are compared in lowercase: the libraries' schedule names keep their capitals
    // (`StepLR`, `T_max`) and match `steplr`, `t_max` too.
    if let term = first(where: { $0.spellings.contains { $0.lowercased() == word } }) {
      return .found(term)
    }
    if byPrefix, !word.isEmpty {
      let candidates = filter { $0.spellings.contains { $0.lowercased().hasPrefix(word) } }
      if candidates.count == 1 { return .found(candidates[0]) }
      if candidates.count > 1 { return .ambiguous(candidates.map(\.name).sorted()) }
    }
    return .unknown(suggestions: suggestions(for: word))
  }

  /// The spellings nearest to `typed`: those at the smallest edit distance if it is at most 2
  /// (at most 1 for a word of two or three letters, and not at all for one letter, where any
  /// other letter would do), else those that start with it, else (for three letters or more)
  /// those that contain it. At most three, sorted.
  func suggestions(for typed: String) -> [String] {
    let word = typed.lowercased()
    guard !word.isEmpty else { return [] }
    let spellings = flatMap(\.spellings)
    let limit = word.count <= 3 ? 1 : 2
    // The distance is at least the difference in length, so past the limit it is not worked
    // out: a long mistyped word (or a fuzzer's) then costs a length per spelling.
    let length = word.count
    let distances = spellings.map { spelling in
      let other = spelling.lowercased()
      let distance =
        abs(other.count - length) > limit ? limit + 1 : editDistance(word, other)
      return (spelling: spelling, distance: distance)
    }
    if word.count > 1, let best = distances.map(\.distance).min(), best <= limit {
      return [String](distances.filter { $0.distance == best }.map(\.spelling).sorted().prefix(3))
    }
    let starting = spellings.filter { $0.lowercased().hasPrefix(word) }
    if !starting.isEmpty { return [String](starting.sorted().prefix(3)) }
    guard word.count >= 3 else { return [] }
    return [String](spellings.filter { $0.lowercased().contains(word) }.sorted().prefix(3))
  }
}
