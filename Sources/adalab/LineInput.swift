/// What the line editor hands back for one prompt.
enum LineInput: Equatable {
  /// A line the user entered, without its newline.
  case line(String)
  /// Ctrl-C at the prompt: the line being typed was dropped; show a fresh prompt.
  case interrupted
  /// Ctrl-D on an empty line, the end of piped input, or a termination signal
  /// (see ``Interrupts/terminationSignal``): save the history and exit.
  case endOfInput
}
