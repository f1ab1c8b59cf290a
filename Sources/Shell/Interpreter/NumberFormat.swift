import Foundation

/// How the shell writes numbers for people: six significant digits, no trailing zeros.
///
/// `--json` output uses the shortest round-trip form instead (``JSON``), so nothing is
/// lost for a program; a person reads `0.000117` rather than `0.00011699999999999998`.
enum NumberFormat {
  /// `x` with at most `digits` significant digits: `0.1`, `-1.98765`, `1.17e-05`, `316.228`.
  static func text(_ x: Double, digits: Int = 6) -> String {
    if x == 0 { return "0" }
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    var s = String(format: "%.\(digits)g", x)
    if let e = s.firstIndex(where: { $0 == "e" }) {
      var mantissa = String(s[..<e])
      let exponent = String(s[e...])
      if mantissa.contains(".") {
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa.removeLast() }
      }
      s = mantissa + exponent
    } else if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    return s
  }

  /// A vector as `[a, b, c]`.
  static func text(_ xs: [Double]) -> String {
    "[" + xs.map { text($0) }.joined(separator: ", ") + "]"
  }
}
