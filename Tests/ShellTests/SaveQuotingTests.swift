import Testing

@testable import Optimization
@testable import Shell

/// `save` writes names so that `source` reads them back exactly: file names and column names
/// with blanks, `;`, `#`, quotes of both kinds, symbols and non-ASCII letters.
@Suite struct SaveQuotingTests {
  /// Characters that each broke an unquoted `save` once, and some that might.
  static let hostile = Array(" ;#'\"=,[]():<>!\\$`*?&|~{}%@+-._/\té∂β😀")
  static let plain = Array("abcxyz019")

  /// A name of 1 to 12 characters, half of them hostile, never blank at either end (CSV
  /// reading trims fields).
  static func name(_ generator: inout SplitMix) -> String {
    let length = 1 + Int(generator.next() % 12)
    var text = ""
    for _ in 0..<length {
      let pool = generator.next() % 2 == 0 ? hostile : plain
      text.append(pool[Int(generator.next() % UInt64(pool.count))])
    }
    if text.first!.isWhitespace { text = "a" + text }
    if text.last!.isWhitespace { text += "z" }
    return text
  }

  /// A CSV field, quoted as RFC 4180 asks.
  static func field(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  @Test(arguments: 0..<200)
  func everySavedSessionSourcesBackBitForBit(seed: Int) throws {
    var generator = SplitMix(seed: UInt64(seed))
    var path = Self.name(&generator).replacingOccurrences(of: "/", with: "_") + ".csv"
    if seed % 3 == 0 { path = "data/" + path }
    let feature = Self.name(&generator)
    var target = Self.name(&generator)
    if target == feature { target += "2" }
    let csv = "\(Self.field(feature)),\(Self.field(target))\n1,0.5\n-2,0.25\n3,1\n"
    let files = MemoryFiles([path: csv])
    var original = Interpreter(files: files)
    let quoted = try #require(Lexer.quoted(path))
    let quotedTarget = try #require(Lexer.quoted(target))
    let load = original.execute("load \(quoted) target=\(quotedTarget)")
    try #require(load.error == nil, "load \(quoted) target=\(quotedTarget): \(load.error!.message)")
    #expect(original.session.setup.dataset.targetName == target)
    #expect(original.execute("use rmsprop:keras; set eta 0.0123; step 5; save s.txt").error == nil)
    var rebuilt = Interpreter(files: files)
    let source = rebuilt.execute("source s.txt")
    #expect(source.error == nil, "\(files.files["s.txt"]!)")
    #expect(rebuilt.session == original.session, "\(files.files["s.txt"]!)")
  }

  @Test(arguments: [
    ("data.csv", "data.csv"), ("sp ace.csv", "'sp ace.csv'"), ("it's.csv", "\"it's.csv\""),
    ("a'b\"c", #"'a'"'"'b"c'"#), ("toy", "toy"), ("x;y#z", "'x;y#z'"),
  ])
  func quotingIsMinimalAndExact(text: String, quoted: String) throws {
    #expect(Lexer.quoted(text) == quoted)
    let tokens = try Command.parseLine("source \(quoted)")
    #expect(tokens == [.source(text)])
  }

  @Test func aLineBreakCannotBeSaved() {
    #expect(Lexer.quoted("a\nb") == nil)
    #expect(Lexer.quoted("a\rb") == nil)
  }

  /// A saved script names its data from where it is saved: `save sub/s.txt` after
  /// `load data/d.csv` writes `load ../data/d.csv`, which `source sub/s.txt` finds.
  @Test func theDataPathIsRelativeToTheSavedFile() throws {
    let files = MemoryFiles(["data/d.csv": "x,y\n1,0.5\n"])
    var interpreter = Interpreter(files: files)
    #expect(interpreter.execute("load data/d.csv; step 2; save sub/s.txt").error == nil)
    #expect(try #require(files.files["sub/s.txt"]).contains("load ../data/d.csv target=y"))
    var rebuilt = Interpreter(files: files)
    #expect(rebuilt.execute("source sub/s.txt").error == nil)
    #expect(rebuilt.session.state == interpreter.session.state)
  }
}

/// A small seeded generator (SplitMix64), so that a failing case reproduces from its seed.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
