import CEditLine
import Glibc

/// Reads command lines: with libedit (editing, history, Tab completion, Ctrl-R, a coloured
/// prompt) when stdin and stdout are both terminals, and as plain lines otherwise.
///
/// ```swift
/// let editor = LineEditor(programName: "adalab", historyPath: home + "/.adalab_history")
/// editor.completer = { lineBeforeCursor in ... }
/// loop: while true {
///   switch editor.readLine(prompt: "adam t=12> ") {
///   case .line(let line): editor.remember(line); ...
///   case .interrupted: continue
///   case .endOfInput: break loop
///   }
/// }
/// try editor.saveHistory()
/// ```
///
/// Without a terminal (a script piped in) there is no prompt, no colour, no escape sequence, and
/// the history file is neither read nor written; ``remember(_:)`` and ``historyEntries`` still
/// work in memory. Creating an editor installs ``Interrupts`` and sets the locale.
final class LineEditor {
  /// Called on Tab with the line up to the cursor. See ``CompletionResult`` for what is done
  /// with one, several or no candidates.
  var completer: ((_ lineBeforeCursor: String) -> CompletionResult)?

  /// Keys typed while the last command computed, shown after the next prompt.
  var pendingInput: [UInt8] = []

  /// The text and candidates of the last list Tab printed, so that Tab again on the same
  /// text does not print it twice; cleared at every prompt.
  var lastListing: String?

  /// True when lines come from libedit on a terminal, false when they are read plainly.
  var isInteractive: Bool { editLine != nil }

  private let editLine: OpaquePointer?
  private let history: CommandHistory
  /// The history file, nil without one, without a terminal, or when the file there is not
  /// adalab's (a warning said so once).
  private let historyFile: HistoryFile?
  /// The lines entered in this run, oldest first: what ``saveHistory()`` appends.
  private var added: [String] = []
  private let promptStyle: PromptStyle
  /// The prompt libedit asks for through ``promptCallback``; owned here, freed on change.
  private var promptText: UnsafeMutablePointer<CChar>?

  /// - Parameters:
  ///   - programName: the name `~/.editrc` lines can be prefixed with (`adalab:bind ...`).
  ///   - historyPath: where the history is loaded from now and saved to by ``saveHistory()``;
  ///     `nil` keeps it in memory only.
  ///   - historyLimit: the most entries kept, in memory and on disk.
  init(programName: String, historyPath: String?, historyLimit: Int = 1000) {
    _ = adalab_setup_locale()
    Interrupts.shared.install()
    history = CommandHistory(limit: historyLimit)
    promptStyle = PromptStyle.fromEnvironment()
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1,
      let editLine = adalab_el_init(programName)
    else {
      editLine = nil
      historyFile = nil
      return
    }
    self.editLine = editLine
    var file = historyPath.map { HistoryFile(path: $0, limit: historyLimit) }
    if let candidate = file {
      if candidate.isAdalabs {
        history.load(from: candidate.path)
      } else {
        StandardStreams.printError(
          "adalab: \(candidate.path) is not an adalab history file; leaving it alone (this session's history stays in memory)"
        )
        file = nil
      }
    }
    historyFile = file
    configure(editLine)
  }

  deinit {
    if let editLine { el_end(editLine) }
    free(promptText)
  }

  private func configure(_ editLine: OpaquePointer) {
    _ = adalab_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
    let ignore = CChar(PromptStyle.ignoreCharacter.asciiValue!)
    _ = adalab_el_set_prompt(editLine, LineEditor.promptCallback, ignore)
    _ = adalab_el_set_editor(editLine, "emacs")
    _ = adalab_el_set_signal(editLine, 0)
    _ = adalab_el_set_getc(editLine, LineEditor.readCharacter)
    _ = adalab_el_set_history(editLine, history.handle)
    _ = adalab_el_add_function(
      editLine, "adalab-complete", "complete the word before the cursor",
      LineEditor.completionCallback)
    _ = adalab_el_bind(editLine, "^I", "adalab-complete")
    _ = adalab_el_add_function(
      editLine, "adalab-search", "search the history backward from the newest entry",
      LineEditor.searchCallback)
    _ = adalab_el_bind(editLine, "^R", "adalab-search")
    // Last, so that the user's ~/.editrc (or $EDITRC) can change any of the above.
    _ = el_source(editLine, nil)
  }

