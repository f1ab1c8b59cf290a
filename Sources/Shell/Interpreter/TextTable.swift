/// Rows of cells laid out in left-aligned columns, each as wide as its widest cell.
struct TextTable {
  var header: [String]
  var rows: [[String]] = []

  /// The table as lines, columns separated by two spaces, no trailing blanks.
  var lines: [String] {
    let all = [header] + rows
    let columns = all.map(\.count).max() ?? 0
    let widths = (0..<columns).map { column in
      all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
    }
    return all.map { row in
      var line = zip(row, widths).map { $0.padding(to: $1) }.joined(separator: "  ")
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }
}
