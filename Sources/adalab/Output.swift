import CEditLine
import Foundation
import Shell

/// Where the host writes what the interpreter produced, in text or JSON form.
struct Output {
  /// One JSON object per command instead of text.
  var json: Bool

  /// Writes the replies of a line, then its error, if any. Errors go to standard error as
  /// one line, `error: ...` (prefixed with FILE:LINE when the line came from a file); in
  /// JSON mode they are an object `{"error": ...}` on standard output.
  func emit(_ outcome: Interpreter.Outcome, file: String? = nil, line: Int? = nil) {
    for reply in outcome.replies {
      if json {
        print(reply.json.rendered)
      } else {
        for line in reply.lines { print(line) }
      }
    }
    if let error = outcome.error { emit(error, file: file, line: line) }
    // Each line's answer as soon as it is complete, also into a pipe (`| tee`, a test).
    _ = adalab_flush_standard_output()
  }

  func emit(_ error: ShellError, file: String? = nil, line: Int? = nil) {
    if json {
      print(error.json.rendered)
    } else {
      printError(error.rendered(file: file, line: line))
    }
  }

  /// A line on standard error; a failure to write it is ignored, never a crash.
  func printError(_ text: String) {
    StandardStreams.printError(text)
  }
}
