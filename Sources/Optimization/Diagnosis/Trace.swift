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
    /// Whether the column holds the value without η (PyTorch's momentum buffer: adalab's u
    /// itself under pytorch and optax, u/η where u is the notes' velocity).
    public var withoutLearningRate = false
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

  /// The optimizer the header's library names belong to, when they name only one
  /// (`max_exp_avg_sq` is AMSGrad's, `acc_delta` AdaDelta's); nil otherwise.
  public var impliedOptimizer: Optimizer?

  /// Reads a trace for a data set with `dimension` features. Without a step column (`t`,
  /// `step`, `iter`, `iteration`, `count`) the rows are updates 1, 2, 3, …; with one, t must
  /// increase. Errors quote at most a short escaped excerpt of the file; `nearest` proposes
  /// spellings for an unknown column name.
  public static func parsingCSV(
    _ text: String, name: String, dimension: Int,
    nearest: (String, [String]) -> [String] = { _, _ in [] }
  ) throws(DataError) -> Trace {
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
      if TraceNames.step.contains(field.lowercased()) {
        if let tIndex {
          throw DataError(
            "\(name): expected one step column, found '\(Excerpt.of(header[tIndex]))' and '\(Excerpt.of(field))'"
          )
        }
        tIndex = position
        columnOfField.append(nil)
        continue
      }
      let column = try column(named: field, dimension: dimension, file: name, nearest: nearest)
      if let twin = columns.first(where: {
        $0.quantity == column.quantity && $0.feature == column.feature
      }) {
        throw DataError(
          "\(name): columns '\(Excerpt.of(twin.name))' and '\(Excerpt.of(field))' name the same quantity"
        )
      }
      columnOfField.append(columns.count)
      columns.append(column)
    }
    guard !columns.isEmpty else {
      throw DataError(
        "\(name): expected at least one quantity column besides t (such as w, b, v_b)")
    }
    if let (rows, digits) = fastRows(
      text, fields: header.count, tIndex: tIndex, columnOfField: columnOfField)
    {
      return Trace(
        columns: columns, rows: rows, precision: precision(digits: digits),
        impliedOptimizer: TraceNames.impliedOptimizer(by: header))
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
          // Libraries keep the count as a float (PyTorch's `step` tensor prints 1.0).
          guard let t = Int(field) ?? Double(field).flatMap({ Int(exactly: $0) }), t >= 0 else {
            throw DataError(
              "\(name):\(line): t must be a whole number ≥ 0, found '\(Excerpt.of(field))'")
          }
          row.t = t
        } else if let column = columnOfField[position] {
          guard let value = Double(field) else {
            throw DataError(
              "\(name):\(line): column '\(Excerpt.of(header[position]))': expected a number, found '\(Excerpt.of(field))'"
            )
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
    return Trace(
      columns: columns, rows: rows, precision: precision(digits: digits),
      impliedOptimizer: TraceNames.impliedOptimizer(by: header))
  }

  private static func column(
    named field: String, dimension: Int, file: String, nearest: (String, [String]) -> [String]
  ) throws(DataError) -> Column {
    let lowered = field.lowercased()
    if let (base, part) = TraceNames.split(lowered), Quantity(rawValue: lowered) == nil {
      let library = TraceNames.library[base]!
      let (weights, bias) = library.state.quantities
      var column = Column(name: field, quantity: bias, feature: nil)
      column.withoutLearningRate = library.withoutLearningRate
      switch part {
      case .weights?:
        guard dimension == 1 else {
          throw DataError(
            "\(file): column '\(Excerpt.of(field))' needs an index 1…\(dimension + 1) over (w, b), as in \(base)[1]"
          )
        }
        column.quantity = weights
        column.feature = 0
      case .bias?: break
      case .index(let j)?:
        guard (1...dimension + 1).contains(j) else {
          throw DataError(
            "\(file): column '\(Excerpt.of(field))': the index counts over (w₁…w_d, b) and must be 1…\(dimension + 1)"
          )
        }
        if j <= dimension {
          column.quantity = weights
          column.feature = j - 1
        }
      case nil:
        throw DataError(
          "\(file): column '\(Excerpt.of(field))' needs an index over (w₁…w_d, b), as in \(base)[1] or \(base)_\(dimension + 1)"
        )
      }
      return column
    }
    var base = lowered
    var feature: Int?
    if let open = lowered.firstIndex(of: "["), lowered.hasSuffix("]") {
      base = String(lowered[..<open])
      guard
        let j = Int(lowered[lowered.index(after: open)..<lowered.index(before: lowered.endIndex)]),
        j >= 1, j <= dimension
      else {
        throw DataError("\(file): column '\(Excerpt.of(field))': the index must be 1…\(dimension)")
      }
      feature = j - 1
    }
    base = TraceNames.aliases[base] ?? base
    guard let quantity = Quantity(rawValue: base), quantity != .t else {
      let suggestions = nearest(base, TraceNames.all)
      let hint =
        suggestions.isEmpty
        ? "" : "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
      throw DataError(
        "\(file): unknown column '\(Excerpt.of(field))'\(hint) ('help diagnose' lists the names read)"
      )
    }
    if quantity.isPerFeature && feature == nil {
      guard dimension == 1 else {
        throw DataError("\(file): column '\(Excerpt.of(field))' needs an index, as in \(base)[1]")
      }
      feature = 0
    }
    if !quantity.isPerFeature && feature != nil {
      throw DataError(
        "\(file): column '\(Excerpt.of(field))': \(base) is one number and takes no index")
    }
    return Column(name: field, quantity: quantity, feature: feature)
  }

  /// The relative precision of numbers written with `digits` significant digits: 1e-9 for
  /// full digits, about 10⁻⁵ for six.
  static func precision(digits: Int) -> Double {
    digits >= 15 ? 1e-9 : max(1e-9, 5 * pow(10, Double(1 - digits)))
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
