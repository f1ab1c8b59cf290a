import Testing

@testable import Shell

/// Every mistake the parser reports: the exact message and the column of the caret.
struct ParseErrorTests {
  /// The error `line` throws, or nil if it parses.
  static func error(_ line: String) -> ParseError? {
    do {
      _ = try Command.parseLine(line)
      return nil
    } catch {
      return error
    }
  }

  static func check(_ line: String, _ message: String, _ column: Int) {
    #expect(error(line) == ParseError(message, column: column), "\(line)")
  }

  @Test(arguments: [
    ("stpe 10", "unknown command 'stpe' (did you mean 'step'?)", 0),
    ("r", "ambiguous command 'r': redo, reset, run", 0),
    ("xyzzy", "unknown command 'xyzzy' (try 'help')", 0),
    ("= 3", "expected a command, found '='", 0),
    ("\"step\"", "expected a command, found '\"step\"'", 0),
    ("reset now", "expected end of command after 'reset', found 'now'", 6),
    ("quit 1", "expected end of command after 'quit', found '1'", 5),
    ("history -5", "expected a quantity name after 'history', found '-5'", 8),
    ("load \"data.csv", "expected a closing \" to end the quoted text, found end of line", 5),
    ("save 'it", "expected a closing ' to end the quoted text, found end of line", 5),
    ("source", "expected a file path after 'source', found nothing", 6),
    ("save =", "expected a file path after 'save', found '='", 5),
    ("preset do_adam", "unknown preset 'do_adam' (did you mean 'do_adam_sgd'?)", 7),
    (
      "preset foo", "unknown preset 'foo' (expected 'do_adagrad', 'do_rmsprop' or 'do_adam_sgd')", 7
    ),
    ("preset", "expected a preset name after 'preset', found nothing", 6),
    ("help stpe", "unknown help topic 'stpe' (did you mean 'step'?)", 5),
    ("help r", "ambiguous command 'r': redo, reset, run", 5),
    ("help step now", "expected end of command after 'step', found 'now'", 10),
  ])
  func commands(line: String, message: String, column: Int) {
    Self.check(line, message, column)
  }

  @Test(arguments: [
    ("step ten", "expected a whole number of steps after 'step', found 'ten'", 5),
    ("s ten", "expected a whole number of steps after 'step', found 'ten'", 2),
    ("step 2.5", "expected a whole number of steps after 'step', found '2.5'", 5),
    ("step 1.0005k", "expected a whole number of steps after 'step', found '1.0005k'", 5),
    ("step k", "expected a whole number of steps after 'step', found 'k'", 5),
    ("step 0", "expected a positive number of steps after 'step', found '0'", 5),
    ("step -3", "expected a positive number of steps after 'step', found '-3'", 5),
    ("step 2e12", "expected at most 1000000000000 steps after 'step', found '2e12'", 5),
    ("step 1000001m", "expected at most 1000000000000 steps after 'step', found '1000001m'", 5),
    ("step 1e400", "number out of range '1e400'", 5),
    ("step 10 20", "expected end of command after '10', found '20'", 8),
    ("epoch x", "expected a whole number of epochs after 'epoch', found 'x'", 6),
    ("step inf", "expected a whole number of steps after 'step', found 'inf'", 5),
    ("step [", "expected a whole number of steps after 'step', found '['", 5),
  ])
  func counts(line: String, message: String, column: Int) {
    Self.check(line, message, column)
  }

  @Test(arguments: [
    ("set", "expected a setting name after 'set', found nothing", 3),
    ("set 3 eta", "expected a setting name after 'set', found '3'", 4),
    ("set beat2 0.9", "unknown setting 'beat2' (did you mean 'beta2'?)", 4),
    ("set learning 0.1", "unknown setting 'learning' (did you mean 'learning_rate'?)", 4),
    ("set bogus 1", "unknown setting 'bogus'", 4),
    ("set eta", "expected a value for 'eta', found nothing", 7),
    ("set eta =", "expected a value for 'eta', found nothing", 9),
    ("set eta ]", "expected a value for 'eta', found ']'", 8),
    ("set eta 1e400", "number out of range '1e400'", 8),
    ("set eta -1e400", "number out of range '-1e400'", 8),
    // Once "eta must be a number > 0, found 0": the value the user typed was not 0.
    ("set eta 1e-400", "number out of range '1e-400' (too small for a double: it would be 0)", 8),
    ("set eta 0.1.2", "expected a number for 'eta', found '0.1.2'", 8),
    ("set eta 0.1 0.2", "expected end of command after '0.1', found '0.2'", 12),
    (
      "set eps_placement insid",
      "unknown value 'insid' for 'eps_placement' (did you mean 'inside'?)", 18
    ),
    (
      "set eps_placement x",
      "expected 'outside', 'inside', 'hat' or 'max' for 'eps_placement', found 'x'", 18
    ),
    ("set shuffle 1", "expected 'on' or 'off' for 'shuffle', found '1'", 12),
    ("set shuffle yes", "expected 'on' or 'off' for 'shuffle', found 'yes'", 12),
    ("set batch mini", "expected a number or 'full' for 'batch', found 'mini'", 10),
    ("set batch fll", "unknown value 'fll' for 'batch' (did you mean 'full'?)", 10),
    ("set loss 'mse'", "expected 'squared' or 'cross_entropy' for 'loss', found '\"mse\"'", 9),
  ])
  func settings(line: String, message: String, column: Int) {
    Self.check(line, message, column)
  }

