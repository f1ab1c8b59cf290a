import Optimization

/// The shell's brain: runs commands against a session and returns what they produced.
///
/// Strings in, replies out: it never prints, never touches the terminal, and reads or
/// writes files only through the host's ``FileAccess``. Each command runs on a copy of
/// the interpreter that replaces the original only when the command succeeds, so a failed
/// command leaves everything exactly as it was.
public struct Interpreter {
  /// The experiment being driven.
  public internal(set) var session = Session()
  /// Every line executed, in order (what `history` lists).
  public internal(set) var lineHistory: [String] = []
  /// Every command run so far with what it printed and drew, in order (what `export`
  /// writes as a notebook).
  public internal(set) var record: [RecordedCommand] = []
  /// Narration and failed commands, each at its place in `record` (see `narrate`).
  public internal(set) var asides: [Aside] = []
  /// The runs of the last `compare`, which `plot` overlays.
  public internal(set) var lastComparison: [ComparedRun] = []
  /// The session's setup and t when `compare` ran: `plot` overlays the comparison only
  /// while the session is still there.
  var comparedAt: (setup: RunSetup, t: Int)?
  /// The screen pictures are drawn for; the host sets it.
  public var screen = Screen()
  /// What `set colors` chose: a palette, `off`, or nil for the screen's own.
  var colourChoice: String?
  /// What `display` shows after each stepping command, with its number. As in gdb, a
  /// number is never reused or changed: removing display 1 leaves display 2 as 2.
  var displayList: [(number: Int, quantity: QuantityRef)] = []
  var nextDisplayNumber = 1
  /// The conditions `watch` stops stepping on, with their numbers (kept as displays are).
  var watchList: [(number: Int, condition: Condition)] = []
  var nextWatchNumber = 1
  /// While a stepping command runs: its watches (see `stepping`).
  var armedWatches: WatchMonitor?
  /// The named copies `fork` keeps, and the name of the session being driven.
  var forks: [String: Session] = [:]
  var forkName = "main"
  /// Where `load`, `source` and `save` read and write (through ``files``, which resolves
  /// paths against ``folder``).
  let fileAccess: FileAccess
  /// The folder a line's relative paths start from: `""` (the current folder) for what a
  /// person types; the host sets a replayed file's folder, and `source` its file's folder.
  public var folder = ""
  /// How deep `source` is nested, to refuse a file that sources itself.
  var sourceDepth = 0
  /// What `undo` and `redo` return to (see Interpreter+Undo.swift).
  var undoStack: [UndoEntry] = []
  var redoStack: [UndoEntry] = []
  /// The polled interrupt flag of the current line.
  var isCancelled: () -> Bool = { false }
  /// Where long stepping commands of the current line report how far they have got (the
  /// host's progress line), or nil.
  var progress: ((StepProgress) -> Void)?
  /// The bytes this process may still allocate, as the host measures them (an address-space
  /// limit, the memory available); nil when unknown. Commands that would need more refuse
  /// up front, saying how much they need.
  public var memoryAvailable: () -> Double? = { nil }

  /// An interpreter on the default session: the toy set and the notes' Adam.
  public init(files: FileAccess) {
    self.fileAccess = files
  }

  /// What a line produced: the replies of the commands that ran, then the error that
  /// stopped the line, if any.
  public struct Outcome {
    public var replies: [Reply] = []
    public var error: ShellError?
    /// Whether a `quit` ran.
    public var quit = false
    /// Whether the line stopped at an interrupt (Ctrl-C or a termination signal): the
    /// command that saw it stopped where it was, and the rest of the line did not run.
    public var interrupted = false
  }

  /// The prompt: the optimizer, its convention when it is not the notes', and t.
  public var prompt: String {
    let setup = session.setup
    let name =
      setup.convention == .lecture
      ? setup.optimizer.rawValue : "\(setup.optimizer.rawValue):\(setup.convention.rawValue)"
    return "\(name) t=\(session.t)> "
  }

