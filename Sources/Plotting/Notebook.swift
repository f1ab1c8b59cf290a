/// A session written out as a notebook: every command with what it printed, and every
/// picture as inline SVG, in order. HTML (one self-contained file, well-formed XML) or
/// Markdown.
public struct Notebook: Sendable {
  /// One command and what it produced.
  public struct Entry: Equatable, Sendable {
    public var command: String
    public var output: [String]
    /// Standalone SVG documents.
    public var figures: [String]

    public init(command: String, output: [String], figures: [String] = []) {
      self.command = command
      self.output = output
      self.figures = figures
    }
  }

  public var title: String
  public var entries: [Entry]

  public init(title: String, entries: [Entry]) {
    self.title = title
    self.entries = entries
  }

  /// A standalone HTML page: inline style, no scripts, no external resources.
  public var html: String {
    var page = """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
      <head>
      <meta charset="utf-8"/>
      <title>\(SVGDocument.escape(title))</title>
      <style>
      body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
      pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; line-height: 1.15; }
      pre.command { background: #e8eef8; font-weight: bold; margin-bottom: 0; }
      pre.output { margin-top: 0; }
      figure { margin: 0.5em 0 1.5em 0; }
      svg { max-width: 100%; height: auto; }
      </style>
      </head>
      <body>
      <h1>\(SVGDocument.escape(title))</h1>

      """
    for entry in entries {
      page += "<section>\n<pre class=\"command\">&gt; \(SVGDocument.escape(entry.command))</pre>\n"
      let output = entry.output.map { Notebook.plain($0) }
      if !output.isEmpty {
        let text = output.map(Notebook.escapeKeepingLines).joined(separator: "\n")
        if entry.figures.isEmpty {
          page += "<pre class=\"output\">\(text)</pre>\n"
        } else {
          page +=
            "<details><summary>as the terminal drew it</summary>\n<pre class=\"output\">\(text)</pre>\n</details>\n"
        }
      }
      for figure in entry.figures { page += "<figure>\n\(figure)</figure>\n" }
      page += "</section>\n"
    }
    return page + "</body>\n</html>\n"
  }

  /// Markdown: commands and output in fenced blocks, pictures as inline SVG.
  public var markdown: String {
    var text = "# \(title)\n\n"
    for entry in entries {
      let output = entry.output.map { Notebook.plain($0) }
      let body = (["> \(entry.command)"] + output).joined(separator: "\n")
      var fence = "```"
      while body.contains(fence) { fence += "`" }
      text += "\(fence)text\n\(body)\n\(fence)\n\n"
      for figure in entry.figures { text += "<div>\n\(figure)</div>\n\n" }
    }
    return text
  }

  /// The text without ANSI escape sequences or other control characters.
  public static func plain(_ line: String) -> String {
    var out = ""
    var scalars = line.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      if scalar == "\u{1B}" {
        // Skip `ESC [ parameters final-byte`.
        while let next = scalars.next(), !(next.value >= 0x40 && next.value <= 0x7E && next != "[")
        {}
        continue
      }
      if scalar.value < 0x20 && scalar != "\t" { continue }
      out.unicodeScalars.append(scalar)
    }
    return out
  }

  static func escapeKeepingLines(_ line: String) -> String {
    SVGDocument.escape(line)
  }
}
