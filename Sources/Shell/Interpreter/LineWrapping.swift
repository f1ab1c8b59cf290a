/// Fitting prose to the screen: a reply's lines broken at word boundaries, and the width of
/// text as a terminal shows it.
///
/// Tables are laid out to fit by ``TextTable/lines(fitting:keeping:indent:)`` and pictures
/// are drawn to the screen's width; this is for everything else: `help`, the settings `use`
/// prints, `load`'s summary. A line is broken after the last `, ` or `; ` or before the last
/// ` = ` that fits in its last third (a list breaks between its items, an equation before a
/// value), else at the last blank, else anywhere. The continuation is
/// indented two more than the line, or, for a line laid out as `  label   text`, under the
/// text, so that `help`'s summaries and `help adam`'s conventions stay in their columns.
enum LineWrapping {
  /// `lines` with every line longer than `width` broken into several.
  static func wrap(_ lines: [String], width: Int) -> [String] {
    guard width >= 20 else { return lines }
    return lines.flatMap { line in
      displayWidth(line) <= width || isPicture(line) ? [line] : wrap(line, width: width)
    }
  }

  private static func wrap(_ line: String, width: Int) -> [String] {
    let characters = Array(line)
    let hang = min(hangingIndent(characters), width / 2)
    var pieces: [String] = []
    var rest = characters[...]
    var prefix = ""
    while prefix.count + rest.count > width {
      let room = width - prefix.count
      let cut = breakPoint(in: rest, room: room, minimum: room / 3)
      var head = String(rest.prefix(cut))
      while head.hasSuffix(" ") { head.removeLast() }
      pieces.append(prefix + head)
      rest = rest.dropFirst(cut).drop { $0 == " " }
      prefix = String(repeating: " ", count: hang)
    }
    if !rest.isEmpty { pieces.append(prefix + String(rest)) }
    return pieces
  }

  /// How many characters of `text` go on this line: after a list separator if one fits,
  /// else at the last blank that fits, else `room`.
  private static func breakPoint(in text: ArraySlice<Character>, room: Int, minimum: Int)
    -> Int
  {
    let window = Array(text.prefix(room + 1))
    var lastBlank: Int?
    var lastSeparator: Int?
    for k in window.indices where window[k] == " " && k <= room && k > 0 {
      lastBlank = k
      let before = window[k - 1]
      let after = k + 2 < window.count ? (window[k + 1], window[k + 2]) : (" ", "x")
      if before == "," || before == ";" || (after.0 == "=" && after.1 == " ") {
        lastSeparator = k
      }
    }
    if let lastSeparator, lastSeparator >= room * 2 / 3 { return lastSeparator + 1 }
    if let lastBlank, lastBlank >= minimum { return lastBlank + 1 }
    return room
  }

  /// Where continuation lines start: under the text of `  label   text`, else two past
  /// the line's own indent.
  private static func hangingIndent(_ line: [Character]) -> Int {
    let indent = line.prefix { $0 == " " }.count
    var k = indent
    while k < line.count && line[k] != " " { k += 1 }
    var gap = k
    while gap < line.count && line[gap] == " " { gap += 1 }
    if gap - k >= 2 && gap < line.count { return gap }
    return indent + 2
  }

  /// Box drawing, braille or an escape sequence: a picture, drawn to fit already.
  static func isPicture(_ line: String) -> Bool {
    line.unicodeScalars.contains {
      $0 == "\u{1b}" || (0x2500...0x257F).contains($0.value) || (0x2800...0x28FF).contains($0.value)
    }
  }

  /// The columns `text` takes on a terminal: escape sequences take none, combining marks
  /// none, East Asian wide characters and emoji two, everything else one.
  static func displayWidth(_ text: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
        continue
      }
      switch scalar.value {
      case 0x1B: inEscape = true
      case 0..<0x20, 0x7F..<0xA0, 0x300...0x36F, 0x200B...0x200F, 0xFE00...0xFE0F: break
      case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
        0x20000...0x3FFFD:
        width += 2
      default: width += 1
      }
    }
    return width
  }
}
