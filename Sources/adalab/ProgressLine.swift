import CEditLine
import Shell

/// The one-line progress of a long command at a terminal: `t=2400000  810000 updates/s
/// about 12 s left  (Ctrl-C stops)`, drawn over itself, first after two seconds, at most
/// four times a second, and erased before the command's reply. Never in scripts or `--json`
/// (only the interactive shell creates one).
final class ProgressLine {
  private var drawnAt: Double?

  /// Shows `progress`, if the command has run long enough and the line is due.
  func show(_ progress: StepProgress) {
    guard progress.elapsed >= 2 else { return }
    if let drawnAt, progress.elapsed - drawnAt < 0.25 { return }
    drawnAt = progress.elapsed
    adalab_write_stdout("\r\u{1b}[K" + ProgressLine.text(progress))
    adalab_flush_stdout()
  }

  /// Erases the line, if one was drawn.
  func clear() {
    guard drawnAt != nil else { return }
    adalab_write_stdout("\r\u{1b}[K")
    adalab_flush_stdout()
    drawnAt = nil
  }

  /// `t=2400000  810000 updates/s  about 12 s left  (Ctrl-C stops)`.
  static func text(_ progress: StepProgress) -> String {
    let position =
      progress.runs > 1
      ? "\(progress.runs) runs, \(progress.done) of \(progress.total) updates" : "t=\(progress.t)"
    var parts = [position, "\(Int(progress.rate.rounded())) updates/s"]
    if let left = progress.secondsLeft {
      let time = left < 100 ? "\(Int(left.rounded(.up))) s" : "\(Int((left / 60).rounded(.up))) min"
      parts.append((progress.isUpperBound ? "at most " : "about ") + time + " left")
    }
    return parts.joined(separator: "  ") + "  (Ctrl-C stops)"
  }
}
