#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Trace {
  /// The rows of a plain numeric trace (no quotes) read in one pass over the bytes after
  /// the header, each field parsed in place by `strtod` (correctly rounded, as
  /// `Double(_:)`): 100,000 rows in a few milliseconds, where the CSV library's `String` per
  /// field took seconds. nil for anything else (quotes, a short row, a field that is not
  /// one number, t not increasing): the library path then reads the file and reports where.
  /// Also returns the most significant digits any field is written with.
  static func fastRows(_ text: String, fields: Int, tIndex: Int?, columnOfField: [Int?])
    -> (rows: [Row], digits: Int)?
  {
    var bytes = Array(text.utf8)
    guard !bytes.contains(UInt8(ascii: "\"")), let headerEnd = bytes.firstIndex(of: 10)
    else { return nil }
    bytes.append(0)
    let columns = columnOfField.compactMap { $0 }.count
    return bytes.withUnsafeMutableBufferPointer { buffer -> (rows: [Row], digits: Int)? in
      var position = headerEnd + 1
      var rows: [Row] = []
      rows.reserveCapacity(buffer.count / max(1, 8 * fields))
      var digits = 0
      func skipSpaces() {
        while buffer[position] == 32 || buffer[position] == 9 { position += 1 }
      }
      while buffer[position] != 0 {
        skipSpaces()
        if buffer[position] == 13 { position += 1 }
        if buffer[position] == 10 {
          position += 1
          continue
        }
        if buffer[position] == 0 { break }
        var row = Row(t: rows.count + 1, values: [Double](repeating: 0, count: columns))
        for field in 0..<fields {
          skipSpaces()
          let start = buffer.baseAddress! + position
          var end: UnsafeMutablePointer<CChar>? = nil
          let value = start.withMemoryRebound(to: CChar.self, capacity: 1) { strtod($0, &end) }
          guard let end else { return nil }
          let consumed = UnsafeRawPointer(end) - UnsafeRawPointer(start)
          guard consumed > 0 else { return nil }
          if field == tIndex {
            guard let t = Int(exactly: value), t >= 0 else { return nil }
            row.t = t
          } else if let column = columnOfField[field] {
            row.values[column] = value
            digits = max(digits, significantDigits(buffer, from: position, count: consumed))
          }
          position += consumed
          skipSpaces()
          if field < fields - 1 {
            guard buffer[position] == UInt8(ascii: ",") else { return nil }
            position += 1
          } else {
            if buffer[position] == 13 { position += 1 }
            guard buffer[position] == 10 || buffer[position] == 0 else { return nil }
            if buffer[position] == 10 { position += 1 }
          }
        }
        if let last = rows.last, row.t <= last.t { return nil }
        rows.append(row)
      }
      return rows.isEmpty ? nil : (rows, digits)
    }
  }

  /// Significant digits of a number's bytes: the digits of the mantissa after its leading
  /// zeros (`0.000117` has 3, `1.2345e-05` has 5), as ``significantDigits(_:)`` counts.
  private static func significantDigits(
    _ buffer: UnsafeMutableBufferPointer<UInt8>, from start: Int, count: Int
  ) -> Int {
    var digits = 0
    var leading = true
    for k in start..<(start + count) {
      let byte = buffer[k]
      if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
      guard byte >= 48 && byte <= 57 else { continue }
      if leading && byte == 48 { continue }
      leading = false
      digits += 1
    }
    return digits
  }
}
