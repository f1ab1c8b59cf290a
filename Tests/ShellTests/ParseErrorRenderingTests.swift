import Testing

@testable import Shell

/// How the host prints a parse error.
struct ParseErrorRenderingTests {
  let error = ParseError("unknown setting 'beat2' (did you mean 'beta2'?)", column: 4)

  @Test func oneLine() {
    #expect(error.description == "error: unknown setting 'beat2' (did you mean 'beta2'?)")
    #expect("\(error)" == "error: unknown setting 'beat2' (did you mean 'beta2'?)")
  }

  @Test func withFileAndLine() {
    #expect(
      error.rendered(file: "lesson.txt", line: 12)
        == "lesson.txt:12: error: unknown setting 'beat2' (did you mean 'beta2'?)")
  }

  @Test func caretUnderTheColumn() {
    #expect(
      error.rendered(under: "set beat2 0.9")
        == """
        set beat2 0.9
            ^
        error: unknown setting 'beat2' (did you mean 'beta2'?)
        """)
  }

  @Test func caretAfterTheEndOfTheLine() throws {
    let line = "set eta"
    let error = try #require(ParseErrorTests.error(line))
    #expect(
      error.rendered(under: line)
        == "set eta\n       ^\nerror: expected a value for 'eta', found nothing")
  }

  @Test func tabsKeepTheCaretAligned() {
    let error = ParseError("x", column: 5)
    #expect(error.rendered(under: "\tset\tbeat2") == "\tset\tbeat2\n\t   \t^\nerror: x")
  }
}
