import Notebooks

extension Interpreter {
  /// `export FILE [from N | last N] [with help] [replace]`: the session so far as a notebook,
  /// its narration and commands in order, each command with its output and pictures. `.html`
  /// is one self-contained page; `.md` writes its pictures into `FILE.files/` beside it;
  /// `.ipynb` is a Jupyter notebook. Paths resolve against ``folder``, and every write goes
  /// through the host's rules (confined while replaying, atomic, never replacing a file this
  /// session did not write unless the command says `replace`).
  func export(_ request: ExportRequest) throws(ShellError) -> Reply {
    try export(request, to: files, resolvedAs: resolve, title: "adalab session")
  }

  /// `export`, writing through `files` (`adalab --export` writes where it was started, not
  /// beside the lesson it replays). `title` names a notebook whose narration has no heading.
  public func export(
    _ request: ExportRequest, to files: FileAccess, title: String = "adalab session"
  ) throws(ShellError) -> Reply {
    try export(request, to: files, resolvedAs: { $0 }, title: title)
  }

  /// `export` through `files`, whose paths `resolved` turns into the ones it opens (for the
  /// JSON reply, which gives the resolved path).
  private func export(
    _ request: ExportRequest, to files: FileAccess, resolvedAs resolved: (String) -> String,
    title: String
  ) throws(ShellError) -> Reply {
    var notebook = try notebook(request)
    notebook.fallbackTitle = title
    let commands = notebook.entries.count
    var pictures = notebook.entries.map(\.figures.count).reduce(0, +)
    var written = ""
    let replace = request.replace
    switch request.format {
    case .html:
      try files.write(request.path, contents: notebook.html, replacing: replace)
    case .jupyter:
      try files.write(request.path, contents: notebook.jupyter, replacing: replace)
    case .markdown:
      let folder = Interpreter.picturesFolder(for: request.path)
      let export = notebook.markdown(picturesFolder: Interpreter.lastComponent(folder))
      if !export.pictures.isEmpty {
        try files.createFolder(folder)
        for picture in export.pictures {
          let name = Interpreter.lastComponent(picture.path)
          try files.write(folder + "/" + name, contents: picture.svg, replacing: replace)
        }
        written = " in \(folder)/"
      }
      pictures = export.pictures.count
      try files.write(request.path, contents: export.text, replacing: replace)
    }
    let title = notebook.title
    let full = files.fullPath(request.path)
    let shown = ShellError.visible(full == request.path ? full : "\(request.path) (\(full))")
    return Reply(
      lines: [
        "exported \(shown): \(commands) command\(commands == 1 ? "" : "s"), \(pictures) picture\(pictures == 1 ? "" : "s")\(ShellError.visible(written))"
      ],
      json: .object([
        ("exported", .string(resolved(request.path))), ("title", .string(title)),
        ("commands", .integer(commands)), ("pictures", .integer(pictures)),
      ]))
  }

  /// `l4.md` → `l4.files`; `notes/l4.md` → `notes/l4.files`.
  static func picturesFolder(for path: String) -> String {
    String(path.dropLast(3)) + ".files"
  }

  /// The last part of a `/`-separated path.
  static func lastComponent(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
  }

  /// The notebook of the commands `request` chooses, with the narration among them.
  public func notebook(_ request: ExportRequest) throws(ShellError) -> Notebook {
    let lines = lineHistory.count
    let first: Int
    switch request.range {
    case .all: first = 1
    case .from(let n):
      guard n >= 1 && n <= lines else {
        throw ShellError(
          "expected a line of 'history' from 1 to \(lines) after 'from', found \(n)")
      }
      first = n
    case .last(let n):
      // The export's own line is the last one in history.
      guard n >= 1 && n < lines else {
        throw ShellError(
          "expected 1 to \(max(lines - 1, 0)) lines after 'last' (history has \(lines - 1) before this export), found \(n)"
        )
      }
      first = lines - n
    }
    var cells: [Notebook.Cell] = []
    var narration: [String] = []
    var count = 0
    func flushNarration() {
      while narration.last?.allSatisfy(\.isWhitespace) == true { narration.removeLast() }
      while narration.first?.allSatisfy(\.isWhitespace) == true { narration.removeFirst() }
      if !narration.isEmpty { cells.append(.narration(narration.joined(separator: "\n"))) }
      narration = []
    }
    func add(_ entry: Notebook.Entry) {
      flushNarration()
      var entry = entry
      count += 1
      entry.count = count
      cells.append(.command(entry))
    }
    var asides = self.asides[...]
    for position in 0...record.count {
      while let aside = asides.first, aside.position == position {
        asides = asides.dropFirst()
        guard aside.line >= first else { continue }
        switch aside.kind {
        case .narration(let text): narration.append(text)
        case .failure(let command, let prompt, let error) where request.withHelp:
          add(
            Notebook.Entry(
              command: command, prompt: prompt, output: [error.rendered()],
              failed: true))
        case .failure: break
        }
      }
      guard position < record.count else { break }
      let recorded = record[position]
      guard recorded.line >= first,
        request.withHelp || !Interpreter.isHousekeeping(recorded.text)
      else { continue }
      add(
        Notebook.Entry(
          command: recorded.text, prompt: recorded.prompt, output: recorded.reply.lines,
          figures: recorded.reply.figures))
    }
    flushNarration()
    return Notebook(cells: cells)
  }

  /// `help`, `info` and `export`: about the shell, not the lesson.
  static func isHousekeeping(_ text: String) -> Bool {
    guard let command = try? Command.parseLine(text).first else { return false }
    switch command {
    case .help, .info, .export: return true
    default: return false
    }
  }
}
