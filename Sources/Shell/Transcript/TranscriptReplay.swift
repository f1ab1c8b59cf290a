/// Replaying a transcript through an interpreter, and comparing what it prints with what
/// the file recorded.
public struct TranscriptReplay {
  /// The transcript as the file has it.
  public let expected: Transcript
  /// The same file with every prompt and output replaced by what the replay produced.
  public private(set) var actual: Transcript
  /// The commands whose prompt or output differ beyond the tolerance (1-based file lines).
  public private(set) var mismatchedLines: [Int] = []
  /// The first error a command produced, as `FILE:LINE: error: ...`, if any.
  public private(set) var firstError: String?

  /// Replays every command of `transcript` on `interpreter`, recording the output; stops
  /// when `isCancelled` turns true.
  public init(
    _ transcript: Transcript, file: String, interpreter: inout Interpreter,
    stopAtFirstError: Bool = false, isCancelled: @escaping () -> Bool = { false }
  ) {
    expected = transcript
    actual = transcript
    for (index, block) in transcript.blocks.enumerated() {
      guard case .command(var entry) = block else {
        if case .narration(let line) = block { interpreter.narrate(line) }
        continue
      }
      let prompt = entry.prompt.isEmpty ? "" : interpreter.prompt
      let outcome = interpreter.execute(entry.command, isCancelled: isCancelled)
      var output = outcome.replies.flatMap(\.lines)
      if let error = outcome.error {
        output.append(error.rendered())
        if firstError == nil { firstError = error.rendered(file: file, line: entry.lineNumber) }
      }
      let recorded = entry
      entry.prompt = prompt
      entry.output = output
      actual.blocks[index] = .command(entry)
      if !TranscriptReplay.matches(recorded, entry, tolerance: transcript.tolerance) {
        mismatchedLines.append(entry.lineNumber)
      }
      if outcome.quit || (stopAtFirstError && outcome.error != nil) || isCancelled() { break }
    }
  }

  /// Whether the replay printed what the file recorded.
  public var matches: Bool { mismatchedLines.isEmpty }

  /// A unified diff from the file to the replay, empty when they match.
  public func diff(file: String) -> String {
    guard !matches else { return "" }
    return UnifiedDiff.render(
      from: expected.text, to: actual.text, fromName: file, toName: "\(file) (replayed)")
  }

  static func matches(_ a: Transcript.Entry, _ b: Transcript.Entry, tolerance: Double) -> Bool {
    guard a.prompt == b.prompt || a.prompt.isEmpty, a.output.count == b.output.count else {
      return false
    }
    return zip(a.output, b.output).allSatisfy {
      NumericText.equal($0, $1, tolerance: tolerance)
    }
  }
}

/// Comparing lines of text in which numbers may differ in their last digits.
enum NumericText {
  /// Whether two lines are the same text with numbers equal within a relative tolerance.
  static func equal(_ a: String, _ b: String, tolerance: Double) -> Bool {
    if a == b { return true }
    let x = tokens(a)
    let y = tokens(b)
    guard x.count == y.count else { return false }
    for (p, q) in zip(x, y) {
      switch (p, q) {
      case (.text(let s), .text(let t)): if s != t { return false }
      case (.number(let u), .number(let v)):
        if u != v && abs(u - v) > tolerance * max(abs(u), abs(v)) { return false }
      default: return false
      }
    }
    return true
  }

  enum Token: Equatable {
    case text(String)
    case number(Double)
  }

  /// Splits a line into runs of text and numbers (`-1.5e-05`, `0.1`, `316`).
  static func tokens(_ line: String) -> [Token] {
    var result: [Token] = []
    let chars = Array(line)
    var i = 0
    var text = ""
    while i < chars.count {
      if let (value, end) = number(at: i, in: chars) {
        if !text.isEmpty { result.append(.text(text)) }
        text = ""
        result.append(.number(value))
        i = end
      } else {
        text.append(chars[i])
        i += 1
      }
    }
    if !text.isEmpty { result.append(.text(text)) }
    return result
  }

  private static func number(at start: Int, in chars: [Character]) -> (Double, Int)? {
    var i = start
    if chars[i] == "-" { i += 1 }
    let digitsStart = i
    while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
    if i < chars.count, chars[i] == "." {
      i += 1
      while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
    }
    guard i > digitsStart, chars[digitsStart].isNumber || (i - digitsStart > 1) else {
      return nil
    }
    if start > 0, chars[start - 1].isLetter || chars[start - 1] == "_" { return nil }
    if i < chars.count, chars[i] == "e" || chars[i] == "E" {
      var j = i + 1
      if j < chars.count, chars[j] == "-" || chars[j] == "+" { j += 1 }
      let expStart = j
      while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
      if j > expStart { i = j }
    }
    guard let value = Double(String(chars[start..<i])) else { return nil }
    return (value, i)
  }
}
