import Optimization

/// Every name the user can type, in one place: the parser, help and completion read from here.
///
/// Names are matched without regard to case. Commands also match by unique prefix (`ste` is
/// `step`); every other name must be spelled out or be an alias. The engine maps these names to
/// its own types; the parser only checks that a name exists and hands on the canonical spelling.
public enum Vocabulary {
  /// The commands, in the order help lists them.
  public static let commands: [Term] = [
    Term(
      "load",
      usage: "load toy | load sparse [n=N] [density=D] [seed=S] | load PATH [target=COLUMN]",
      "load a data set: the notes' toy data, synthetic sparse data, or a CSV file"),
    Term(
      "use", usage: "use OPTIMIZER[:CONVENTION][[NAME=VALUE, ...]] [from here]",
      "choose the optimizer: a new run, or from here with a fresh state"),
    Term(
      "convention", usage: "convention NAME",
      "choose whose formulas to follow: the lecture's or a library's"),
    Term(
      "set", usage: "set NAME VALUE [restart] | set NAME=VALUE [restart]",
      "change a setting from the next update on (restart: start over)"),
    Term(
      "schedule",
      usage:
        "schedule eta KIND [NAME=VALUE ...] [then KIND ...] [per epoch|per update] | schedule off"
        + " | schedule beta1|beta2 KIND [NAME=VALUE ...] | schedule beta1|beta2 off",
      "make η (or optax's β) follow a library's schedule from the next update"),
    Term("init", usage: "init [w=V[,V...]] [b=V]", "set the initial weights and bias"),
    Term("show", usage: "show [NAME...]", "print quantities, settings or groups of them"),
    Term("step", aliases: ["s"], usage: "step [N]", "take N updates (default 1)"),
    Term("epoch", aliases: ["e"], usage: "epoch [N]", "make N passes over the data (default 1)"),
    Term(
      "run", aliases: ["r"], usage: "run until CONDITION [max N]",
      "step until a condition holds, such as loss < 1e-3"),
    Term("reset", usage: "reset", "go back to the initial parameters and a fresh optimizer state"),
    Term("undo", usage: "undo", "revert the last command that changed the session"),
    Term("redo", usage: "redo", "re-apply the last command undo reverted"),
    Term("quit", aliases: ["q", "exit"], usage: "quit", "leave adalab"),
    Term(
      "history", usage: "history [NAME... [FROM..TO] [every K] [to FILE.csv|FILE.json [replace]]]",
      "list the lines typed so far, or the recorded values of quantities as a table or file"),
    Term("help", aliases: ["?"], usage: "help [TOPIC]", "explain a command, optimizer or setting"),
    Term(
      "compare",
      usage: "compare OPTIMIZER OPTIMIZER... [steps N] [at T,T...] [reach LOSS] [show NAME,...]",
      "run several optimizers from the same start and compare them"),
    Term("source", usage: "source PATH", "run the commands in a file"),
    Term(
      "save", usage: "save PATH [replace] | save history PATH [replace]",
      "write the setup that rebuilds this session, or (history) every line typed, to a file"),
    Term("preset", usage: "preset NAME", "set up one of the notes' code listings"),
    Term(
      "explain", usage: "explain [NAME]",
      "the last update's rule line by line with its numbers, or one quantity's line"),
    Term(
      "display", usage: "display [NAME...]",
      "show quantities after every stepping command (step, epoch, run, back, goto)"),
    Term("undisplay", usage: "undisplay [N...]", "stop displaying quantities by number, or all"),
    Term(
      "watch", usage: "watch CONDITION",
      "stop step, epoch and run at the first update where the condition turns true"),
    Term("unwatch", usage: "unwatch [N...]", "remove watches by number, or all"),
    Term(
      "delete", usage: "delete [N...] | delete display [N...]",
      "gdb's delete: remove watches (or displays) by number, or all of them"),
    Term(
      "expect", usage: "expect CONDITION",
      "check a claim: silent when it holds, an error naming both sides when not"),
    Term(
      "info", usage: "info display | info watch | info forks", "list displays, watches or forks"),
    Term("back", usage: "back [N]", "return N updates (default 1), every value exactly as it was"),
    Term("goto", usage: "goto T", "go to update T, back or forward"),
    Term("fork", usage: "fork [NAME]", "keep a copy of the session under a name; alone, list them"),
    Term(
      "switch", usage: "switch NAME",
      "continue from a named copy; the current session is kept under its own name"),
    Term(
      "sweep", usage: "sweep SETTING FROM..TO [log] [N] [steps N]",
      "run the current optimizer across a range of one setting and tabulate the outcome"),
    Term(
      "diagnose", usage: "diagnose FILE.csv [tolerance X]",
      "find where a trajectory written by your code parts from this run, and why"),
    Term(
      "plot",
      usage:
        "plot NAME... | plot surface [over w[i] b] [around w=X b=Y] [width W] | plot norms [p=P,...] [g=V,...] | plot bias; then [from T] [to T] [log] [ascii] [to FILE.svg [replace]]",
      "draw quantities against t, the error surface, the Lp unit curves or Adam's bias correction"),
    Term(
      "export",
      usage: "export FILE.html|FILE.md|FILE.ipynb [replace] [from N | last N] [with help]",
      "write the session so far as a notebook: narration, commands, output and pictures"),
  ]

