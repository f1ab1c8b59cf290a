import Ink

/// Narration: the words of a lesson between its commands, written as Markdown after the
/// comment marker (`# text`; `## Title` is a top-level heading, `### Part` a section).
///
/// Rendered with Ink, after a guard that makes Ink read narration as CommonMark would and
/// as a lesson means it. Measured on the lessons and on random text, Ink 0.6.0 emphasises
/// inside words (`m_hat_b`, `beta*v`) and around a spaced `*`, takes `x<3` for the start of
/// raw HTML and passes the rest of the text through unescaped, writes link destinations
/// and image text into attributes unescaped, cuts `&gt;` short before a heading's closing
/// `#`s, and has no indented code blocks. So, outside code spans and maths: `_` inside a
/// word and a `*` between two operands or two spaces are literal; `<`, `&`, `"` and a `>`
/// that is not a quote marker are always text; a link's destination is percent-encoded
/// (a script URL becomes `#`); lines indented by four spaces after a blank line become a
/// fenced block. `$…$` is mathematics, shown as readable text (see ``MathText``). The page
/// stays well-formed XML whatever the narration (a test feeds it random Markdown).
public enum Narration {
  /// The Markdown source of one comment line: `# text` → `text`, `#` → an empty line,
  /// `## Title` → `# Title`. Lines that are not comments are blank (a paragraph break).
  public static func markdown(ofComment line: String) -> String {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    guard trimmed.hasPrefix("#") else { return "" }
    let body = trimmed.dropFirst()
    return String(body.hasPrefix(" ") ? body.dropFirst() : body)
  }

  /// Whether a comment line is a setting for the replay (`# tolerance: 1e-6`), not words.
  public static func isDirective(_ markdown: String) -> Bool {
    markdown.hasPrefix("tolerance:")
  }

