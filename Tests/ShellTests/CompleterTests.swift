import Testing

@testable import Shell

/// Tab completion: where the word starts (UTF-8 bytes) and what may replace it.
struct CompleterTests {
  /// A file system with `data/` and `lesson.txt`, and `data/toy.csv`, `data/sparse.csv` inside.
  static func files(_ partial: String) -> [String] {
    let all = ["data/", "lesson.txt", "data/toy.csv", "data/sparse.csv"]
    return all.filter { entry in
      let rest = entry.dropFirst(partial.count)
      return entry.hasPrefix(partial) && !rest.isEmpty && !rest.dropLast().contains("/")
    }
  }

  static func complete(_ line: String) -> Completion {
    Completer.complete(lineBeforeCursor: line, files: files)
  }

  static let commands = [
    "back", "compare", "convention", "delete", "diagnose", "display", "epoch", "expect", "explain",
    "export", "fork", "goto", "help", "history", "info", "init", "load", "plot", "preset", "quit",
    "redo", "reset", "run", "save", "schedule", "set", "show", "source", "step", "sweep", "switch",
    "undisplay", "undo", "unwatch", "use",
    "watch",
  ]
  static let optimizers = [
    "adabelief", "adadelta", "adafactor", "adagrad", "adam", "adamax", "adamw", "amsgrad", "gd",
    "lion", "maxprop", "momentum", "nadam", "nag", "radam", "rmsprop", "yogi",
  ]
  static let quantities = [
    "b", "beta2_t", "clip_b", "clip_w", "db", "dw", "epoch", "eta", "g_b", "g_w", "loss", "lr_b",
    "lr_w", "m_b", "m_hat_b", "m_hat_w", "m_w", "scale_b", "scale_w", "t", "u_b", "u_w", "v_b",
    "v_hat_b", "v_hat_w", "v_w", "vmax_b", "vmax_w", "w",
  ]
  static let settings = Vocabulary.settings.map(\.name).sorted()

  @Test(
    arguments: [
      ("", 0, commands),
      ("st", 0, ["step"]),
      ("s", 0, ["save", "schedule", "set", "show", "source", "step", "sweep", "switch"]),
      ("ex", 0, ["exit", "expect", "explain", "export"]),
      ("STE", 0, ["step"]),
      ("step; sh", 6, ["show"]),
      ("set eta 0.1;set e", 16, ["eps_placement", "eps_root", "epsilon", "epsilon2", "eta"]),
      ("xyz ", 4, []),
      ("step 1", 5, []),
      ("step # co", 9, []),
      ("help ", 5, commands),
      ("help s", 5, ["save", "schedule", "set", "show", "source", "step", "sweep", "switch"]),
      ("preset do_a", 7, ["do_adagrad", "do_adam_sgd"]),
      ("convention k", 11, ["keras"]),
      ("reset ", 6, []),
    ] as [(String, Int, [String])])
  func commandNames(line: String, replaceFrom: Int, candidates: [String]) {
    #expect(Self.complete(line) == Completion(replaceFrom: replaceFrom, candidates: candidates))
  }

  @Test(
    arguments: [
      ("use ", 4, optimizers),
      ("use ad", 4, ["adabelief", "adadelta", "adafactor", "adagrad", "adam", "adamax", "adamw"]),
      ("use adam", 4, ["adam", "adamax", "adamw"]),
      ("use adam:", 9, ["keras", "lecture", "optax", "pytorch"]),
      ("use adam : py", 11, ["pytorch"]),
      ("use adam[be", 9, ["beta", "beta1", "beta2", "beta2_decay"]),
      (
        "use adam:keras[beta2=0.9, e", 26,
        ["eps_placement", "eps_root", "epsilon", "epsilon2", "eta"]
      ),
      ("use adam[eps_placement=", 23, ["hat", "inside", "max", "outside"]),
      ("use adam[eta=1] ", 16, ["from"]),
      ("use adam ", 9, ["from"]),
      ("use adam:pytorch f", 17, ["from"]),
      ("use adam from ", 14, ["here"]),
      ("use adam from here ", 19, []),
      ("compare adam rms", 13, ["rmsprop"]),
      ("compare adam ", 13, optimizers),
      ("compare adam rmsprop ", 21, (optimizers + ["steps"]).sorted()),
      ("compare adam rmsprop:keras st", 27, ["steps"]),
      ("compare adam rmsprop steps ", 27, []),
    ] as [(String, Int, [String])])
  func optimizerNames(line: String, replaceFrom: Int, candidates: [String]) {
    #expect(Self.complete(line) == Completion(replaceFrom: replaceFrom, candidates: candidates))
  }

