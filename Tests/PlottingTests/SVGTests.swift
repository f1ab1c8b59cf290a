import Testing

@testable import Plotting

@Suite struct SVGTests {
  static let awkward = "loss < 1e-3 & \"quotes\" 'too' \u{1}"

  @Test func textIsEscaped() {
    #expect(SVGDocument.escape("a<b & c>\"d'") == "a&lt;b &amp; c&gt;&quot;d&apos;")
    #expect(SVGDocument.escape("bell\u{7}") == "bell")
  }

  @Test func chartSVGIsStandaloneXML() {
    let chart = LineChart(
      series: [
        Series(name: Self.awkward, points: [Point(0, 1), Point(1, .nan), Point(2, 3)]),
        Series(name: "b", points: [Point(0, 2), Point(2, 0)]),
      ],
      title: Self.awkward)
    let svg = chart.svg
    let result = parsesAsXML(svg)
    #expect(result.ok, "\(result.error)")
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "))
    #expect(!svg.contains("<script"))
    #expect(!svg.contains("href"))
    #expect(!svg.contains("@import"))
  }

}