  /// The learning-rate schedules of `schedule eta`, named as their libraries spell them.
  public static let scheduleKinds: [Term] = ScheduleKind.allCases.map {
    Term($0.rawValue, "\($0.library.rawValue): \($0.summary)")
  }

  /// The parameters of one schedule kind, named as its library spells them.
  public static func scheduleParameters(of kind: String) -> [Term] {
    (ScheduleKind(named: kind)?.parameters ?? []).map {
      Term($0.name, "\($0.kind.name), default \($0.defaultValue.description)")
    }
  }

  /// The optimizers, in the order the notes introduce them.
  public static let optimizers: [Term] = Optimizer.allCases.map { Term($0.rawValue, $0.summary) }

  /// Whose formulas to follow where the lecture and the libraries differ.
  public static let conventions: [Term] = [
    Term("lecture", "the formulas exactly as the lecture notes write them"),
    Term("pytorch", "as torch.optim computes them"),
    Term("keras", "as keras.optimizers compute them"),
    Term("optax", "as optax computes them"),
  ]

  /// The settings of `set` and of the brackets in `use adam[...]`.
  public static let settings: [Term] = Setting.allCases.map {
    Term(
      $0.rawValue, aliases: settingAliases[$0, default: []], choices: $0.choices,
      takesNumber: $0.takesNumber, $0.summary)
  }

  /// Other spellings of settings: the libraries' names for them.
  static let settingAliases: [Setting: [String]] = [
    .eta: ["lr", "learning_rate"], .epsilon: ["eps"],
    .clipvalue: ["clip", "clip_grad_value"],
    .globalClipnorm: ["clip_by_global_norm", "clip_grad_norm"],
  ]

  /// Settings of the screen rather than of the run (`set colors ansi` leaves t alone); only
  /// `set` takes them, never the brackets of `use` or `compare`.
  public static let screenSettings: [Term] = [
    Term(
      "colors", aliases: ["colours"], choices: ["okabe-ito", "ansi", "off"],
      "the plots' colours at a terminal: okabe-ito (256 colours, colour-blind safe), ansi, off")
  ]

  /// The quantities of the state: what `show` prints and conditions compare.
  public static let quantities: [Term] = Quantity.allCases.map {
    Term($0.rawValue, isPerFeature: $0.isPerFeature, $0.summary)
  }

  /// Names that `show` accepts for several things at once.
  public static let groups: [Term] = ShowGroup.allCases.map { Term($0.rawValue, $0.summary) }

  /// The built-in data sets of `load`.
  public static let dataSets: [Term] = [
    Term("toy", "the notes' small example"),
    Term("sparse", "synthetic points whose second feature x2 is mostly zero"),
  ]

  /// The options of `load sparse`, written `NAME=VALUE`.
  public static let sparseOptions: [Term] = [
    Term("n", "how many points (default: the engine's)"),
    Term("density", "the fraction of points whose sparse feature is not zero"),
    Term("seed", "the seed of the random generator, for the same data every time"),
  ]

  /// The options of `load PATH`, written `NAME=VALUE`.
  public static let csvOptions: [Term] = [
    Term("target", "the column to predict (default: the last)")
  ]

  /// The parts of `init`, written `w=V[,V...]` and `b=V`.
  public static let initParameters: [Term] = [
    Term("w", "the initial weights, one number per feature"),
    Term("b", "the initial bias"),
  ]

  /// Words that join the parts of a command: `run until COND and COND or COND max N`,
  /// `compare A B steps N`.
  public static let keywords: [Term] = [
    Term("until", "after run: the condition follows"),
    Term("and", "in a condition: both sides must hold"),
    Term("or", "in a condition: either side must hold"),
    Term("max", "after a condition: stop after this many steps even if it never holds"),
    Term("steps", "after compare: how many steps to run each optimizer"),
    Term("at", "after compare: the updates to show side by side"),
    Term("reach", "after compare: the loss each optimizer should first fall below"),
    Term("every", "after history: one row every K updates"),
    Term("log", "after sweep: space the values evenly on a log scale"),
    Term("tolerance", "after diagnose: the relative gap that counts as parting"),
  ]

  /// The notes' three code listings, ready to step through.
  public static let presets: [Term] = [
    Term("do_adagrad", "adagrad from w, b = -2, -2 with eta = 0.1"),
    Term("do_rmsprop", "rmsprop from w, b = -4, 4 with eta = 0.1, beta = 0.5"),
    Term("do_adam_sgd", "adam, one point per update, from w, b = -4, -4 with eta = 0.1"),
  ]
}
