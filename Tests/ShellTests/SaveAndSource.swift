import Testing

@testable import Shell

/// The round trip the timeline, schedule and β-schedule suites each check: `script` run, the
/// session saved, the saved file sourced in a fresh interpreter, and the two sessions equal,
/// bit for bit, then and after 25 more updates each (the changes ahead of t included).
func expectSaveAndSourceRebuildTheRun(_ script: String) {
  let files = MemoryFiles()
  var interpreter = Interpreter(files: files)
  #expect(interpreter.execute(script).error == nil)
  #expect(interpreter.execute("save s.txt").error == nil)
  var rebuilt = Interpreter(files: files)
  #expect(rebuilt.execute("source s.txt").error == nil, "\(files.files["s.txt"] ?? "")")
  #expect(rebuilt.session == interpreter.session, "\(files.files["s.txt"] ?? "")")
  _ = rebuilt.execute("step 25")
  _ = interpreter.execute("step 25")
  #expect(rebuilt.session == interpreter.session)
}
