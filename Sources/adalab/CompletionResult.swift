/// What a completer proposes for the word before the cursor.
///
/// With one candidate the word is replaced by it plus a space. With several, the word is replaced
/// by their longest common prefix and all of them are listed below the line, in columns.
/// With none, the terminal beeps.
struct CompletionResult: Equatable {
  /// UTF-8 offset in the line where the word being completed starts.
  var replaceFrom: Int
  /// Complete words that could stand in place of the word (not just their missing tails).
  var candidates: [String]

  init(replaceFrom: Int, candidates: [String]) {
    self.replaceFrom = replaceFrom
    self.candidates = candidates
  }

  /// What to put in place of `word`: the candidate and a space, the common prefix of several
  /// candidates when it is at least as long as the word, or the word itself.
  func replacement(for word: String) -> String {
    guard let first = candidates.first else { return word }
    if Set(candidates).count == 1 { return first + " " }
    let prefix = Self.commonPrefix(of: candidates)
    return prefix.unicodeScalars.count >= word.unicodeScalars.count ? prefix : word
  }

  /// The longest run of Unicode scalars that begins every string.
  static func commonPrefix(of strings: [String]) -> String {
    guard var prefix = strings.first.map({ Array($0.unicodeScalars) }) else { return "" }
    for string in strings.dropFirst() {
      let scalars = Array(string.unicodeScalars)
      let shared = zip(prefix, scalars).prefix(while: { $0 == $1 }).count
      prefix.removeLast(prefix.count - shared)
    }
    var result = ""
    result.unicodeScalars.append(contentsOf: prefix)
    return result
  }

  /// The candidates, sorted and without repeats, laid out in columns read downwards (as `ls` and
  /// bash do) to fit `width` terminal columns. One string per screen row, without trailing blanks.
  func listing(width: Int) -> [String] {
    let items = Array(Set(candidates)).sorted()
    guard !items.isEmpty else { return [] }
    let gap = 2
    let cell = (items.map(\.count).max() ?? 0) + gap
    let columns = max(1, (width + gap) / cell)
    let rows = (items.count + columns - 1) / columns
    return (0..<rows).map { row in
      var line = ""
      for column in 0..<columns where column * rows + row < items.count {
        let item = items[column * rows + row]
        line += item + String(repeating: " ", count: cell - item.count)
      }
      return String(line.reversed().drop(while: { $0 == " " }).reversed())
    }
  }
}
