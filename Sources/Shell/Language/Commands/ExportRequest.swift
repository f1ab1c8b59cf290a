/// What `export` writes: `export lesson.html`, `export l4.ipynb from 12 with help`,
/// `export l4.md replace`.
public struct ExportRequest: Equatable, Sendable {
  /// The notebook's format, from the file name's ending.
  public enum Format: String, Equatable, Sendable, CaseIterable {
    case html, markdown, jupyter
  }

  /// Which commands: all of them, those from line N of `history` on, or the last N lines.
  public enum Range: Equatable, Sendable {
    case all
    case from(Int)
    case last(Int)
  }

  public var path: String
  public var range: Range = .all
  /// `with help`: keep `help`, `info`, `export` and failed commands, which are left out
  /// otherwise.
  public var withHelp = false
  /// `replace`: the export may replace a file that this session did not write.
  public var replace = false

  public init(path: String, range: Range = .all, withHelp: Bool = false, replace: Bool = false) {
    self.path = path
    self.range = range
    self.withHelp = withHelp
    self.replace = replace
  }

  /// The format a file name asks for: `.html`/`.htm`, `.md`, `.ipynb`.
  public static func format(of path: String) -> Format? {
    let lower = path.lowercased()
    if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
    if lower.hasSuffix(".md") { return .markdown }
    if lower.hasSuffix(".ipynb") { return .jupyter }
    return nil
  }

  public var format: Format { ExportRequest.format(of: path) ?? .html }
}
