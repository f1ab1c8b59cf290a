extension Notebook {
  /// A standalone page, also well-formed XML: inline style, no scripts, no external
  /// resources. Readable on a phone (the page narrows, pictures shrink, wide output scrolls
  /// sideways inside its box) and on paper (print style: wide output wraps, the terminal
  /// drawings behind the pictures are left out). A lesson with two sections or more gets a
  /// table of contents after its opening words.
  public var html: String {
    var page = """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
      <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>\(Notebook.escape(title))</title>
      <style>
      \(Notebook.style)
      </style>
      </head>
      <body>

      """
    if headingTitle == nil { page += "<h1>\(Notebook.escape(title))</h1>\n" }
    var sectionNumber = 0
    var contentsPlaced = sections.count < 2
    for cell in cells {
      switch cell {
      case .narration(let markdown):
        var rendered = Narration.html(markdown)
        rendered = Notebook.numberingSections(rendered, from: &sectionNumber)
        if !contentsPlaced {
          // Before the first section, or after the opening words.
          if let section = rendered.firstRange(of: "<h2 ") {
            rendered.insert(contentsOf: tableOfContents, at: section.lowerBound)
          } else {
            rendered += tableOfContents
          }
          contentsPlaced = true
        }
        page += "<div class=\"narration\">\n\(rendered)\n</div>\n"
      case .command(let entry):
        if !contentsPlaced {
          page += tableOfContents
          contentsPlaced = true
        }
        page += Notebook.html(entry)
      }
    }
    return page + "</body>\n</html>\n"
  }

  var tableOfContents: String {
    var list = "<nav class=\"contents\">\n<p>Contents</p>\n<ol>\n"
    for (index, section) in sections.enumerated() {
      let text = Narration.html(section)
        .replacingAll("<p>", with: "").replacingAll("</p>", with: "")
      list += "<li><a href=\"#section-\(index + 1)\">\(text)</a></li>\n"
    }
    return list + "</ol>\n</nav>\n"
  }

  /// `<h2>` → `<h2 id="section-N">`, counting on from `number`.
  static func numberingSections(_ html: String, from number: inout Int) -> String {
    let parts = html.split(separator: "<h2>", omittingEmptySubsequences: false)
    var out = String(parts[0])
    for part in parts.dropFirst() {
      number += 1
      out += "<h2 id=\"section-\(number)\">" + part
    }
    return out
  }

  static func html(_ entry: Entry) -> String {
    var cell = "<section class=\"cell\(entry.failed ? " failed" : "")\">\n"
    cell +=
      "<pre class=\"command\"><span class=\"prompt\">\(escape(entry.prompt.isEmpty ? "> " : entry.prompt))</span>\(escape(entry.command))</pre>\n"
    let output = entry.output.map { escape(plain($0)) }.joined(separator: "\n")
    if !entry.output.isEmpty {
      if entry.figures.isEmpty {
        cell += "<pre class=\"output\">\(output)</pre>\n"
      } else {
        cell +=
          "<details><summary>as the terminal drew it</summary>\n<pre class=\"output drawing\">\(output)</pre>\n</details>\n"
      }
    }
    for figure in entry.figures { cell += "<figure>\n\(figure)</figure>\n" }
    return cell + "</section>\n"
  }

  static let style = """
    body { font-family: system-ui, sans-serif; line-height: 1.45; max-width: 52em;
      margin: 1.5em auto; padding: 0 1em; color: #222; }
    h1 { font-size: 1.6em; line-height: 1.2; }
    h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
    .narration { margin: 1em 0; }
    code { font-family: ui-monospace, monospace; font-size: 0.92em; background: #f3f3f3;
      padding: 0 0.2em; }
    pre code { padding: 0; background: none; font-size: 1em; }
    .math { font-family: "Cambria Math", "STIX Two Math", serif; font-style: italic;
      white-space: nowrap; }
    .math sub, .math sup { font-size: 0.75em; }
    pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em;
      background: #f6f6f6; padding: 0.5em 0.7em; line-height: 1.2; margin: 0;
      overflow-x: auto; }
    pre.command { background: #e8eef8; white-space: pre-wrap; overflow-wrap: anywhere; }
    pre.command .prompt { color: #5a6a85; font-weight: normal; }
    pre.output { white-space: pre; }
    .cell { margin: 0.8em 0 1.2em 0; }
    .failed pre.output { color: #a40000; }
    details summary { cursor: pointer; color: #555; font-size: 0.9em; margin: 0.3em 0; }
    figure { margin: 0.5em 0 1em 0; }
    figure svg { display: block; max-width: 100%; height: auto; }
    nav.contents { background: #fafafa; border: 1px solid #e4e4e4; padding: 0.3em 1em;
      margin: 1em 0; }
    nav.contents p { margin: 0.3em 0; font-weight: bold; }
    @media (max-width: 40em) {
      body { padding: 0 0.5em; margin: 0.8em auto; }
      pre { font-size: 0.75em; }
    }
    @media print {
      body { max-width: none; margin: 0; font-size: 11pt; }
      pre, pre.output { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible;
        font-size: 8.5pt; }
      details { display: none; }
      .cell, figure { break-inside: avoid; }
      h2 { break-after: avoid; }
      nav.contents { display: none; }
    }
    """
}
