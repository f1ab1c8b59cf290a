import Foundation

extension Notebook {
  /// The notebook as Jupyter's format, nbformat 4.5: narration as Markdown cells, each
  /// command as a code cell with its execution count and outputs (text as a `stream`, a
  /// picture as `display_data` with `image/svg+xml` and the terminal's drawing as the
  /// `text/plain` fallback, an error as a `stream` on stderr). The metadata names the
  /// language and the kernel (`adalab`), so Jupyter, VS Code and nbconvert open it, and
  /// the optional kernel (kernel/ in the repository) re-runs it.
  public var jupyter: String {
    var cells: [JupyterCell] = []
    if headingTitle == nil { cells.append(.markdown(id: "title", source: "# \(title)")) }
    for (index, cell) in self.cells.enumerated() {
      let id = "cell-\(index + 1)"
      switch cell {
      case .narration(let markdown):
        cells.append(.markdown(id: id, source: Narration.portableMarkdown(markdown)))
      case .command(let entry):
        cells.append(.code(id: id, entry: entry))
      }
    }
    let document = JupyterDocument(
      cells: cells,
      metadata: .init(
        kernelspec: .init(name: "adalab", display_name: "adalab", language: "adalab"),
        language_info: .init(
          name: "adalab", file_extension: ".txt", mimetype: "text/x-adalab",
          pygments_lexer: "text", version: "1"),
        title: title))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(document)) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// nbformat's multi-line strings: a list of lines, each but the last ending in `\n`.
  static func jupyterLines(_ lines: [String]) -> [String] {
    lines.enumerated().map { $0.offset == lines.count - 1 ? $0.element : $0.element + "\n" }
  }
}

struct JupyterDocument: Encodable {
  var cells: [JupyterCell]
  var metadata: Metadata
  var nbformat = 4
  var nbformat_minor = 5

  struct Metadata: Encodable {
    var kernelspec: Kernelspec
    var language_info: LanguageInfo
    var title: String
  }

  struct Kernelspec: Encodable {
    var name: String
    var display_name: String
    var language: String
  }

  struct LanguageInfo: Encodable {
    var name: String
    var file_extension: String
    var mimetype: String
    var pygments_lexer: String
    var version: String
  }
}

enum JupyterCell: Encodable {
  case markdown(id: String, source: String)
  case code(id: String, entry: Notebook.Entry)

  enum Keys: String, CodingKey {
    case cell_type, id, metadata, source, execution_count, outputs
  }

  struct Empty: Encodable {}

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(Empty(), forKey: .metadata)
    switch self {
    case .markdown(let id, let source):
      try container.encode("markdown", forKey: .cell_type)
      try container.encode(id, forKey: .id)
      let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      try container.encode(Notebook.jupyterLines(lines), forKey: .source)
    case .code(let id, let entry):
      try container.encode("code", forKey: .cell_type)
      try container.encode(id, forKey: .id)
      try container.encode(Notebook.jupyterLines([entry.command]), forKey: .source)
      try container.encode(entry.count, forKey: .execution_count)
      try container.encode(JupyterOutput.outputs(of: entry), forKey: .outputs)
    }
  }
}

enum JupyterOutput: Encodable {
  case stream(name: String, text: [String])
  case picture(svg: String, text: [String])

  static func outputs(of entry: Notebook.Entry) -> [JupyterOutput] {
    let text = entry.output.map { Notebook.plain($0) }
    if entry.failed { return [.stream(name: "stderr", text: text)] }
    if entry.figures.isEmpty {
      return text.isEmpty ? [] : [.stream(name: "stdout", text: text)]
    }
    return entry.figures.enumerated().map { index, svg in
      .picture(svg: svg, text: index == 0 ? text : ["(picture \(index + 1) of \(entry.command))"])
    }
  }

  enum Keys: String, CodingKey { case output_type, name, text, data, metadata }
  enum DataKeys: String, CodingKey {
    case svg = "image/svg+xml"
    case plain = "text/plain"
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    switch self {
    case .stream(let name, let text):
      try container.encode("stream", forKey: .output_type)
      try container.encode(name, forKey: .name)
      try container.encode(text.map { $0 + "\n" }, forKey: .text)
    case .picture(let svg, let text):
      try container.encode("display_data", forKey: .output_type)
      try container.encode(JupyterCell.Empty(), forKey: .metadata)
      var data = container.nestedContainer(keyedBy: DataKeys.self, forKey: .data)
      let svgLines = svg.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      try data.encode(Notebook.jupyterLines(svgLines), forKey: .svg)
      try data.encode(Notebook.jupyterLines(text), forKey: .plain)
    }
  }
}
