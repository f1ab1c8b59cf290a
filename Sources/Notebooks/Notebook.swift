/// A session written out as a notebook: narration and commands in the order they came, each
/// command with what it printed and the pictures it drew. Rendered as one self-contained
/// HTML page, as Markdown with the pictures in files beside it, or as a Jupyter notebook.
public struct Notebook: Sendable {
  /// One part of the notebook.
  public enum Cell: Equatable, Sendable {
    /// Words between the commands: Markdown source, one or more lines.
    case narration(String)
    /// A command and what it produced.
    case command(Entry)
  }

  /// One command and what it produced.
  public struct Entry: Equatable, Sendable {
    /// The command as typed.
    public var command: String
    /// The shell's prompt when it ran (`adam t=3> `), or empty.
    public var prompt: String
    /// The lines it printed (an error message for a failed command).
    public var output: [String]
    /// Standalone SVG documents.
    public var figures: [String]
    /// 1, 2, 3, ... in the order the commands ran: Jupyter's execution count.
    public var count: Int
    /// Whether the command failed; its output is then the error.
    public var failed: Bool

    public init(
      command: String, prompt: String = "", output: [String], figures: [String] = [],
      count: Int = 0, failed: Bool = false
    ) {
      self.command = command
      self.prompt = prompt
      self.output = output
      self.figures = figures
      self.count = count
      self.failed = failed
    }
  }

  /// The title given when the narration has no heading.
  public var fallbackTitle: String
  public var cells: [Cell]

  public init(cells: [Cell], fallbackTitle: String = "adalab session") {
    self.cells = cells
    self.fallbackTitle = fallbackTitle
  }

  /// The commands, in order.
  public var entries: [Entry] {
    cells.compactMap {
      if case .command(let entry) = $0 { return entry }
      return nil
    }
  }

  /// The narration's first top-level heading (`# Title` in Markdown, `## Title` in a lesson
  /// file), or the fallback title.
  public var title: String { headingTitle ?? fallbackTitle }

  /// The first top-level heading of the narration, if any.
  var headingTitle: String? { headings(level: 1).first }

  /// The second-level headings (`### Section` in a lesson file), in order: the sections a
  /// table of contents lists.
  public var sections: [String] { headings(level: 2) }

  func headings(level: Int) -> [String] {
    let marker = String(repeating: "#", count: level) + " "
    var found: [String] = []
    for case .narration(let text) in cells {
      for line in Narration.linesOutsideFences(text) where line.hasPrefix(marker) {
        found.append(String(line.dropFirst(marker.count)).trimming(" #"))
      }
    }
    return found
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

  /// Text for XML and HTML: `<`, `>`, `&`, quotes escaped; control characters dropped.
  public static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n": continue
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

extension String {
  func trimming(_ set: String) -> String {
    let drop: (Character) -> Bool = { set.contains($0) }
    return String(self.drop(while: drop).reversed().drop(while: drop).reversed())
  }
}
