import Foundation

/// The road from L² to L∞ in the notes: the Lᵖ norm ‖g‖ₚ = (Σ|gᵢ|ᵖ)^(1/p), its unit curves,
/// and why AdaMax takes the limit max|gᵢ| instead of a large p.
///
/// Computed as written, Σ|gᵢ|ᵖ leaves the range of a Double long before ‖g‖ₚ is near its
/// limit: gradients below 1 raised to p = 400 underflow to 0 (0.1⁴⁰⁰ = 1e-400), gradients
/// above 1 overflow to infinity (10⁴⁰⁰). The norm itself is always between max|gᵢ| and
/// n^(1/p)·max|gᵢ|, so it is the power sum, not the answer, that breaks.
public enum LpNorm {
  /// The curve |x₁|ᵖ + |x₂|ᵖ = 1 as a closed path, drawn counter-clockwise from (1, 0);
  /// p = ∞ is the square max(|x₁|, |x₂|) = 1.
  public static func unitCurve(p: Double, points: Int = 240) -> [Point] {
    guard p.isFinite else {
      return [Point(1, 0), Point(1, 1), Point(-1, 1), Point(-1, -1), Point(1, -1), Point(1, 0)]
    }
    // x = sgn(cos θ)|cos θ|^(2/p), y = sgn(sin θ)|sin θ|^(2/p) satisfies |x|ᵖ + |y|ᵖ = 1.
    return (0...points).map { k in
      let theta = 2 * Double.pi * Double(k) / Double(points)
      let c = cos(theta)
      let s = sin(theta)
      func power(_ value: Double) -> Double {
        let magnitude = pow(abs(value), 2 / p)
        return value < 0 ? -magnitude : magnitude
      }
      return Point(power(c), power(s))
    }
  }

  /// What became of the power sum Σ|gᵢ|ᵖ in floating point.
  public enum Verdict: String, Equatable, Sendable {
    /// A normal number: the direct norm has (nearly) full precision.
    case exact = "ok"
    /// Below the smallest normal Double: digits are lost.
    case subnormal = "subnormal, digits lost"
    /// Rounded to 0, so the direct norm is 0.
    case underflow = "underflow to 0"
    /// Rounded to infinity, so the direct norm is infinite.
    case overflow = "overflow to inf"
  }

  /// One p of the table.
  public struct Row: Equatable, Sendable {
    public var p: Double
    /// Σ|gᵢ|ᵖ as a Double computes it.
    public var powerSum: Double
    /// (Σ|gᵢ|ᵖ)^(1/p) computed directly.
    public var direct: Double
    /// max|gᵢ|·(Σ(|gᵢ|/max|gᵢ|)ᵖ)^(1/p): the same norm, scaled so nothing leaves range.
    public var scaled: Double
    public var verdict: Verdict
  }

  /// The norm of `g` for each of `powers`, computed directly and scaled.
  public static func table(_ g: [Double], powers: [Double]) -> [Row] {
    let magnitudes = g.map(abs)
    let largest = magnitudes.max() ?? 0
    return powers.map { p in
      let sum = magnitudes.reduce(0) { $0 + pow($1, p) }
      let direct = pow(sum, 1 / p)
      let scaled =
        largest == 0 ? 0 : largest * pow(magnitudes.reduce(0) { $0 + pow($1 / largest, p) }, 1 / p)
      let verdict: Verdict
      if sum == .infinity {
        verdict = .overflow
      } else if sum == 0 && largest > 0 {
        verdict = .underflow
      } else if sum > 0 && sum < Double.leastNormalMagnitude {
        verdict = .subnormal
      } else {
        verdict = .exact
      }
      return Row(p: p, powerSum: sum, direct: direct, scaled: scaled, verdict: verdict)
    }
  }
}