  @Test(
    arguments: [
      ("set ", 4, (settings + ["colors"]).sorted()),
      ("set colors ", 11, ["ansi", "off", "okabe-ito"]),
      ("use adam[co", 9, []),
      ("set eps_p", 4, ["eps_placement"]),
      ("set eps_placement ", 18, ["hat", "inside", "max", "outside"]),
      ("set eps_placement i", 18, ["inside"]),
      ("set bias_correction=o", 20, ["off", "on"]),
      ("set batch ", 10, ["full"]),
      ("set eta ", 8, []),
      ("set nonsense ", 13, []),
      ("set eps_placement hat ", 22, ["restart"]),
      ("set eta 0.5 ", 12, ["restart"]),
      ("set eta=0.5 r", 12, ["restart"]),
      ("set eta 0.5 restart ", 20, []),
      ("set colors ansi ", 16, []),
    ] as [(String, Int, [String])])
  func settingNamesAndValues(line: String, replaceFrom: Int, candidates: [String]) {
    #expect(Self.complete(line) == Completion(replaceFrom: replaceFrom, candidates: candidates))
  }

  @Test(
    arguments: [
      ("show v_", 5, ["v_b", "v_hat_b", "v_hat_w", "v_init", "v_w"]),
      ("show w s", 7, ["scale_b", "scale_w", "schedule", "seed", "settings", "shuffle", "state"]),
      ("show v_w[", 9, []),
      ("run ", 4, ["until"]),
      ("run until ", 10, quantities),
      ("run until lo", 10, ["loss"]),
      ("run until loss < ", 17, quantities),
      ("run until loss < 1e-3 ", 22, ["and", "max", "or"]),
      ("run until loss < 1e-3 m", 22, ["max"]),
      ("run until v_w[2] ", 17, []),
      ("run until loss < v_w[2] ", 24, ["and", "max", "or"]),
      ("run until (loss < 1) ", 21, ["and", "max", "or"]),
      ("run until loss < 1 and l", 23, ["loss", "lr_b", "lr_w"]),
      ("run until loss < 1 max ", 23, []),
    ] as [(String, Int, [String])])
  func quantityNames(line: String, replaceFrom: Int, candidates: [String]) {
    #expect(Self.complete(line) == Completion(replaceFrom: replaceFrom, candidates: candidates))
  }

  @Test(
    arguments: [
      ("load ", 5, ["data/", "lesson.txt", "sparse", "toy"]),
      ("load s", 5, ["sparse"]),
      ("load data/", 5, ["data/sparse.csv", "data/toy.csv"]),
      ("load data/t", 5, ["data/toy.csv"]),
      ("load \"data/s", 6, ["data/sparse.csv"]),
      ("load toy ", 9, []),
      ("source ", 7, ["data/", "lesson.txt"]),
      ("so l", 3, ["lesson.txt"]),
      ("save 'd", 6, ["data/"]),
      ("save x ", 7, []),
    ] as [(String, Int, [String])])
  func paths(line: String, replaceFrom: Int, candidates: [String]) {
    #expect(Self.complete(line) == Completion(replaceFrom: replaceFrom, candidates: candidates))
  }

  /// The commands gdb users expect Tab to know: conditions after watch and expect,
  /// quantities after display, explain and history, settings after sweep, files after diagnose.
  @Test(
    arguments: [
      ("watch ", 6, quantities),
      ("watch lr_", 6, ["lr_b", "lr_w"]),
      ("watch lr_b < 5 ", 15, ["and", "or"]),
      ("expect loss < 1e-3 a", 19, ["and"]),
      ("display ", 8, quantities),
      ("display v_b m_h", 12, ["m_hat_b", "m_hat_w"]),
      ("explain v_h", 8, ["v_hat_b", "v_hat_w"]),
      ("explain v_b ", 12, []),
      ("history lo", 8, ["loss"]),
      ("history loss e", 13, ["epoch", "eta", "every"]),
      ("history loss every ", 19, []),
      ("sweep be", 6, ["beta", "beta1", "beta2", "beta2_decay"]),
      ("sweep eta 0.01..1 ", 18, ["log", "steps"]),
      ("sweep eta 0.01..1 steps ", 24, []),
      ("init ", 5, ["b", "w"]),
      ("init w=1 ", 9, ["b"]),
      ("diagnose ", 9, ["data/", "lesson.txt"]),
      ("diagnose data/toy.csv t", 22, ["tolerance"]),
    ] as [(String, Int, [String])])
  func gdbStyleCommands(line: String, replaceFrom: Int, candidates: [String]) {
    #expect(Self.complete(line) == Completion(replaceFrom: replaceFrom, candidates: candidates))
  }

  @Test func offsetsAreUTF8Bytes() {
    #expect(
      Self.complete("save 'é'; use a")
        == Completion(
          replaceFrom: 15,
          candidates: [
            "adabelief", "adadelta", "adafactor", "adagrad", "adam", "adamax", "adamw", "amsgrad",
          ]))
    #expect(Self.complete("load \"é") == Completion(replaceFrom: 6, candidates: []))
  }

  @Test func filesAreAskedOnlyWherePathsFit() {
    var asked: [String] = []
    let spy = { (partial: String) -> [String] in
      asked.append(partial)
      return []
    }
    _ = Completer.complete(lineBeforeCursor: "use ad", files: spy)
    _ = Completer.complete(lineBeforeCursor: "load da", files: spy)
    _ = Completer.complete(lineBeforeCursor: "save \"my f", files: spy)
    #expect(asked == ["da", "my f"])
  }
}
