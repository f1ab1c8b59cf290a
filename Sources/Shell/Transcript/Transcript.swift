/// A session file: narration, commands after their prompts, and the output they printed.
///
/// A copy of a terminal session is a valid transcript. Lines that start with `#` and blank
/// lines are narration; a line that starts with a prompt (`adam t=0> `, `adam:keras t=12> `)
/// is a command; every other line is output of the command above it. A file with no
/// prompt at all is a plain script: each non-narration line is a command. A narration
/// line `# tolerance: 1e-6` sets the relative tolerance for comparing numbers.
public struct Transcript: Equatable, Sendable {
  /// One part of the file, in order.
  public enum Block: Equatable, Sendable {
    /// A comment or blank line, kept verbatim.
    case narration(String)
    /// A command with the prompt it was typed after and the output that followed.
    case command(Entry)
  }

  /// A command and what it printed.
  public struct Entry: Equatable, Sendable {
    /// The 1-based line of the command in the file.
    public var lineNumber: Int
    /// The prompt in front of the command (empty in a plain script).
    public var prompt: String
    /// The command line as typed.
    public var command: String
    /// The output lines recorded after it.
    public var output: [String]
  }

  /// The file's parts in order.
  public var blocks: [Block]
  /// The relative tolerance numbers are compared with.
  public var tolerance: Double

  /// The default tolerance: one part in a million, the precision the shell prints.
  public static let defaultTolerance = 1e-6

  /// Parses a transcript or a plain script.
  public init(parsing text: String) {
    // "\r\n" is one Character in Swift: split on it too, so that a file saved on Windows
    // is read line by line, not as one line.
    var lines = text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    ).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let hasPrompts = lines.contains { Transcript.splitPrompt($0) != nil }
    var blocks: [Block] = []
    var tolerance = Transcript.defaultTolerance
    for (index, line) in lines.enumerated() {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.isEmpty || trimmed.hasPrefix("#") {
        if let value = Transcript.toleranceSetting(in: String(trimmed)) { tolerance = value }
        blocks.append(.narration(line))
      } else if let (prompt, command) = Transcript.splitPrompt(line) {
        blocks.append(
          .command(Entry(lineNumber: index + 1, prompt: prompt, command: command, output: [])))
      } else if !hasPrompts {
        blocks.append(
          .command(Entry(lineNumber: index + 1, prompt: "", command: line, output: [])))
      } else if case .command(var entry) = blocks.last {
        entry.output.append(line)
        blocks[blocks.count - 1] = .command(entry)
      } else {
        blocks.append(.narration(line))
      }
    }
    self.blocks = blocks
    self.tolerance = tolerance
  }

  /// A transcript made of blocks.
  public init(blocks: [Block], tolerance: Double = Transcript.defaultTolerance) {
    self.blocks = blocks
    self.tolerance = tolerance
  }

  /// The commands in order.
  public var commands: [Entry] {
    blocks.compactMap {
      if case .command(let entry) = $0 { return entry }
      return nil
    }
  }

  /// The file's text.
  public var text: String {
    var lines: [String] = []
    for block in blocks {
      switch block {
      case .narration(let line): lines.append(line)
      case .command(let entry):
        lines.append(entry.prompt + entry.command)
        lines += entry.output
      }
    }
    return lines.map { $0 + "\n" }.joined()
  }

  /// `adam:keras t=12> step 3` → ("adam:keras t=12> ", "step 3").
  static func splitPrompt(_ line: String) -> (String, String)? {
    guard let marker = line.range(of: "> ") ?? (line.hasSuffix(">") ? line.range(of: ">") : nil)
    else { return nil }
    let head = line[..<marker.lowerBound]
    let parts = head.split(separator: " ")
    guard parts.count == 2, parts[1].hasPrefix("t="), Int(parts[1].dropFirst(2)) != nil,
      parts[0].allSatisfy({ $0.isLetter || $0 == ":" || $0.isNumber })
    else { return nil }
    return (String(line[..<marker.upperBound]), String(line[marker.upperBound...]))
  }

  static func toleranceSetting(in line: String) -> Double? {
    let body = line.drop { $0 == "#" || $0 == " " }
    guard body.hasPrefix("tolerance:") else { return nil }
    return Double(body.dropFirst("tolerance:".count).trimmingCharacters(in: " "))
  }
}

extension Substring {
  func trimmingCharacters(in set: Character) -> String {
    String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
  }
}
