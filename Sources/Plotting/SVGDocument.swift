import Foundation

/// A standalone SVG picture built element by element: a `viewBox` so it scales on a slide,
/// the generic `sans-serif` font, no scripts, no links, and every text escaped.
public struct SVGDocument: Sendable {
  /// The size in user units (and, by default, in CSS pixels).
  public var width: Double
  public var height: Double
  private var elements: [String] = []

  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// The document, starting at `<svg` so that it can be inlined in HTML as it is.
  public var rendered: String {
    var text =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGDocument.number(width)) \(SVGDocument.number(height))\""
      + " width=\"\(SVGDocument.number(width))\" height=\"\(SVGDocument.number(height))\""
      + " font-family=\"sans-serif\" font-size=\"12\">\n"
    text +=
      "<rect x=\"0\" y=\"0\" width=\"\(SVGDocument.number(width))\" height=\"\(SVGDocument.number(height))\" fill=\"#ffffff\"/>\n"
    for element in elements { text += element + "\n" }
    return text + "</svg>\n"
  }

  /// A straight line.
  public mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1
  ) {
    elements.append(
      "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"/>"
    )
  }

  /// A connected line through `points`; nothing when there are fewer than two.
  public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5) {
    guard points.count >= 2 else {
      if let point = points.first { circle(point.0, point.1, radius: width, fill: stroke) }
      return
    }
    let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
    elements.append(
      "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\"/>"
    )
  }

  /// Many separate segments in one path.
  public mutating func segments(
    _ segments: [((Double, Double), (Double, Double))], stroke: String, width: Double = 1
  ) {
    guard !segments.isEmpty else { return }
    let data = segments.map { "M\(n($0.0.0)) \(n($0.0.1))L\(n($0.1.0)) \(n($0.1.1))" }.joined()
    elements.append(
      "<path d=\"\(data)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"/>")
  }

  /// A rectangle outline or fill.
  public mutating func rect(
    _ x: Double, _ y: Double, _ width: Double, _ height: Double, stroke: String = "none",
    fill: String = "none"
  ) {
    elements.append(
      "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
    )
  }

  /// A dot or ring.
  public mutating func circle(
    _ x: Double, _ y: Double, radius: Double, fill: String, stroke: String = "none"
  ) {
    elements.append(
      "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
    )
  }

  /// Text; `anchor` is `start`, `middle` or `end`.
  public mutating func text(
    _ string: String, x: Double, y: Double, anchor: String = "start", fill: String = "#222222",
    size: Double? = nil
  ) {
    let sizeAttribute = size.map { " font-size=\"\(n($0))\"" } ?? ""
    elements.append(
      "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\"\(sizeAttribute)>\(SVGDocument.escape(string))</text>"
    )
  }

  /// `&`, `<`, `>`, `"` and `'` as XML entities; control characters dropped.
  public static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n", "\t": out += " "
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F
          || scalar.properties.generalCategory == .surrogate
        {
          continue
        }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A coordinate with at most two decimals.
  static func number(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let rounded = (x * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
  }

  private func n(_ x: Double) -> String { SVGDocument.number(x) }
}
