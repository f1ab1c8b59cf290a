extension Notebook {
  /// A Markdown page and the pictures it links to.
  public struct MarkdownExport: Equatable, Sendable {
    /// The page.
    public var text: String
    /// The pictures: a path relative to the page's folder (`l4.files/plot-3.svg`) and the
    /// SVG document to write there.
    public var pictures: [(path: String, svg: String)]

    public static func == (a: MarkdownExport, b: MarkdownExport) -> Bool {
      a.text == b.text && a.pictures.map(\.path) == b.pictures.map(\.path)
        && a.pictures.map(\.svg) == b.pictures.map(\.svg)
    }
  }

  /// Markdown that renders on the common forges, which strip inline SVG: narration as
  /// written, each command with its output in a fenced block, and each picture in a file of
  /// `folder` (beside the page), linked relatively, with the terminal's drawing folded
  /// under it.
  public func markdown(picturesFolder folder: String) -> MarkdownExport {
    var text = headingTitle == nil ? "# \(title)\n\n" : ""
    var pictures: [(path: String, svg: String)] = []
    for cell in cells {
      switch cell {
      case .narration(let markdown):
        text += Narration.portableMarkdown(markdown) + "\n\n"
      case .command(let entry):
        let output = entry.output.map { Notebook.plain($0) }
        let prompt = entry.prompt.isEmpty ? "> " : entry.prompt
        if entry.figures.isEmpty {
          text += Notebook.fenced([prompt + entry.command] + output)
          continue
        }
        text += Notebook.fenced([prompt + entry.command])
        for (index, figure) in entry.figures.enumerated() {
          let name = "plot-\(entry.count)\(index == 0 ? "" : "-\(index + 1)").svg"
          let path = folder + "/" + name
          pictures.append((path, figure))
          text += "![\(Notebook.altText(entry.command))](\(Notebook.linkTarget(path)))\n\n"
        }
        if !output.isEmpty {
          text += "<details><summary>as the terminal drew it</summary>\n\n"
          text += Notebook.fenced(output) + "</details>\n\n"
        }
      }
    }
    return MarkdownExport(text: text, pictures: pictures)
  }

  /// Lines in a fenced block whose fence is longer than any run of backticks inside.
  static func fenced(_ lines: [String]) -> String {
    let body = lines.joined(separator: "\n")
    var fence = "```"
    while body.contains(fence) { fence += "`" }
    return "\(fence)text\n\(body)\n\(fence)\n\n"
  }

  /// A link's text: no brackets, which would end it.
  static func altText(_ command: String) -> String {
    String(command.map { "[]\\".contains($0) ? " " : $0 })
  }

  /// A relative link with the characters that would end or break it percent-encoded.
  static func linkTarget(_ path: String) -> String {
    var out = ""
    for scalar in path.unicodeScalars {
      switch scalar {
      case " ", "(", ")", "<", ">", "%", "#", "?", "\"":
        out += "%" + String(scalar.value, radix: 16, uppercase: true)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
