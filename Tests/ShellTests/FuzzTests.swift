import Foundation
import Optimization
import Testing

@testable import Shell

/// Generated command lines through the interpreter: valid, near-valid and random. Nothing
/// may crash or hang, and a line whose first command fails must change nothing.
///
/// The suite runs a short slice; the long run is
/// `ADALAB_FUZZ_LINES=100000 swift test --filter FuzzTests`. Every line comes from a seeded
/// generator, so a failure reproduces from the seed and index it reports.
@Suite struct FuzzTests {
  static var lineCount: Int {
    ProcessInfo.processInfo.environment["ADALAB_FUZZ_LINES"].flatMap(Int.init) ?? 3000
  }

  @Test func generatedLinesNeverCrashHangOrHalfApply() {
    var generator = LineGenerator(seed: 20_261_130)
    var interpreter = Interpreter(files: MemoryFiles(["points.csv": "x,y\n1,0.5\n2,0.25\n"]))
    var failures = 0
    for index in 0..<Self.lineCount {
      let line = generator.next()
      let before = interpreter.session
      let t0 = interpreter.session.t
      // A long line (`step 1e9`) is cancelled at its deadline, as Ctrl-C would stop it.
      let deadline = Date().addingTimeInterval(0.1)
      let start = Date()
      let outcome = interpreter.execute(line, isCancelled: { Date() > deadline })
      let elapsed = Date().timeIntervalSince(start)
      #expect(elapsed < 5, "line \(index) took \(elapsed) s: \(line.debugDescription)")
      if outcome.error != nil && outcome.replies.isEmpty {
        failures += 1
        #expect(
          interpreter.session == before,
          "line \(index) failed but changed the session: \(line.debugDescription)")
        #expect(interpreter.session.t == t0)
      }
      if let message = outcome.error?.message {
        #expect(!message.contains("\n"), "two-line error for \(line.debugDescription)")
      }
      for reply in outcome.replies where Self.containsNonFinite(reply.json) {
        Issue.record("non-finite number in the reply to \(line.debugDescription)")
      }
      for reply in outcome.replies where Self.hasDuplicateKeys(reply.json) {
        Issue.record("a JSON object with a key twice in the reply to \(line.debugDescription)")
      }
      if outcome.quit { interpreter = Interpreter(files: MemoryFiles()) }
      // Keep runs short so that the slice stays fast: start over now and then.
      if index % 200 == 199 { interpreter = Interpreter(files: MemoryFiles()) }
    }
    #expect(failures > Self.lineCount / 10, "the generator should produce many bad lines")
  }
}

extension FuzzTests {
  /// Whether a reply carries a NaN or an infinity among its numbers (its JSON form holds
  /// every number the text shows).
  static func containsNonFinite(_ json: JSON) -> Bool {
    switch json {
    case .number(let x): return !x.isFinite
    case .array(let items): return items.contains(where: containsNonFinite)
    case .object(let pairs): return pairs.contains { containsNonFinite($0.1) }
    default: return false
    }
  }

  static func hasDuplicateKeys(_ json: JSON) -> Bool {
    switch json {
    case .array(let items): return items.contains(where: hasDuplicateKeys)
    case .object(let pairs):
      return Set(pairs.map(\.0)).count != pairs.count || pairs.contains { hasDuplicateKeys($0.1) }
    default: return false
    }
  }
}

/// A seeded source of command lines: one third valid, one third mutated, one third noise.
struct LineGenerator {
  var random: SplitMix64

  init(seed: UInt64) { random = SplitMix64(seed: seed) }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
  mutating func chance(_ p: Double) -> Bool { random.nextDouble() < p }

  static let numbers = [
    "0", "1", "2", "10", "100", "0.1", "0.5", "0.9", "0.999", "1e-8", "-1", "-2", "1e400",
    "nan", "inf", "-inf", "1e-400", "0.0000001", "999999999999", "3.5", "1e6", "10k", "abc",
    "", "1,2", "1,2,3,4", "-0",
  ]

  mutating func valid() -> String {
    let optimizers = Vocabulary.optimizers.map(\.name)
    let settings = Vocabulary.settings
    let quantities = Vocabulary.quantities.map(\.name) + ["settings", "state", "all", "data"]
    switch random.next() % 14 {
    case 0: return "step \(pick(["", "1", "5", "50", "300"]))"
    case 1: return "epoch \(pick(["", "1", "3"]))"
    case 2:
      let name = pick(optimizers)
      return "use \(name)\(pick(["", ":lecture", ":pytorch", ":keras", ":optax"]))"
    case 3:
      let setting = pick(settings)
      let value =
        setting.choices.isEmpty || chance(0.3) ? pick(Self.numbers) : pick(setting.choices)
      return "set \(setting.name) \(value)"
    case 4: return "show \(pick(quantities)) \(pick(quantities))"
    case 5: return "show \(pick(["w", "v_w", "lr_w", "m_w"]))[\(pick(["1", "2", "0", "5"]))]"
    case 6:
      return "run until \(pick(["loss", "lr_b", "t", "v_b"])) \(pick(["<", ">", ">="])) "
        + "\(pick(Self.numbers)) max \(pick(["10", "100", "1000"]))"
    case 7:
      return "compare \(pick(optimizers)) \(pick(optimizers)) steps \(pick(["5", "50"]))"
    case 8: return "init w=\(pick(Self.numbers)) b=\(pick(Self.numbers))"
    case 9: return pick(["load toy", "load sparse n=50 seed=2", "load points.csv", "load x.csv"])
    case 10: return pick(["reset", "history", "help", "help step", "help adam", "show"])
    case 11: return "preset \(pick(["do_adagrad", "do_rmsprop", "do_adam_sgd", "do_x"]))"
    case 12: return "convention \(pick(["lecture", "pytorch", "keras", "optax", "torch"]))"
    default: return "step 3; show w; set eta \(pick(Self.numbers)); step 2"
    }
  }

  mutating func mutated() -> String {
    var scalars = Array(valid().unicodeScalars)
    for _ in 0..<(1 + random.next() % 3) {
      let position = scalars.isEmpty ? 0 : Int(random.next() % UInt64(scalars.count + 1))
      switch random.next() % 4 {
      case 0 where !scalars.isEmpty && position < scalars.count: scalars.remove(at: position)
      case 1:
        let insert: [Unicode.Scalar] = [
          "[", "]", "=", ";", "#", "'", "\"", ":", ",", " ", "x", "9",
        ]
        scalars.insert(pick(insert), at: position)
      case 2 where position < scalars.count:
        scalars[position] = pick(["\u{0}", "\u{1b}", "\t", "é", "β"])
      default: scalars.insert(contentsOf: " 1e400".unicodeScalars, at: position)
      }
    }
    var text = ""
    text.unicodeScalars.append(contentsOf: scalars)
    return text
  }

  mutating func noise() -> String {
    switch random.next() % 4 {
    case 0:
      let bytes = (0..<(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      return String(decoding: bytes, as: UTF8.self)
    case 1: return String(repeating: pick(["step ", "a", ";", "[", "show w "]), count: 2000)
    case 2: return pick(["", " ", ";;;", "#", "'", "\"unterminated", "set eta='0.1", "[[[", "?"])
    default:
      return (0..<5).map { _ in pick(["step", "show", "w", "=", "]", "1", "use", ":"]) }
        .joined(separator: pick([" ", ""]))
    }
  }

  mutating func next() -> String {
    switch random.next() % 3 {
    case 0: return valid()
    case 1: return mutated()
    default: return noise()
    }
  }
}
