import Testing

@testable import Plotting

@Suite struct SVGAndNotebookTests {
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

  @Test func notebookHTMLIsXMLAndInlinesTheFigures() {
    let chart = LineChart(
      series: [Series(name: "x", points: [Point(0, 1), Point(1, 2)])], title: "x")
    let notebook = Notebook(
      title: "adalab & friends",
      entries: [
        Notebook.Entry(command: "show loss", output: ["loss = 0.4 < 1"]),
        Notebook.Entry(
          command: Self.awkward, output: ["\u{1B}[34m⠉⠉\u{1B}[0m"], figures: [chart.svg]),
      ])
    let html = notebook.html
    let result = parsesAsXML(html)
    #expect(result.ok, "\(result.error)")
    #expect(html.contains("<svg xmlns"))
    #expect(html.contains("loss = 0.4 &lt; 1"))
    #expect(!html.contains("\u{1B}"))
    let markdown = notebook.markdown
    #expect(markdown.contains("```text\n> show loss\nloss = 0.4 < 1\n```"))
    #expect(markdown.contains("<svg xmlns"))
  }

  @Test func ansiEscapesAreStripped() {
    #expect(Notebook.plain("\u{1B}[34m*\u{1B}[0m x\u{1B}[90m.") == "* x.")
  }
}
