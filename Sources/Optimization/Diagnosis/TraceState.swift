/// A trace's rows read back as optimizer state, coordinate by coordinate over
/// θ = (w₁, …, w_d, b): the parameters when every one of them is a column, and m, v,
/// v_max and u where the trace has them. What the hyperparameter fit reads.
struct TraceState {
  /// The rows' update counts.
  let ts: [Int]
  /// θ of each row, nil when a parameter is missing from the trace.
  let parameters: [[Double]?]
  /// Per row, per coordinate: m, v, v_max, u (nil where the trace has no such column).
  let m: [[Double?]]
  let v: [[Double?]]
  let vMax: [[Double?]]
  let u: [[Double?]]

  init(_ trace: Trace, dimension: Int) {
    let width = dimension + 1
    func columnIndex(_ weights: Quantity, _ bias: Quantity) -> [Int?] {
      (0..<width).map { i in
        trace.columns.firstIndex {
          i < dimension ? $0.quantity == weights && $0.feature == i : $0.quantity == bias
        }
      }
    }
    func read(_ weights: Quantity, _ bias: Quantity) -> [[Double?]] {
      let indices = columnIndex(weights, bias)
      return trace.rows.map { row in indices.map { $0.map { row.values[$0] } } }
    }
    ts = trace.rows.map(\.t)
    let theta = columnIndex(.w, .b)
    if theta.allSatisfy({ $0 != nil }) {
      parameters = trace.rows.map { row in theta.map { row.values[$0!] } }
    } else {
      parameters = [[Double]?](repeating: nil, count: trace.rows.count)
    }
    m = read(.mW, .mB)
    v = read(.vW, .vB)
    vMax = read(.vmaxW, .vmaxB)
    u = read(.uW, .uB)
  }

  /// Whether every parameter is a column.
  var hasParameters: Bool { parameters.first.map { $0 != nil } ?? false }

  /// The rows whose predecessor is the update before: (row before, row), at most `limit`.
  func consecutivePairs(limit: Int) -> [(Int, Int)] {
    var pairs: [(Int, Int)] = []
    for k in ts.indices.dropFirst() where ts[k] == ts[k - 1] + 1 {
      pairs.append((k - 1, k))
      if pairs.count == limit { break }
    }
    return pairs
  }
}
