/// The Damerau-Levenshtein distance between two strings (the optimal string alignment variant):
/// the fewest insertions, deletions, substitutions and swaps of two neighbouring characters
/// that turn one into the other. `beat2` is one swap away from `beta2`.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  // distances[i][j]: distance between the first i characters of a and the first j of b.
  var distances = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { distances[i][0] = i }
  for j in 0...b.count { distances[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      var best = min(
        distances[i - 1][j] + 1, distances[i][j - 1] + 1, distances[i - 1][j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        best = min(best, distances[i - 2][j - 2] + 1)
      }
      distances[i][j] = best
    }
  }
  return distances[a.count][b.count]
}
