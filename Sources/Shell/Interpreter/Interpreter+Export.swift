import Plotting

extension Interpreter {
  /// `export FILE.html|FILE.md`: every command so far with its output, and every picture as
  /// inline SVG, in order.
  func export(_ file: OutputFile) throws(ShellError) -> Reply {
    let path = file.path
    let entries = record.map {
      Notebook.Entry(command: $0.text, output: $0.reply.lines, figures: $0.reply.figures)
    }
    let notebook = Notebook(title: "adalab session", entries: entries)
    let isMarkdown = path.lowercased().hasSuffix(".md")
    try files.write(
      path, contents: isMarkdown ? notebook.markdown : notebook.html, replacing: file.replace)
    let pictures = entries.map(\.figures.count).reduce(0, +)
    return Reply(
      lines: [
        "exported \(named(path)): \(entries.count) command\(entries.count == 1 ? "" : "s"), \(pictures) picture\(pictures == 1 ? "" : "s")"
      ],
      json: .object([
        ("exported", .string(resolve(path))), ("commands", .integer(entries.count)),
        ("pictures", .integer(pictures)),
      ]))
  }
}
