import Optimization
import Testing

@testable import Shell

/// `;` between commands and `#` comments, both ignored inside quotes.
struct LineSplittingTests {
  @Test(arguments: [
    ("", [Command]()),
    ("   ", []),
    ("# only a comment", []),
    (";;", []),
    ("  ; # nothing", []),
    ("step; step 2", [.step(1), .step(2)]),
    ("step;epoch;reset", [.step(1), .epoch(1), .reset]),
    ("step 3;", [.step(3)]),
    (";step;;q;", [.step(1), .quit]),
    ("step # ; reset", [.step(1)]),
    ("step 2# no blank needed", [.step(2)]),
    ("save 'a;b#c.txt'; step", [.save("a;b#c.txt"), .step(1)]),
    ("save \"it's.txt\"", [.save("it's.txt")]),
    ("load \"x.csv\"#c", [.load(.csv(path: "x.csv", target: nil))]),
    ("\tstep\t4 ", [.step(4)]),
  ])
  func splits(line: String, commands: [Command]) throws {
    #expect(try Command.parseLine(line) == commands)
  }

  @Test func symbolsNeedNoBlanks() throws {
    #expect(
      try Command.parseLine("run until v_w[2]>=v_b;set eta=1e-2")
        == [
          .runUntil(
            .compare(
              .quantity(QuantityRef(quantity: .vW, index: 2)), .greaterOrEqual,
              .quantity(QuantityRef(quantity: .vB))),
            max: nil),
          .set(SettingAssignment(setting: .eta, value: .number(0.01))),
        ])
  }

  @Test func lexerKeepsColumnsAndByteOffsets() throws {
    let output = try Lexer.tokenize("save 'é' ; s # c")
    #expect(output.commentColumn == 13)
    #expect(
      output.tokens == [
        Token(kind: .word, text: "save", column: 0, endColumn: 4, textOffset: 0),
        Token(kind: .quoted, text: "é", column: 5, endColumn: 8, textOffset: 6),
        Token(kind: .separator, text: ";", column: 9, endColumn: 10, textOffset: 10),
        Token(kind: .word, text: "s", column: 11, endColumn: 12, textOffset: 12),
      ])
  }

  @Test func lenientLexingLeavesAnUnclosedQuoteOpen() throws {
    let output = try Lexer.tokenize("load \"my da", lenient: true)
    #expect(
      output.tokens.last
        == Token(
          kind: .quoted, text: "my da", column: 5, endColumn: 11, textOffset: 6, isClosed: false))
  }
}

/// Where each command of a line was written, for carets the engine needs later.
struct LocatedCommandTests {
  @Test func commandsKeepTheirTextAndColumns() throws {
    #expect(
      try Command.parseLocated("set lr 0.1; set eta = -1 # negative; step") == [
        LocatedCommand(
          command: .set(SettingAssignment(setting: .eta, value: .number(0.1))), text: "set lr 0.1",
          column: 0, lastTokenColumn: 7),
        LocatedCommand(
          command: .set(SettingAssignment(setting: .eta, value: .number(-1))), text: "set eta = -1",
          column: 12, lastTokenColumn: 22),
      ])
    #expect(
      try Command.parseLocated("  reset;save \"a b.txt\"") == [
        LocatedCommand(command: .reset, text: "reset", column: 2, lastTokenColumn: 2),
        LocatedCommand(
          command: .save("a b.txt"), text: "save \"a b.txt\"", column: 8, lastTokenColumn: 13),
      ])
  }
}
