import CSV

/// A trajectory written by someone else's code: a value of some quantities after some
/// updates, read from a CSV table whose header names the columns as adalab prints them
/// (`t, w, b, v_w, v_b, m_hat_b, lr_w[2]`, or the notes' listing names `m_w_hat`, `v_b_hat`).
public struct Trace: Equatable, Sendable {
  /// One column: a quantity, and which entry of a per-feature quantity (0-based).
  public struct Column: Equatable, Sendable {
    /// The name as written in the header.
    public var name: String
    public var quantity: Quantity
    /// The feature (0-based) of a per-feature quantity, nil for a scalar.
    public var feature: Int?
  }

  /// One row: the update count and one value per column.
  public struct Row: Equatable, Sendable {
    public var t: Int
    public var values: [Double]
  }

  public var columns: [Column]
  public var rows: [Row]
  /// The relative precision the file's numbers are written with: 1e-9 for numbers with
  /// their full digits, about 10⁻⁵ for numbers printed with six significant digits.
  public var precision: Double

  /// The notes' listing spellings of the bias-corrected moments.
  static let aliases = [
    "m_w_hat": "m_hat_w", "m_b_hat": "m_hat_b", "v_w_hat": "v_hat_w", "v_b_hat": "v_hat_b",
  ]

  /// Reads a trace for a data set with `dimension` features. Without a `t` column the rows
  /// are updates 1, 2, 3, …; with one, t must increase.
  public static func parsingCSV(_ text: String, name: String, dimension: Int) throws(DataError)
    -> Trace
  {
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
    } catch {
      throw DataError("\(name): expected a header row of column names, found none")
    }
    guard let header = reader.headerRow, !header.isEmpty, header != [""] else {
      throw DataError("\(name): expected a header row of column names, found an empty file")
    }
    var tIndex: Int?
    var columns: [Column] = []
    var columnOfField: [Int?] = []
    for (position, field) in header.enumerated() {
      if field == "t" {
        tIndex = position
        columnOfField.append(nil)
        continue
      }
      columnOfField.append(columns.count)
      columns.append(try column(named: field, dimension: dimension, file: name))
    }
    guard !columns.isEmpty else {
      throw DataError(
        "\(name): expected at least one quantity column besides t (such as w, b, v_b)")
    }
    var rows: [Row] = []
    var line = 1
    var digits = 0
    while let fields = reader.next() {
      line += 1
      if fields == [""] { continue }
      guard fields.count == header.count else {
        throw DataError("\(name):\(line): expected \(header.count) fields, found \(fields.count)")
      }
      var row = Row(t: rows.count + 1, values: [Double](repeating: 0, count: columns.count))
      for (position, field) in fields.enumerated() {
        if position == tIndex {
          guard let t = Int(field), t >= 0 else {
            throw DataError("\(name):\(line): t must be a whole number ≥ 0, found '\(field)'")
          }
          row.t = t
        } else if let column = columnOfField[position] {
          guard let value = Double(field) else {
            throw DataError(
              "\(name):\(line): column '\(header[position])': expected a number, found '\(field)'")
          }
          row.values[column] = value
          digits = max(digits, significantDigits(field))
        }
      }
      if let last = rows.last, row.t <= last.t {
        throw DataError("\(name):\(line): t must increase, found \(row.t) after \(last.t)")
      }
      rows.append(row)
    }
    guard !rows.isEmpty else {
      throw DataError("\(name): expected at least one row of data after the header, found none")
    }
    let precision = digits >= 15 ? 1e-9 : max(1e-9, 5 * pow(10, Double(1 - digits)))
    return Trace(columns: columns, rows: rows, precision: precision)
  }

  private static func column(named field: String, dimension: Int, file: String) throws(DataError)
    -> Column
  {
    var base = field
    var feature: Int?
    if let open = field.firstIndex(of: "["), field.hasSuffix("]") {
      base = String(field[..<open])
      guard let j = Int(field[field.index(after: open)..<field.index(before: field.endIndex)]),
        j >= 1, j <= dimension
      else {
        throw DataError("\(file): column '\(field)': the index must be 1…\(dimension)")
      }
      feature = j - 1
    }
    base = aliases[base] ?? base
    guard let quantity = Quantity(rawValue: base), quantity != .t else {
      let names = Quantity.allCases.map(\.rawValue).joined(separator: ", ")
      throw DataError("\(file): unknown column '\(field)' (columns: t, \(names))")
    }
    if quantity.isPerFeature && feature == nil {
      guard dimension == 1 else {
        throw DataError("\(file): column '\(field)' needs an index, as in \(base)[1]")
      }
      feature = 0
    }
    if !quantity.isPerFeature && feature != nil {
      throw DataError("\(file): column '\(field)': \(base) is one number and takes no index")
    }
    return Column(name: field, quantity: quantity, feature: feature)
  }

  /// Significant digits of a number as written: `0.000117` has 3, `1.2345e-05` has 5.
  static func significantDigits(_ field: String) -> Int {
    let mantissa = field.prefix { $0 != "e" && $0 != "E" }
    let digits = mantissa.filter(\.isNumber).drop { $0 == "0" }
    return digits.count
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