  /// The lines of Markdown source that lie outside fenced code blocks.
  static func linesOutsideFences(_ markdown: String) -> [String] {
    var inFence = false
    var lines: [String] = []
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") || line.hasPrefix("~~~") {
        inFence.toggle()
      } else if !inFence {
        lines.append(String(line))
      }
    }
    return lines
  }

  /// XHTML for Markdown source.
  public static func html(_ markdown: String) -> String {
    var maths: [String] = []
    var guarded = guarding(markdown, maths: &maths)
    // Ink passes some `<`, `&` and `"` of its input through raw (into attributes, or as
    // HTML); as private-use characters they reach its output as text, and become entities.
    for (character, placeholder) in textPlaceholders {
      guarded = guarded.replacingAll(character, with: placeholder)
    }
    var html = MarkdownParser().html(from: guarded)
    for (character, placeholder) in textPlaceholders {
      html = html.replacingAll(placeholder, with: Notebook.escape(character))
    }
    html = html.replacingAll(greaterThan, with: "&gt;")
    for (index, expression) in maths.enumerated() {
      html = html.replacingAll(
        placeholder(index), with: "<span class=\"math\">\(MathText.html(expression))</span>")
    }
    // Ink writes HTML void elements; the page is also XML.
    for tag in ["hr", "br"] { html = html.replacingAll("<\(tag)>", with: "<\(tag)/>") }
    return html
  }

  /// Markdown for CommonMark readers (forges, Jupyter): the same guard, so that `beta*v`
  /// and `m_hat_b` stay as written, with `$…$` left for the reader to typeset.
  public static func portableMarkdown(_ markdown: String) -> String {
    var maths: [String] = []
    var text = guarding(markdown, maths: &maths, forCommonMark: true)
    for (index, expression) in maths.enumerated() {
      text = text.replacingAll(placeholder(index), with: "$\(expression)$")
    }
    return text
  }

  static func placeholder(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }

  static let greaterThan = "\u{E005}"
  static let textPlaceholders = [("&", "\u{E002}"), ("<", "\u{E003}"), ("\"", "\u{E004}")]

  /// The source with the guard applied and every `$…$` replaced by a placeholder.
  /// `forCommonMark`: for a CommonMark reader, which leaves `_` inside words alone.
  static func guarding(_ markdown: String, maths: inout [String], forCommonMark: Bool = false)
    -> String
  {
    var out: [String] = []
    var inFence = false
    var inIndentedBlock = false
    var previousBlank = true
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("```") || line.hasPrefix("~~~") {
        inFence.toggle()
        out.append(line)
        continue
      }
      if inFence {
        out.append(line)
        continue
      }
      let indented = line.hasPrefix("    ")
      if indented && (previousBlank || inIndentedBlock) {
        if !inIndentedBlock { out.append("```") }
        inIndentedBlock = true
        out.append(String(line.dropFirst(4)))
        continue
      }
      if inIndentedBlock {
        out.append("```")
        inIndentedBlock = false
      }
      previousBlank = line.allSatisfy(\.isWhitespace)
      out.append(guardingLine(line, maths: &maths, forCommonMark: forCommonMark))
    }
    if inIndentedBlock { out.append("```") }
    return out.joined(separator: "\n")
  }

  /// One line outside code blocks: code spans kept, maths replaced, the rest guarded.
  static func guardingLine(_ line: String, maths: inout [String], forCommonMark: Bool)
    -> String
  {
    let characters = Array(line)
    var out = ""
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "`", let end = characters[(index + 1)...].firstIndex(of: "`") {
        out += String(characters[index...end])
        index = end + 1
        continue
      }
      if character == "$", let end = mathEnd(characters, from: index) {
        out += placeholder(maths.count)
        maths.append(String(characters[(index + 1)..<end]))
        index = end + 1
        continue
      }
      if character == "]", index + 1 < characters.count, characters[index + 1] == "(",
        let end = destinationEnd(characters, from: index + 2)
      {
        out += "](" + safeDestination(String(characters[(index + 2)..<end])) + ")"
        index = end + 1
        continue
      }
      let before = index > 0 ? characters[index - 1] : " "
      let after = index + 1 < characters.count ? characters[index + 1] : " "
      switch character {
      case "<" where forCommonMark: out += "&lt;"
      case ">" where !forCommonMark && !characters[..<index].allSatisfy({ $0 == " " || $0 == ">" }):
        // Not a quote marker: text, kept from Ink (which cuts `&gt;` short before a
        // heading's closing `#`s).
        out += greaterThan
      case "_" where !forCommonMark && isWord(before) && isWord(after): out += "\\_"
      case "*"
      where (isWord(before) || ")]}".contains(before)) && (isWord(after) || "([{".contains(after))
        || (before == " " && after == " "):
        out += "\\*"
      default: out.append(character)
      }
      index += 1
    }
    return out
  }

  /// The `)` that closes a link's destination opened at `start`, nested parentheses
  /// counted.
  static func destinationEnd(_ characters: [Character], from start: Int) -> Int? {
    var depth = 0
    for index in start..<characters.count {
      switch characters[index] {
      case "(": depth += 1
      case ")" where depth == 0: return index
      case ")": depth -= 1
      default: break
      }
    }
    return nil
  }

  /// A link's destination as Ink may write it into an attribute: Ink neither escapes
  /// quotes (`a"onclick="…` would add an attribute) nor reads titles (`p.png "t"` breaks
  /// the XML), so quotes, spaces and angle brackets are percent-encoded; a script URL
  /// becomes `#`.
  static func safeDestination(_ destination: String) -> String {
    let lower = destination.lowercased().filter { !$0.isWhitespace }
    if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("data:") {
      return "#"
    }
    var out = ""
    for scalar in destination.unicodeScalars {
      switch scalar {
      case "\"", "'", " ", "<", ">", "`":
        out += "%" + String(scalar.value, radix: 16, uppercase: true)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// The closing `$` of `$…$` opened at `start`: the text inside neither starts nor ends
  /// with a space, and the closing `$` is not followed by a digit (`$5 and $6`).
  static func mathEnd(_ characters: [Character], from start: Int) -> Int? {
    guard start + 1 < characters.count, characters[start + 1] != " " else { return nil }
    var index = start + 1
    while index < characters.count {
      if characters[index] == "$" {
        let next = index + 1 < characters.count ? characters[index + 1] : " "
        if characters[index - 1] != " " && index > start + 1 && !next.isNumber { return index }
        return nil
      }
      index += 1
    }
    return nil
  }

  static func isWord(_ character: Character) -> Bool {
    character.isLetter || character.isNumber
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
