import Testing

@testable import Shell

/// Every form of an error comes from `ErrorRenderer`: the terminal's caret, `FILE:LINE:` for
/// scripts and checks, and the plain line of replays and exports.
struct ErrorRendererTests {
  /// What the interpreter refuses in `line`, as the terminal shows it.
  static func terminal(_ line: String) throws -> [String] {
    var interpreter = Interpreter(files: MemoryFiles())
    let error = try #require(interpreter.execute(line).error)
    return error.rendered(under: line)
  }

  @Test func interactiveFormPutsTheCaretUnderTheBadToken() throws {
    #expect(
      try Self.terminal("set beat2 0.9") == [
        "set beat2 0.9",
        "    ^",
        "error: unknown setting 'beat2' (did you mean 'beta2'?)",
      ])
  }

  @Test func aTabBeforeTheErrorIsCopiedIntoTheCaretLine() throws {
    // The terminal moves both lines to the same tab stop; eight spaces would be wrong
    // after "se" and a single space (the old caret) wrong everywhere.
    #expect(
      try Self.terminal("set\tbeat2 0.9") == [
        "set\tbeat2 0.9",
        "   \t^",
        "error: unknown setting 'beat2' (did you mean 'beta2'?)",
      ])
  }

  @Test func aWideCharacterBeforeTheErrorTakesTwoColumns() {
    // 学 and 😀 are two columns each on a terminal, é (e and a combining acute) one.
    #expect(ErrorRenderer.caret(under: "学 x", column: 2) == "   ^")
    #expect(ErrorRenderer.caret(under: "😀😀 x", column: 3) == "     ^")
    #expect(ErrorRenderer.caret(under: "e\u{301}学\tx", column: 3) == "   \t^")
    // A family emoji is one character of several wide scalars, drawn in two columns.
    #expect(ErrorRenderer.caret(under: "👨‍👩‍👧 x", column: 2) == "   ^")
  }

  @Test func aWideNameBeforeTheErrorMovesTheCaretTwoColumnsPerCharacter() throws {
    // Character offset 8, terminal column 10: 学 and 习 are two columns each.
    #expect(
      try Self.terminal("fork 学习 extra") == [
        "fork 学习 extra",
        "          ^",
        "error: expected end of command after '学习', found 'extra'",
      ])
  }

  @Test func aWideCharacterTypedBeforeARefusedNameKeepsTheCaretUnderIt() throws {
    var interpreter = Interpreter(files: MemoryFiles())
    let line = "set 学习率 0.1"
    let error = try #require(interpreter.execute(line).error)
    #expect(error.column == 4)
    let shown = error.rendered(under: line)
    #expect(shown[1] == "    ^")
    #expect(shown[2].hasPrefix("error: unknown setting '学习率'"))
  }

  @Test func anErrorWithoutAColumnIsOneLine() {
    #expect(ShellError("no data loaded").rendered(under: "step") == ["error: no data loaded"])
  }

  /// At a terminal a long error breaks between words (the terminal would break it mid-word),
  /// indented under itself; the typed line and its caret stay whole.
  @Test func aLongErrorFitsTheTerminalBetweenWords() {
    let message = "expected an optimizer with beta2, found momentum (or 'schedule beta2 off' first)"
    let error = ShellError(message, column: 4)
    #expect(
      error.rendered(under: "use momentum:pytorch", width: 80) == [
        "use momentum:pytorch", "    ^",
        "error: expected an optimizer with beta2, found momentum (or 'schedule beta2 off'",
        "  first)",
      ])
    // Narrower: every piece fits, and the pieces are the words of the line, none cut.
    for width in [30, 45, 60] {
      let pieces = error.rendered(under: "use momentum:pytorch", width: width).dropFirst(2)
      #expect(pieces.allSatisfy { $0.count <= width }, "\(width)")
      let words = pieces.flatMap { $0.split(separator: " ") }.joined(separator: " ")
      #expect(words == "error: " + message, "\(width)")
    }
    // Not at a terminal (no width): one line, as scripts and transcripts need.
    #expect(error.rendered(under: "use momentum:pytorch").last == "error: " + message)
    #expect(
      ShellError("no data loaded").rendered(under: "step", width: 80) == [
        "error: no data loaded"
      ])
  }

  @Test func aColumnPastTheEndPutsTheCaretAfterTheLine() {
    #expect(ErrorRenderer.caret(under: "set\teta", column: 7) == "   \t   ^")
    #expect(ErrorRenderer.caret(under: "set\teta", column: 9) == "   \t     ^")
  }

  @Test func fileAndLineForm() {
    #expect(
      ShellError("unknown command 'stpe' (did you mean 'step'?)")
        .rendered(file: "lesson.txt", line: 12)
        == "lesson.txt:12: error: unknown command 'stpe' (did you mean 'step'?)")
    #expect(
      ErrorRenderer.line("x", file: "<stdin>", line: 3) == "<stdin>:3: error: x")
    #expect(ShellError("x").rendered() == "error: x")
  }

  @Test func theMessageIsReadBackFromAnErrorLineOnly() {
    #expect(ErrorRenderer.message(in: "error: unknown setting 'x'") == "unknown setting 'x'")
    #expect(ErrorRenderer.message(in: "w = 0.5") == nil)
    #expect(ErrorRenderer.message(in: "note: error: x") == nil)
  }

  @Test func aReplayRecordsTheErrorInThePlainFormAndTheFirstWithItsLine() {
    var interpreter = Interpreter(files: MemoryFiles())
    let transcript = Transcript(parsing: "adam t=0> show w\nadam t=0> set beat2 0.9\n")
    let replay = TranscriptReplay(transcript, file: "tour.txt", interpreter: &interpreter)
    #expect(
      replay.actual.commands.last?.output
        == ["error: unknown setting 'beat2' (did you mean 'beta2'?)"])
    #expect(
      replay.firstError
        == "tour.txt:2: error: unknown setting 'beat2' (did you mean 'beta2'?)")
  }
}