  /// Runs one line: its commands in order, stopping at the first error.
  public mutating func execute(
    _ line: String, isCancelled: @escaping () -> Bool = { false },
    progress: ((StepProgress) -> Void)? = nil
  ) -> Outcome {
    self.isCancelled = isCancelled
    self.progress = progress
    defer { self.progress = nil }
    var outcome = Outcome()
    if Interpreter.isComment(line) {
      narrate(line)
      return outcome
    }
    let commands: [LocatedCommand]
    do {
      commands = try Command.parseLocated(line)
    } catch {
      let failure = ShellError(error.message, column: error.column)
      outcome.error = failure
      recordFailure(line, error: failure, line: lineHistory.count + 1)
      return outcome
    }
    if !commands.isEmpty { lineHistory.append(line) }
    for located in commands {
      var next = self
      let prompt = self.prompt
      do {
        let reply = try next.run(located.command).map { reply in
          var fitted = reply
          fitted.lines = LineWrapping.wrap(reply.lines, width: screen.width)
          return fitted
        }
        next.remember(self.session, before: located)
        self = next
        if let reply {
          outcome.replies.append(reply)
          // A sourced file's commands were recorded one by one as they ran.
          if !Interpreter.isSource(located.command) {
            record.append(
              RecordedCommand(
                text: located.text, reply: reply, prompt: prompt, line: lineHistory.count))
          }
        }
        if located.command == .quit {
          outcome.quit = true
          return outcome
        }
        if isCancelled() {
          outcome.interrupted = true
          return outcome
        }
      } catch {
        var error = error
        // A refused value sits at the end of `set NAME VALUE`: put the caret there.
        if case .set = located.command, error.column == nil {
          error.column = located.lastTokenColumn
        }
        outcome.error = error
        recordFailure(located.text, error: error, line: lineHistory.count)
        return outcome
      }
    }
    return outcome
  }

  static func isSource(_ command: Command) -> Bool {
    if case .source = command { return true }
    return false
  }

  /// Runs one command on `self`, which the caller discards if it throws.
  mutating func run(_ command: Command) throws(ShellError) -> Reply? {
    switch command {
    case .load(let source): return try load(source)
    case .use(let spec, let fromHere):
      return fromHere ? try useFromHere(spec) : try use(spec)
    case .convention(let name): return try useConvention(name)
    case .set(let assignment, let restart): return try set(assignment, restart: restart)
    case .colours(let choice): return useColours(choice)
    case .schedule(let request): return try schedule(request)
    case .initialize(let w, let b): return try initialize(w: w, b: b)
    case .show(let names): return try show(names)
    case .step(let count): return try stepping { $0.step(count) }
    case .epoch(let count): return try stepping { $0.epoch(count) }
    case .runUntil(let condition, let max):
      return try stepping { (me) throws(ShellError) in try me.runUntil(condition, max: max) }
    case .reset:
      session.reset()
      return Reply(
        lines: ["reset to t=0 (\(startDescription))"],
        json: .object([("t", .integer(0))]))
    case .undo: return try undo()
    case .redo: return try redo()
    case .quit: return nil
    case .history: return history()
    case .help(let topic): return try help(topic)
    case .compare(let specs, let steps, let at, let reach, let show):
      comparedAt = (session.setup, session.t)
      return try compare(specs, steps: steps, at: at, reach: reach, show: show)
    case .source(let path): return try source(path)
    case .save(let path): return try save(path)
    case .saveHistory(let path): return try saveHistory(path)
    case .preset(let listing): return preset(listing)
    case .explain(let name): return try explain(name)
    case .display(let names): return try display(names)
    case .undisplay(let number): return try undisplay(number)
    case .watch(let condition): return try watch(condition)
    case .unwatch(let number): return try unwatch(number)
    case .expect(let condition): return try expect(condition)
    case .info(let topic): return info(topic)
    case .historyTable(let request): return try historyTable(request)
    case .back(let count): return try back(count)
    case .goto(let target): return try goto(target)
    case .fork(let name): return try fork(name)
    case .switchTo(let name): return try switchTo(name)
    case .sweep(let request): return try sweep(request)
    case .diagnose(let path, let tolerance): return try diagnose(path, tolerance: tolerance)
    case .plot(let request): return try plot(request)
    case .export(let request): return try export(request)
    }
  }

  /// `w=[-2] b=-2`, the start in words.
  var startDescription: String {
    let start = session.setup.start
    return "w=\(NumberFormat.text(Array(start.dropLast()))) b=\(NumberFormat.text(start.last!))"
  }

  func history() -> Reply {
    let width = String(lineHistory.count).count
    let lines = lineHistory.enumerated().map { index, line in
      String(repeating: " ", count: width - String(index + 1).count) + "\(index + 1)  \(line)"
    }
    return Reply(lines: lines, json: .object([("history", .array(lineHistory.map(JSON.string)))]))
  }
}

/// A command as typed and what it produced, kept for `export`.
public struct RecordedCommand: Equatable, Sendable {
  /// The command's text (one command of a line).
  public var text: String
  /// What it printed and drew.
  public var reply: Reply
  /// The prompt it was typed after (`adam t=3> `).
  public var prompt = ""
  /// Its line in `history` (1-based).
  public var line = 0
}

/// One optimizer of a `compare`: its label as typed and the run it made.
public struct ComparedRun {
  /// `adam`, `adam:keras`, `adam[beta2=0.99]`.
  public var label: String
  /// The run, at its last update.
  public var session: Session
  /// How the run ended.
  public var report: StepReport
}
