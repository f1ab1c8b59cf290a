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

  /// True when lines come from libedit on a terminal, false when they are read plainly.
  var isInteractive: Bool { editLine != nil }

  private let editLine: OpaquePointer?
  private let history: CommandHistory
  private let historyPath: String?
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
    self.historyPath = historyPath
    promptStyle = PromptStyle.fromEnvironment()
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1,
      let editLine = adalab_el_init(programName)
    else {
      editLine = nil
      return
    }
    self.editLine = editLine
    if let historyPath { history.load(from: historyPath) }
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
    _ = adalab_el_set_signal(editLine, 1)
    _ = adalab_el_set_history(editLine, history.handle)
    _ = adalab_el_add_function(
      editLine, "adalab-complete", "complete the word before the cursor",
      LineEditor.completionCallback)
    _ = adalab_el_bind(editLine, "^I", "adalab-complete")
    _ = adalab_el_bind(editLine, "^R", "em-inc-search-prev")
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
    var count: Int32 = 0
    let text = el_gets(editLine, &count)
    if let text, count > 0 {
      var line = String(cString: text)
      if line.hasSuffix("\n") { line.removeLast() }
      return .line(line)
    }
    if count < 0, Interrupts.shared.terminationSignal == nil, Interrupts.shared.isRequested {
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
    history.add(line)
  }

  /// Writes the history to the history file atomically (temporary file, then rename). Does
  /// nothing without a history file or without a terminal: scripts leave the history alone.
  func saveHistory() throws(HistorySaveError) {
    guard isInteractive, let historyPath else { return }
    try history.save(to: historyPath)
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

  private static let completionCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = {
    editLine, _ in
    guard let editLine, let editor = LineEditor.editor(of: editLine) else {
      return UInt8(CC_ERROR)
    }
    return editor.complete(in: editLine)
  }
}
