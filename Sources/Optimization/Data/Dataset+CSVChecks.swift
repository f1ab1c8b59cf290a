extension Dataset {
  /// The faults of a CSV file found before any parsing: a NUL byte (which a C reader takes
  /// for the end of the text, so `1\0` read as `1` and the rest vanished) and a quote that is
  /// never closed (which swallowed the rest of the file into one field).
  /// `isCancelled` is polled every mebibyte.
  static func checkRawCSV(_ text: String, name: String, isCancelled: () -> Bool) throws(DataError) {
    var line = 1
    var quoteLine: Int?
    var inQuotes = false
    var offset = 0
    for byte in text.utf8 {
      offset += 1
      if offset & 0xF_FFFF == 0 && isCancelled() {
        throw DataError("\(name): interrupted while reading")
      }
      switch byte {
      case 0:
        throw DataError("\(name):\(line): expected text, found a NUL byte (\\0)")
      case UInt8(ascii: "\""):
        inQuotes.toggle()
        if inQuotes { quoteLine = line }
      case UInt8(ascii: "\n"):
        line += 1
      default: break
      }
    }
    if inQuotes, let quoteLine {
      throw DataError(
        "\(name):\(quoteLine): expected a closing \" for the quote opened here, found the end of the file"
      )
    }
  }

  /// Column names must be there and different: a data set names its features by them.
  static func checkHeader(_ header: [String], name: String) throws(DataError) {
    var seen: [String: Int] = [:]
    for (index, column) in header.enumerated() {
      guard !column.isEmpty else {
        throw DataError("\(name):1: column \(index + 1) has no name; expected a column name")
      }
      if let first = seen[column] {
        throw DataError(
          "\(name):1: column \(index + 1) repeats the name '\(DataError.excerpt(column))' of column \(first + 1); expected different names"
        )
      }
      seen[column] = index
    }
  }
}
