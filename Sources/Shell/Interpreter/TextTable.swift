/// Rows of cells laid out in left-aligned columns, each as wide as its widest cell.
struct TextTable {
  var header: [String]
  var rows: [[String]] = []

  /// The table as lines, columns separated by two spaces, no trailing blanks.
  var lines: [String] { lines(columns: Array(header.indices)) }

  /// The table as lines no wider than `width` (counting `indent`, which starts every line).
  ///
  /// When the columns do not fit side by side, the first `keeping` columns (the row labels)
  /// start every part and the other columns are stacked in as many parts as needed, in
  /// order: a wide `compare` becomes `optimizer loss w b` above `optimizer lr_w lr_b`. A
  /// cell that cannot fit even beside the labels alone is cut, ending in `…`.
  func lines(fitting width: Int, keeping: Int = 1, indent: String = "") -> [String] {
    let available = max(width - indent.count, 20)
    let widths = columnWidths
    let kept = Array(0..<min(keeping, header.count))
    let keptWidth = kept.map { widths[$0] + 2 }.reduce(0, +)
    var parts: [[Int]] = []
    var current: [Int] = []
    var used = keptWidth
    for column in kept.count..<header.count where widths[column] > 0 {
      let needed = widths[column] + 2
      if !current.isEmpty && used + needed - 2 > available {
        parts.append(current)
        current = []
        used = keptWidth
      }
      current.append(column)
      used += needed
    }
    if !current.isEmpty || parts.isEmpty { parts.append(current) }
    let limit = max(available - keptWidth, 8)
    return parts.flatMap { part in
      var table = self
      if part.count == 1 {
        let column = part[0]
        table.header[column] = TextTable.cut(table.header[column], to: limit)
        for k in table.rows.indices where column < table.rows[k].count {
          table.rows[k][column] = TextTable.cut(table.rows[k][column], to: limit)
        }
      }
      return table.lines(columns: kept + part).map { indent + $0 }
    }
  }

  private var columnWidths: [Int] {
    let all = [header] + rows
    let columns = all.map(\.count).max() ?? 0
    return (0..<columns).map { column in
      all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
    }
  }

  private func lines(columns: [Int]) -> [String] {
    let widths = columnWidths
    return ([header] + rows).map { row in
      var line = columns.map { column in
        (column < row.count ? row[column] : "").padding(to: widths[column])
      }.joined(separator: "  ")
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }

  private static func cut(_ text: String, to width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
  }
}
