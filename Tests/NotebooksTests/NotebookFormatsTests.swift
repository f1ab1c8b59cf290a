import Foundation
import Testing

@testable import Notebooks

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The three formats' structure, parsed as their readers parse them: HTML as XML, the
/// notebook as JSON in nbformat 4's shape, the Markdown's links against the pictures.
@Suite struct NotebookFormatsTests {
  static let svg =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><path d=\"M0 0L10 10\"/></svg>\n"

  static let notebook = Notebook(cells: [
    .narration("# Lesson 4: Adam & bias\n\nWhy $1 - \\beta^t$."),
    .narration("## The first update"),
    .command(
      Notebook.Entry(
        command: "step", prompt: "adam t=0> ", output: ["t=1  loss=0.414396"], count: 1)),
    .narration("## A picture\n\nm_b and *m_hat_b*."),
    .command(
      Notebook.Entry(
        command: "plot loss", prompt: "adam t=1> ", output: ["\u{1B}[34m⠉⠉\u{1B}[0m", "t"],
        figures: [svg], count: 2)),
    .command(
      Notebook.Entry(
        command: "show nope", prompt: "adam t=1> ", output: ["error: unknown quantity 'nope'"],
        count: 3, failed: true)),
  ])

  @Test func theTitleIsTheFirstHeadingAndSectionsAreTheSecondLevel() {
    #expect(Self.notebook.title == "Lesson 4: Adam & bias")
    #expect(Self.notebook.sections == ["The first update", "A picture"])
    #expect(Notebook(cells: [.narration("words")]).title == "adalab session")
  }

  @Test func htmlIsOneXMLDocumentWithContentsPicturesAndPrintStyle() throws {
    let html = Self.notebook.html
    let document = try XMLDocument(data: Data(html.utf8))
    func strings(_ xpath: String) throws -> [String] {
      try document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
    }
    #expect(try strings("//*[local-name()='title']") == ["Lesson 4: Adam & bias"])
    #expect(try strings("//*[local-name()='h1']") == ["Lesson 4: Adam & bias"])
    let links = try strings("//*[local-name()='nav']//*[local-name()='a']/@href")
    #expect(links == ["#section-1", "#section-2"])
    #expect(try strings("//*[local-name()='h2']/@id") == ["section-1", "section-2"])
    // The contents come before the first section, after the opening words.
    let order = try document.nodes(forXPath: "//*[local-name()='nav' or local-name()='h2']")
    #expect(order.first?.name == "nav")
    #expect(try strings("//*[local-name()='pre'][@class='command']").first == "adam t=0> step")
    #expect(
      try document.nodes(forXPath: "//*[local-name()='figure']/*[local-name()='svg']").count == 1)
    #expect(try strings("//*[local-name()='details']/*[local-name()='pre']") == ["⠉⠉\nt"])
    #expect(
      try strings("//*[local-name()='section'][@class='cell failed']//*[@class='output']") == [
        "error: unknown quantity 'nope'"
      ])
    #expect(
      html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"))
    #expect(html.contains("@media print"))
    #expect(!html.contains("\u{1B}") && !html.contains("<script") && !html.contains("http-equiv"))
  }

  @Test func markdownLinksEveryPictureRelativelyAndInlinesNone() throws {
    let export = Self.notebook.markdown(picturesFolder: "my l4.files")
    #expect(export.pictures.map(\.path) == ["my l4.files/plot-2.svg"])
    #expect(export.pictures[0].svg == Self.svg)
    #expect(!export.text.contains("<svg"))
    let links = export.text.matches(of: /!\[[^\]]*\]\(([^)]*)\)/).map { String($0.1) }
    #expect(links == ["my%20l4.files/plot-2.svg"])
    #expect(
      links.map { $0.removingPercentEncoding ?? "" } == export.pictures.map(\.path))
    #expect(export.text.hasPrefix("# Lesson 4: Adam & bias\n"))
    #expect(export.text.contains("```text\nadam t=0> step\nt=1  loss=0.414396\n```"))
    #expect(export.text.contains("m_b and *m_hat_b*."))
  }

  @Test func jupyterIsNbformat4WithCountsOutputsAndLanguage() throws {
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(Self.notebook.jupyter.utf8)) as? [String: Any])
    #expect(json["nbformat"] as? Int == 4)
    #expect(json["nbformat_minor"] as? Int == 5)
    let metadata = try #require(json["metadata"] as? [String: Any])
    let kernel = try #require(metadata["kernelspec"] as? [String: String])
    #expect(kernel["name"] == "adalab" && kernel["language"] == "adalab")
    let language = try #require(metadata["language_info"] as? [String: String])
    #expect(language["name"] == "adalab")
    let cells = try #require(json["cells"] as? [[String: Any]])
    #expect(
      cells.map { $0["cell_type"] as? String } == [
        "markdown", "markdown", "code", "markdown", "code", "code",
      ])
    let ids = cells.compactMap { $0["id"] as? String }
    #expect(Set(ids).count == cells.count)
    #expect(
      cells[0]["source"] as? [String] == ["# Lesson 4: Adam & bias\n", "\n", "Why $1 - \\beta^t$."])
    let code = cells.filter { $0["cell_type"] as? String == "code" }
    #expect(code.map { $0["execution_count"] as? Int } == [1, 2, 3])
    #expect(code.map { $0["source"] as? [String] } == [["step"], ["plot loss"], ["show nope"]])
    let step = try #require((code[0]["outputs"] as? [[String: Any]])?.first)
    #expect(step["output_type"] as? String == "stream" && step["name"] as? String == "stdout")
    #expect(step["text"] as? [String] == ["t=1  loss=0.414396\n"])
    let picture = try #require((code[1]["outputs"] as? [[String: Any]])?.first)
    #expect(picture["output_type"] as? String == "display_data")
    let data = try #require(picture["data"] as? [String: [String]])
    #expect(data["image/svg+xml"]?.joined() == Self.svg)
    #expect(data["text/plain"] == ["⠉⠉\n", "t"])
    let failure = try #require((code[2]["outputs"] as? [[String: Any]])?.first)
    #expect(failure["name"] as? String == "stderr")
  }
}

/// Narration of any characters still makes one well-formed page.
@Suite struct NarrationFuzzTests {
  /// SplitMix64, for a reproducible stream of awkward lines.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let pieces = [
    "a", "b_c", " ", "*", "**", "_", "`", "$", "\\", "<", ">", "&", "\"", "'", "[", "]", "(",
    ")", "!", "#", "## ", "- ", "1. ", "> ", "    ", "\n", "\n\n", "```", "~~~", "|", "---",
    "&amp;", "\\beta", "^", "{", "}", "http://x.org", "é", "⠉",
  ]

  @Test func randomNarrationMakesWellFormedHTML() throws {
    var generator = Generator(state: 7)
    for _ in 0..<400 {
      let count = Int.random(in: 1...30, using: &generator)
      let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
      let page = Notebook(cells: [.narration(text)]).html
      let parser = XMLParser(data: Data(page.utf8))
      #expect(parser.parse(), "\(text.debugDescription): \(String(describing: parser.parserError))")
    }
  }
}
