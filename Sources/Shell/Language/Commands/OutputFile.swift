/// A file a command writes: `save s.txt`, `export l.html replace`, `plot loss to l.svg`.
public struct OutputFile: Equatable, Sendable, ExpressibleByStringLiteral {
  /// The path as typed.
  public var path: String
  /// `replace`: the command may replace a file that this session did not write. Without it a
  /// script refuses and a terminal asks.
  public var replace: Bool

  public init(path: String, replace: Bool = false) {
    self.path = path
    self.replace = replace
  }

  public init(stringLiteral path: String) { self.init(path: path) }
}
