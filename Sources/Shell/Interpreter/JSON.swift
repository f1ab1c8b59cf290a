/// A JSON value, rendered compactly with numbers in shortest round-trip form.
///
/// Hand-written because Foundation's encoders do not promise shortest round-trip doubles,
/// and `--json` output must let a reader recover the engine's exact number.
public indirect enum JSON: Equatable, Sendable {
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case array([JSON])
  /// Keys in the order given.
  case object([(String, JSON)])
  case null

  public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.rendered == rhs.rendered }

  /// The compact JSON text.
  public var rendered: String {
    switch self {
    case .number(let x):
      guard x.isFinite else { return "null" }
      return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    case .integer(let n): return String(n)
    case .string(let s): return JSON.quote(s)
    case .bool(let b): return b ? "true" : "false"
    case .array(let items): return "[" + items.map(\.rendered).joined(separator: ",") + "]"
    case .object(let pairs):
      return "{" + pairs.map { JSON.quote($0.0) + ":" + $0.1.rendered }.joined(separator: ",")
        + "}"
    case .null: return "null"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out +=
            "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
            + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
