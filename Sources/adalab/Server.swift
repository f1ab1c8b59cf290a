import Foundation
import Shell

/// `adalab --serve`: the shell for another program (the Jupyter kernel in kernel/), one
/// request a line on standard input, one JSON answer a line on standard output.
///
/// A request is `{"id": ANY, "code": "step 3\nshow v_b"}` (a line that is not JSON is
/// taken as code with a null id). The code's lines run in order, `#` lines as narration,
/// until the first error. The answer:
///
///     {"id": ANY, "ok": true, "count": 4, "prompt": "adam t=3> ",
///      "text": ["t=3  loss=..."], "images": ["<svg ...>"]}
///
/// and on an error also `"error": {"message": "...", "line": 2, "column": 5}` with
/// `"ok": false`: the line of the code (1-based) and the character in it (0-based, absent
/// when unknown); the lines before it ran. `count` numbers the requests that ran code, as
/// Jupyter's execution count. `quit` answers and ends the server; so does end of input.
struct Server {
  var interpreter: Interpreter
  var count = 0

  mutating func run() -> Int32 {
    print(JSON.object([("ready", .bool(true)), ("prompt", .string(interpreter.prompt))]).rendered)
    fflush(nil)
    while let line = Swift.readLine(strippingNewline: true) {
      let (id, code) = Server.request(line)
      let (answer, quit) = handle(id: id, code: code)
      print(answer.rendered)
      fflush(nil)
      if quit { return 0 }
    }
    return 0
  }

  /// The id and code of a request line.
  static func request(_ line: String) -> (JSON, String) {
    guard line.first == "{",
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else { return (.null, line) }
    let id: JSON
    switch object["id"] {
    case let text as String: id = .string(text)
    case let number as NSNumber:
      let value = number.doubleValue
      id = value == value.rounded() && abs(value) < 1e15 ? .integer(Int(value)) : .number(value)
    default: id = .null
    }
    return (id, object["code"] as? String ?? "")
  }

  mutating func handle(id: JSON, code: String) -> (JSON, quit: Bool) {
    count += 1
    var text: [String] = []
    var images: [JSON] = []
    var error: JSON?
    var quit = false
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      Interrupts.shared.clear()
      let outcome = interpreter.execute(
        String(line), isCancelled: { Interrupts.shared.isRequested })
      for reply in outcome.replies {
        text += reply.lines
        images += reply.figures.map(JSON.string)
      }
      if let failure = outcome.error {
        var pairs: [(String, JSON)] = [
          ("message", .string(failure.message)), ("line", .integer(index + 1)),
        ]
        if let column = failure.column { pairs.append(("column", .integer(column))) }
        error = .object(pairs)
        break
      }
      if outcome.quit {
        quit = true
        break
      }
    }
    var answer: [(String, JSON)] = [
      ("id", id), ("ok", .bool(error == nil)), ("count", .integer(count)),
      ("prompt", .string(interpreter.prompt)), ("text", .array(text.map(JSON.string))),
      ("images", .array(images)),
    ]
    if let error { answer.append(("error", error)) }
    return (.object(answer), quit)
  }
}