  @Test(arguments: [
    ("use", "expected an optimizer name after 'use', found nothing", 3),
    ("use adma", "unknown optimizer 'adma' (did you mean 'adam'?)", 4),
    ("use ada", "unknown optimizer 'ada' (did you mean 'adam'?)", 4),
    ("use sgd", "unknown optimizer 'sgd' (did you mean 'gd'?)", 4),
    ("use adam:kears", "unknown convention 'kears' (did you mean 'keras'?)", 9),
    ("use adam:", "expected a convention name after ':', found nothing", 9),
    ("use 3", "expected an optimizer name after 'use', found '3'", 4),
    (
      "use adam:xyz",
      "unknown convention 'xyz' (expected 'lecture', 'pytorch', 'keras' or 'optax')", 9
    ),
    ("use adam[beta2]", "expected '=' after 'beta2', found ']'", 14),
    ("use adam[beta2=0.99", "expected ',' or ']' after '0.99', found nothing", 19),
    ("use adam[beta2=0.99 eps=1]", "expected ',' or ']' after '0.99', found 'eps'", 20),
    ("use adam[lr=1, eta=2]", "setting 'eta' given twice", 15),
    ("use adam[bogus=1]", "unknown setting 'bogus'", 9),
    ("use adam[,]", "expected a setting name after '[', found ','", 9),
    ("use adam gd", "expected end of command after 'adam', found 'gd'", 9),
    ("convention pytroch", "unknown convention 'pytroch' (did you mean 'pytorch'?)", 11),
    ("convention", "expected a convention name after 'convention', found nothing", 10),
    ("compare", "expected at least two optimizers to compare, found nothing", 7),
    ("compare adam", "expected at least two optimizers to compare, found only 'adam'", 12),
    ("compare adam steps 10", "expected at least two optimizers to compare, found only 'adam'", 13),
    ("compare adam gd steps", "expected a whole number of steps after 'steps', found nothing", 21),
    ("compare adam gd steps 10 x", "expected end of command after '10', found 'x'", 25),
    ("compare adam gdd", "unknown optimizer 'gdd' (did you mean 'gd'?)", 13),
  ])
  func optimizers(line: String, message: String, column: Int) {
    Self.check(line, message, column)
  }

  @Test(arguments: [
    ("load", "expected 'toy', 'sparse' or a path to a .csv file after 'load', found nothing", 4),
    ("load foo", "expected 'toy', 'sparse' or a path to a .csv file after 'load', found 'foo'", 5),
    ("load tyo", "unknown data set 'tyo' (did you mean 'toy'?)", 5),
    (
      "load sparse dens=0.1", "unknown option 'dens' for 'load sparse' (did you mean 'density'?)",
      12
    ),
    (
      "load sparse x=1", "unknown option 'x' for 'load sparse' (expected 'n', 'density' or 'seed')",
      12
    ),
    ("load sparse n 3", "expected '=' after 'n', found '3'", 14),
    ("load sparse n=3 n=4", "option 'n' given twice", 16),
    ("load sparse n=0", "expected a positive number of points after 'n=', found '0'", 14),
    (
      "load sparse seed=-1",
      "expected a whole number from 0 to 18446744073709551615 after 'seed=', found '-1'", 17
    ),
    ("load sparse density=lots", "expected a number after 'density=', found 'lots'", 20),
    ("load sparse =", "expected an option such as 'n=' after 'sparse', found '='", 12),
    ("load sparse 3", "expected an option such as 'n=' after 'sparse', found '3'", 12),
    ("load toy n=3", "expected end of command after 'toy', found 'n'", 9),
    ("load x.csv target=", "expected a column name after 'target=', found nothing", 18),
    ("load x.csv label=y", "unknown option 'label' for 'load' (expected 'target')", 11),
    ("init", "expected 'w=' or 'b=' after 'init', found nothing", 4),
    ("init x=1", "unknown option 'x' for 'init' (expected 'w' or 'b')", 5),
    ("init w", "expected '=' after 'w', found nothing", 6),
    ("init w=", "expected a number after 'w=', found nothing", 7),
    ("init w=1,", "expected a number after ',', found nothing", 9),
    ("init b=1,2", "expected one number for 'b', found ','", 8),
    ("init w=1 w=2", "option 'w' given twice", 9),
    ("init w=inf", "expected a number after 'w=', found 'inf'", 7),
    ("init b=1e999", "number out of range '1e999'", 7),
  ])
  func data(line: String, message: String, column: Int) {
    Self.check(line, message, column)
  }

