import Foundation

/// An axis from `lower` to `upper` with tick marks at round numbers, after Heckbert's
/// "Nice numbers for graph labels" (Graphics Gems, 1990).
///
/// A nice number is 1, 2, 5 or 10 times a power of ten. The tick spacing is the nice number
/// nearest to range / (ticks − 1), and the axis is widened outward to the next multiples of
/// the spacing ("loose" labelling), so the first and last ticks sit on the frame.
public struct NiceScale: Equatable, Sendable {
  /// The value at the start of the axis.
  public var lower: Double
  /// The value at the end of the axis.
  public var upper: Double
  /// The distance between ticks (for a log scale: in decades).
  public var spacing: Double
  /// Whether positions are proportional to log₁₀ of the value.
  public var isLogarithmic: Bool

  /// A linear axis covering `minimum...maximum` with about `ticks` ticks; with
  /// `wholeNumbers` (an axis of update counts) the ticks are never closer than 1, so a
  /// two-update plot has no tick at t = 0.5.
  public init(minimum: Double, maximum: Double, ticks: Int = 5, wholeNumbers: Bool = false) {
    var low = minimum
    var high = maximum
    if !(low.isFinite && high.isFinite) { (low, high) = (0, 1) }
    if high < low { swap(&low, &high) }
    if high == low {
      let pad = low == 0 ? 1 : abs(low) * 0.1
      (low, high) = (low - pad, high + pad)
    }
    let range = NiceScale.niceNumber(high - low, rounding: false)
    var spacing = NiceScale.niceNumber(range / Double(max(1, ticks - 1)), rounding: true)
    if wholeNumbers { spacing = max(spacing, 1) }
    self.spacing = spacing
    self.lower = (low / spacing).rounded(.down) * spacing
    self.upper = (high / spacing).rounded(.up) * spacing
    self.isLogarithmic = false
  }

  /// A logarithmic axis covering `minimum...maximum` (both positive), widened to whole
  /// decades, with a tick at every decade or every few decades when there are many.
  public init(logarithmicMinimum minimum: Double, maximum: Double, ticks: Int = 6) {
    var low = log10(minimum)
    var high = log10(maximum)
    if !(low.isFinite && high.isFinite) { (low, high) = (0, 1) }
    if high < low { swap(&low, &high) }
    low = low.rounded(.down)
    high = high.rounded(.up)
    if high == low { high += 1 }
    let decades = high - low
    let every = max(1, (decades / Double(max(1, ticks - 1))).rounded(.up))
    self.spacing = every
    self.lower = (low / every).rounded(.down) * every
    self.upper = (high / every).rounded(.up) * every
    self.isLogarithmic = true
  }

  /// Heckbert's nice number near `x`: 1, 2, 5 or 10 times a power of ten; rounded to the
  /// nearest, or else the smallest one not below `x`.
  public static func niceNumber(_ x: Double, rounding: Bool) -> Double {
    let exponent = log10(x).rounded(.down)
    let power = pow(10, exponent)
    let fraction = x / power
    let nice: Double
    if rounding {
      nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
      nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    return nice * power
  }

  /// The tick values, from `lower` to `upper` (for a log scale: the values, not exponents).
  public var ticks: [Double] {
    let count = Int(((upper - lower) / spacing).rounded()) + 1
    let first = (lower / spacing).rounded()
    // Round to one digit below the spacing so that 3 × 0.2 is 0.6, not 0.6000000000000001.
    let decimals = max(0, 1 - Int(log10(spacing).rounded(.down)))
    let unit = pow(10, Double(min(decimals, 300)))
    return (0..<count).map { index in
      let position = (first + Double(index)) * spacing
      let snapped = spacing < 1 ? (position * unit).rounded() / unit : position
      return isLogarithmic ? pow(10, snapped) : snapped
    }
  }

  /// Where `value` sits on the axis: 0 at `lower`, 1 at `upper`; nil when it cannot be drawn
  /// (not finite, or not positive on a log scale).
  public func fraction(of value: Double) -> Double? {
    let position = isLogarithmic ? (value > 0 ? log10(value) : .nan) : value
    guard position.isFinite else { return nil }
    return (position - lower) / (upper - lower)
  }

  /// The value at a fraction of the axis: the inverse of ``fraction(of:)``.
  public func value(at fraction: Double) -> Double {
    let position = lower + fraction * (upper - lower)
    return isLogarithmic ? pow(10, position) : position
  }

  /// A tick label with no more digits than the spacing needs: `0.25`, `100`, `1e-05`.
  ///
  /// A log axis labels its decades in one style: written out (`0.01`, `1`, `100`) when
  /// every tick is between 1e-3 and 1e4, else all as powers (`1e-2`, `1e0`, `1e2`, `1e4`).
  public func label(_ value: Double) -> String {
    if value == 0 { return "0" }
    if isLogarithmic {
      let exponent = Int(log10(value).rounded())
      if (-3...4).contains(Int(lower.rounded())) && (-3...4).contains(Int(upper.rounded())) {
        return exponent < 0
          ? String(format: "%.\(-exponent)f", value) : String(format: "%.0f", value)
      }
      return "1e\(exponent)"
    }
    let magnitude = max(abs(lower), abs(upper))
    if magnitude >= 1e6 || magnitude < 1e-4 {
      return NiceScale.compact(String(format: "%.2g", value))
    }
    let decimals = max(0, -Int(log10(spacing).rounded(.down)))
    return String(format: "%.\(decimals)f", value)
  }

  /// `1.0e-05` → `1e-5`, `8e+06` → `8e6`: the style of the log axes' labels.
  static func compact(_ text: String) -> String {
    guard let e = text.firstIndex(of: "e") else { return text }
    var mantissa = String(text[..<e])
    if mantissa.contains(".") {
      while mantissa.hasSuffix("0") { mantissa.removeLast() }
      if mantissa.hasSuffix(".") { mantissa.removeLast() }
    }
    var exponent = text[text.index(after: e)...]
    let sign = exponent.first == "-" ? "-" : ""
    exponent = exponent.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" }
    return mantissa + "e" + sign + (exponent.isEmpty ? "0" : exponent)
  }
}
