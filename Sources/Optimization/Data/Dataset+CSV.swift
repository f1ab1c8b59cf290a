import CSV

extension Dataset {
  /// Reads a CSV table: a header row of column names, then one point per row.
  ///
  /// The target is the column named `target`, or the last column when `target` is nil; every
  /// other column is a feature. Every field must be a finite number. A broken table throws a
  /// ``DataError`` naming the line (1-based, the header is line 1), the column and the reason;
  /// nothing is returned half-read.
  ///
  /// `isCancelled` is polled every 65,536 rows; when it turns true the reading stops with a
  /// ``DataError`` and nothing is returned.
  public static func parsingCSV(
    _ text: String, name: String, target: String? = nil, isCancelled: () -> Bool = { false }
  ) throws(DataError) -> Dataset {
    try checkRawCSV(text, name: name, isCancelled: isCancelled)
    switch fastParsingCSV(text, name: name, target: target, isCancelled: isCancelled) {
    case .parsed(let table):
      return table
    case .cancelled:
      throw DataError("\(name): interrupted while reading")
    case .unsupported:
      return try libraryParsingCSV(text, name: name, target: target)
    case .failed(let headerEnd, let rowStart, let line):
      // Only the broken row goes through the library, which names line, column and reason;
      // re-reading a million good rows there first would take many seconds.
      let header = String(decoding: Array(text.utf8)[..<headerEnd], as: UTF8.self)
      let row = String(decoding: Array(text.utf8)[rowStart...].prefix { $0 != 10 }, as: UTF8.self)
      _ = try libraryParsingCSV(
        header + "\n" + row + "\n", name: name, target: target, firstDataLine: line)
      // The library took the row after all: read the whole file its way.
      return try libraryParsingCSV(text, name: name, target: target)
    }
  }

  /// The CSV library's reading, which handles quotes and explains every error; the row after
  /// the header is counted as line `firstDataLine`.
  static func libraryParsingCSV(
    _ text: String, name: String, target: String?, firstDataLine: Int = 2
  ) throws(DataError) -> Dataset {
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
    } catch {
      throw DataError("\(name): expected a header row of column names, found none")
    }
    guard let header = reader.headerRow, !header.isEmpty, header != [""] else {
      throw DataError("\(name): expected a header row of column names, found an empty file")
    }
    guard header.count >= 2 else {
      throw DataError(
        "\(name):1: expected at least two columns (features and a target), found 1")
    }
    try checkHeader(header, name: name)
    let targetIndex = try targetColumn(in: header, named: target, file: name)
    let featureNames = header.indices.filter { $0 != targetIndex }.map { header[$0] }
    var features: [Double] = []
    var targets: [Double] = []
    var line = firstDataLine - 1
    while let row = reader.next() {
      line += 1
      if row == [""] { continue }  // a blank line
      guard row.count == header.count else {
        throw DataError(
          "\(name):\(line): expected \(header.count) fields, found \(row.count)")
      }
      for (column, field) in row.enumerated() {
        guard let value = Double(field), value.isFinite else {
          throw DataError(
            "\(name):\(line): column \(column + 1) ('\(DataError.excerpt(header[column]))'): expected a finite number, found '\(DataError.excerpt(field))'"
          )
        }
        if column == targetIndex { targets.append(value) } else { features.append(value) }
      }
    }
    if let error = reader.error {
      throw DataError("\(name):\(line): unreadable CSV (\(error))")
    }
    guard !targets.isEmpty else {
      throw DataError("\(name): expected at least one row of data after the header, found none")
    }
    var dataset = Dataset(
      name: name, featureNames: featureNames, targetName: header[targetIndex],
      flatFeatures: features, targets: targets)
    dataset.recipe = "\(name) target=\(header[targetIndex])"
    return dataset
  }

  private static func targetColumn(
    in header: [String], named target: String?, file: String
  ) throws(DataError) -> Int {
    guard let target else { return header.count - 1 }
    guard let index = header.firstIndex(of: target) else {
      let columns = header.prefix(8).map { "'\(DataError.excerpt($0))'" }.joined(separator: ", ")
      let more = header.count > 8 ? ", … \(header.count) in all" : ""
      throw DataError(
        "\(file): no column named '\(DataError.excerpt(target))' (columns: \(columns)\(more))")
    }
    return index
  }
}