  /// Shows `prompt` and returns what the user did with it.
  ///
  /// Ctrl-C drops the line being typed and returns ``LineInput/interrupted``; Ctrl-D on an empty
  /// line returns ``LineInput/endOfInput``, as does a pending `SIGTERM` or `SIGHUP`. A Ctrl-C
  /// left over from before the prompt (see ``Interrupts/isRequested``) is cleared.
  func readLine(prompt: String, style: Bool = true) -> LineInput {
    guard Interrupts.shared.terminationSignal == nil else { return .endOfInput }
    Interrupts.shared.clear()
    guard let editLine else { return readPlainLine() }

    setPrompt(style ? promptStyle.render(prompt) : prompt)
    lastListing = nil
    if !pendingInput.isEmpty {
      // libedit reads pushed text before the terminal, last pushed first.
      let text = String(decoding: pendingInput.filter { $0 != 0 }, as: UTF8.self)
      pendingInput = []
      el_push(editLine, text)
    }
    var count: Int32 = 0
    Interrupts.shared.atPrompt(true)
    let text = el_gets(editLine, &count)
    Interrupts.shared.atPrompt(false)
    if let text, count > 0 {
      var line = String(cString: text)
      if line.hasSuffix("\n") { line.removeLast() }
      return .line(line)
    }
    // A Ctrl-C ends el_gets with -1 at the prompt, and with no line in a Ctrl-R search.
    if Interrupts.shared.terminationSignal == nil, Interrupts.shared.isRequested {
      // libedit leaves the dropped text in its buffer; the next el_gets would show it again.
      el_reset(editLine)
      Interrupts.shared.clear()
      write("^C\n")
      return .interrupted
    }
    write("\n")
    return .endOfInput
  }

  /// Adds a line to the history, unless it is blank or repeats the line before it.
  func remember(_ line: String) {
    guard line.contains(where: { !$0.isWhitespace }) else { return }
    if history.entries.last != line { added.append(line) }
    history.add(line)
  }

  /// Appends this run's lines to the history file (see ``HistoryFile``). Does nothing
  /// without a history file or without a terminal: scripts leave the history alone.
  func saveHistory() throws(HistorySaveError) {
    guard isInteractive, let historyFile else { return }
    try historyFile.append(added)
    added = []
  }

  /// The history, oldest first, for a `history` command.
  var historyEntries: [String] { history.entries }

  private func readPlainLine() -> LineInput {
    guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
    return .line(line)
  }

  private func setPrompt(_ prompt: String) {
    free(promptText)
    promptText = strdup(prompt)
  }

  private func write(_ text: String) {
    adalab_write_stdout(text)
    adalab_flush_stdout()
  }

  /// The editor behind a libedit callback, from `EL_CLIENTDATA`.
  private static func editor(of editLine: OpaquePointer?) -> LineEditor? {
    guard let editLine, let data = adalab_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
  }

  private typealias PromptFunction = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?

  private static let promptCallback: PromptFunction = { editLine in
    LineEditor.editor(of: editLine)?.promptText
  }

  private static let searchCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = {
    editLine, _ in
    guard let editLine, let editor = LineEditor.editor(of: editLine) else {
      return UInt8(CC_ERROR)
    }
    return editor.reverseSearch(in: editLine)
  }
  /// libedit's character reader (`EL_GETCFN`): one character from standard input, decoded from
  /// UTF-8. A read interrupted by Ctrl-C or a termination signal ends the line (-1, `EINTR`);
  /// one interrupted by a resize tells libedit the new size and reads on.
  private static let readCharacter:
    @convention(c) (OpaquePointer?, UnsafeMutablePointer<wchar_t>?)
      -> Int32 = { editLine, character in
        var bytes: [CChar] = []
        while true {
          var byte: UInt8 = 0
          let count = read(STDIN_FILENO, &byte, 1)
          if count == 0 { return 0 }
          if count < 0 {
            guard errno == EINTR else { return -1 }
            if Interrupts.shared.isRequested || Interrupts.shared.terminationSignal != nil {
              errno = EINTR
              return -1
            }
            if Interrupts.shared.takeResize(), let editLine { el_resize(editLine) }
            continue
          }
          bytes.append(CChar(bitPattern: byte))
          var state = mbstate_t()
          var wide: wchar_t = 0
          let used = bytes.withUnsafeBufferPointer {
            mbrtowc(&wide, $0.baseAddress, $0.count, &state)
          }
          if used == -2 && bytes.count < 4 { continue }  // an incomplete UTF-8 sequence
          // An invalid byte is passed on as it is, as libedit's own reader does.
          character?.pointee = used < 0 ? wchar_t(byte) : wide
          return 1
        }
      }

  private static let completionCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = {
    editLine, _ in
    guard let editLine, let editor = LineEditor.editor(of: editLine) else {
      return UInt8(CC_ERROR)
    }
    return editor.complete(in: editLine)
  }
}
