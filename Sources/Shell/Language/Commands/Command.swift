import Optimization

/// One command of the shell language, as the user typed it, checked for syntax and names only.
///
/// A line holds any number of commands separated by `;`; `Command.parseLine(_:)` turns it into
/// values of this type. Every name inside a command arrives as the engine's type (`lr` as
/// `Setting.eta`, `v_w[2]` as a ``QuantityRef``), so the interpreter never looks a name up
/// again. Whether a value makes sense (a negative learning rate, `beta2` for plain gradient
/// descent) is the engine's question, not the parser's.
public enum Command: Equatable, Sendable {
  /// `load toy`, `load sparse n=100 density=0.05 seed=7`, `load data/points.csv target=y`.
  case load(DataSource)
  /// `use adam`, `use adam:keras`, `use adam:pytorch[beta2=0.99, eps=1e-7]`: a new run from
  /// the start; with `from here`, the optimizer takes over at the current parameters.
  case use(OptimizerSpec, fromHere: Bool = false)
  /// `convention pytorch`.
  case convention(Convention)
  /// `set eta 0.1`, `set eta=0.1`, `set eps_placement inside`: from the next update at
  /// t > 0; with `restart` (or `reset`) after the value, a new run from the start.
  case set(SettingAssignment, restart: Bool = false)
  /// `set colors ansi`: the plots' colours, a choice of the screen's rather than of the run
  /// (`okabe-ito`, `ansi` or `off`).
  case colours(String)
  /// `schedule eta StepLR step_size=30 per epoch`, `schedule off`: η follows a library's
  /// schedule from the next update (from the start at t = 0).
  case schedule(ScheduleRequest)
  /// `init w=-2 b=-2`, `init w=0.5,1,-1`: either part may be missing, never both.
  case initialize(w: [Double]?, b: Double?)
  /// `show v_w lr_w[2] settings`: quantities, settings and groups, in order. Empty when the
  /// user typed `show` alone.
  case show([ShowItem])
  /// `step`, `step 100`, `s 10k`: how many parameter updates, at least 1.
  case step(Int)
  /// `epoch`, `epoch 5`: how many passes over the data, at least 1.
  case epoch(Int)
  /// `run until loss < 1e-3 max 10000`: step until the condition holds, at most `max` steps.
  case runUntil(Condition, max: Int?)
  /// `reset`: back to the initial parameters, keeping data, optimizer and settings.
  case reset
  /// `undo`: revert the last command that changed the session.
  case undo
  /// `redo`: re-apply the last command `undo` reverted.
  case redo
  /// `quit`, `q`, `exit`.
  case quit
  /// `history`: the lines typed so far.
  case history
  /// `help`, `help step`, `help adam`: nil for the overview.
  case help(HelpTopic?)
  /// `compare adam rmsprop adam:keras steps 500 at 10,100 reach 1e-3 show loss,lr_b`: at
  /// least two optimizers side by side, at the chosen updates, with when each first reaches
  /// a loss; `show` picks the columns (quantities, `w[2]` for one entry).
  case compare(
    [OptimizerSpec], steps: Int?, at: [Int] = [], reach: Double? = nil, show: [QuantityRef] = [])
  /// `explain`, `explain v_b`: the last update's rule with its numbers, or one quantity's line.
  case explain(QuantityRef?)
  /// `display v_b lr_b`: show these after every stepping command; alone, show them now.
  case display([QuantityRef])
  /// `undisplay`, `undisplay 2 3`, `delete display 2`: forget displays by number, or all
  /// (an empty list).
  case undisplay([Int])
  /// `watch lr_b < 0.01`: stop any stepping command when the condition turns true.
  case watch(Condition)
  /// `unwatch`, `unwatch 1`, `delete 1 2` (gdb's): remove watches by number, or all (an empty
  /// list).
  case unwatch([Int])
  /// `expect lr_w[2] > lr_w[1]`: a claim checked now; silent when it holds, an error when not.
  case expect(Condition)
  /// `info display`, `info watch`, `info forks`.
  case info(String)
  /// `history v_b lr_b 0..100 every 10`: recorded values as a table.
  case historyTable(HistoryRequest)
  /// `back`, `back 10`: return N updates, exactly.
  case back(Int)
  /// `goto 50`: to update T, back or forward.
  case goto(Int)
  /// `fork before`: keep a copy of the session under a name; `fork` alone lists them.
  case fork(String?)
  /// `switch before`: continue from a named copy, keeping the current one under its name.
  case switchTo(String)
  /// `sweep eta 0.01..1 log 5`: the current optimizer across a range of one setting.
  case sweep(SweepRequest)
  /// `diagnose mine.csv [tolerance 1e-6]`: where someone's trajectory parts from this run.
  case diagnose(String, tolerance: Double?)
  /// `source lesson.txt`: run the commands in a file.
  case source(String)
  /// `save session.txt`, `save session.txt replace`: write the session to a file.
  case save(OutputFile)
  /// `save history typed.txt [replace]`: write the lines typed so far, in order, as a script.
  case saveHistory(OutputFile)
  /// `preset do_adagrad`: set up one of the code listings of the notes.
  case preset(Listing)
  /// `plot loss lr_b log`, `plot surface to s.svg`, `plot norms`, `plot bias`.
  case plot(PlotRequest)
  /// `export notes.html`, `export notes.md`, `export notes.ipynb last 5 [replace]`: the
  /// session so far as a notebook.
  case export(ExportRequest)
}