  @Test(arguments: [
    ("show vv_w", "unknown quantity 'vv_w' (did you mean 'v_w'?)", 5),
    ("show x", "unknown quantity 'x'", 5),
    ("show b[1]", "expected a per-feature quantity such as 'w' or 'v_w' before '[', found 'b'", 5),
    (
      "show eta[1]", "expected a per-feature quantity such as 'w' or 'v_w' before '[', found 'eta'",
      5
    ),
    ("show v_w[0]", "expected a feature index (1, 2, ...) after '[', found '0'", 9),
    ("show v_w[x]", "expected a feature index (1, 2, ...) after '[', found 'x'", 9),
    ("show v_w[2", "expected ']' after '2', found nothing", 10),
    ("show =", "expected a quantity, a setting or a group after 'show', found '='", 5),
    ("run", "expected 'until' after 'run', found nothing", 3),
    ("run loss < 1", "expected 'until' after 'run', found 'loss'", 4),
    ("run until", "expected a condition after 'until', found nothing", 9),
    (
      "run until loss", "expected a comparison (<, <=, >, >=, ==, !=) after 'loss', found nothing",
      14
    ),
    (
      "run until loss = 1",
      "expected a comparison (<, <=, >, >=, ==, !=) after 'loss', found '=' (did you mean '=='?)",
      15
    ),
    (
      "run until loss ! 1",
      "expected a comparison (<, <=, >, >=, ==, !=) after 'loss', found '!' (did you mean '!='?)",
      15
    ),
    ("run until loss <", "expected a number or a quantity after '<', found nothing", 16),
    ("run until los < 1", "unknown quantity 'los' (did you mean 'loss'?)", 10),
    ("run until eta < 1", "unknown quantity 'eta' (did you mean 'beta2_t'?)", 10),
    ("run until lr < 1", "unknown quantity 'lr' (did you mean 'lr_b' or 'lr_w'?)", 10),
    ("run until loss < 1 max", "expected a whole number of steps after 'max', found nothing", 22),
    ("run until loss < 1 max 0", "expected a positive number of steps after 'max', found '0'", 23),
    (
      "run until loss < 1 foo",
      "expected 'and', 'or', 'max' or end of command after '1', found 'foo'", 19
    ),
    ("run until (loss < 1", "expected ')' after '1', found nothing", 19),
    ("run until loss < 1e400", "number out of range '1e400'", 17),
    ("run until loss < 1.2.3", "expected a number or a quantity after '<', found '1.2.3'", 17),
    ("run until loss < 1 and", "expected a condition after 'and', found nothing", 22),
    (
      "run until loss < 1 max 5 or t > 3",
      "expected 'and', 'or', 'max' or end of command after '5', found 'or'", 25
    ),
  ])
  func quantities(line: String, message: String, column: Int) {
    Self.check(line, message, column)
  }

  @Test func theFirstMistakeOfALineWinsAndColumnsCountFromTheLineStart() {
    Self.check("step; sh w; stpe", "unknown command 'stpe' (did you mean 'step'?)", 12)
    Self.check("step x; stpe", "expected a whole number of steps after 'step', found 'x'", 5)
    Self.check("set eta; step", "expected a value for 'eta', found nothing", 7)
    Self.check("set eta   # the value is missing", "expected a value for 'eta', found nothing", 7)
  }

  @Test func columnsCountCharactersNotBytes() {
    Self.check("load \"données.csv\"; stpe", "unknown command 'stpe' (did you mean 'step'?)", 20)
    Self.check("save 🚀 x", "expected end of command after '🚀', found 'x'", 7)
  }
}
