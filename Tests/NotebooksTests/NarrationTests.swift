import Testing

@testable import Notebooks

/// Narration through Ink and the guard that makes Ink read a lesson as it is meant.
@Suite struct NarrationTests {
  @Test func commentLinesBecomeMarkdown() {
    #expect(Narration.markdown(ofComment: "## Lesson 4: Adam") == "# Lesson 4: Adam")
    #expect(Narration.markdown(ofComment: "# text") == "text")
    #expect(Narration.markdown(ofComment: "#") == "")
    #expect(Narration.markdown(ofComment: "  #     v = 1") == "    v = 1")
    #expect(Narration.markdown(ofComment: "") == "")
    #expect(Narration.isDirective(Narration.markdown(ofComment: "# tolerance: 1e-9")))
  }

  @Test func formulasInPlainTextStayAsWritten() {
    let html = Narration.html(
      "m_hat_b = m_b/(1 - 0.9) and v = beta*v + (1 - beta)*db^2, 0.1 * g * 2")
    #expect(
      html == "<p>m_hat_b = m_b/(1 - 0.9) and v = beta*v + (1 - beta)*db^2, 0.1 * g * 2</p>")
  }

  @Test func markdownStillWorks() {
    let html = Narration.html("**bold**, *it* and `code_x < 2`\n\n- one\n- two")
    #expect(
      html
        == "<p><strong>bold</strong>, <em>it</em> and <code>code_x &lt; 2</code></p><ul><li>one</li><li>two</li></ul>"
    )
  }

  @Test func aLessThanSignIsTextAndTheRestStillRenders() {
    // Ink alone takes `<3` for raw HTML and passes everything after it through.
    let html = Narration.html("loss<1e-3 & more\n\nnext <b>")
    #expect(html == "<p>loss&lt;1e-3 &amp; more</p><p>next &lt;b&gt;</p>")
  }

  @Test func linksCannotAddAttributesScriptsOrBreakTheXML() {
    #expect(
      Narration.html(
        "[x](a\"onclick=\"b) [y](javascript:alert(1)) ![i](p.png \"t\") [n](https://e.org/a_(b))")
        == "<p><a href=\"a%22onclick=%22b\">x</a> <a href=\"#\">y</a> <img src=\"p.png%20%22t%22\" alt=\"i\"/> <a href=\"https://e.org/a_(b)\">n</a></p>"
    )
  }

  @Test func indentedLinesAfterABlankLineAreCode() {
    let html = Narration.html("rules:\n\n    v = beta*v\n    u = 2\nafter")
    #expect(html == "<p>rules:</p><pre><code>v = beta*v\nu = 2\n</code></pre><p>after</p>")
  }

  @Test func mathsReadsAsText() {
    #expect(
      Narration.html("so $E[m_t] = E[g](1 - \\beta_1^t)$: biased")
        == "<p>so <span class=\"math\">E[m<sub>t</sub>] = E[g](1 - β<sub>1</sub><sup>t</sup>)</span>: biased</p>"
    )
    #expect(
      MathText.html("\\hat{m} \\leftarrow \\frac{m}{1 - \\beta^{t+1}} < \\sqrt{v}")
        == "m\u{302} ← (m)/(1 - β<sup>t+1</sup>) &lt; √(v)")
    // Not maths: prices, a lone dollar.
    #expect(Narration.html("$5 and $6, a $ b") == "<p>$5 and $6, a $ b</p>")
  }

  @Test func portableMarkdownKeepsMathsAndEscapesOnlyWhatCommonMarkWouldMisread() {
    #expect(
      Narration.portableMarkdown("m_hat_b = beta*v + (1-beta)*g, $\\beta_1^t$ <x")
        == "m_hat_b = beta\\*v + (1-beta)\\*g, $\\beta_1^t$ &lt;x")
  }
}
