extension Interpreter {
  /// `save history PATH [replace]`: every line typed so far, in order, as a script `source` replays;
  /// unlike `save PATH` (the setup that rebuilds the session, as short as it can be), this is
  /// the road taken: every `step`, `show`, `compare` and what-if, and the lines that failed.
  func saveHistory(_ file: OutputFile) throws(ShellError) -> Reply {
    // The line that asked for this is the last one; it is not part of what it saves.
    let typed = lineHistory.dropLast()
    let text =
      (["# what was typed in this adalab session, in order (failed lines too)"] + typed)
      .joined(separator: "\n") + "\n"
    try files.write(file.path, contents: text, replacing: file.replace)
    return Reply(
      lines: [
        "saved \(named(file.path)): the \(typed.count) line\(typed.count == 1 ? "" : "s") typed so far "
          + "('save FILE' writes the setup instead)"
      ],
      json: .object([("saved", .string(resolve(file.path))), ("lines", .integer(typed.count))]))
  }
}
