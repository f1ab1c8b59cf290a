import Testing

@testable import Optimization

/// Reading CSV tables: the fast path, the library's path, and errors with line and column.
@Suite struct CSVTests {
  @Test func aBadLineNearTheEndOfALongFileIsNamed() throws {
    var text = "x1,x2,y\n"
    for i in 0..<200_000 {
      text += i == 199_990 ? "0.5,abc,0.3\n" : "0.25,\(i % 7),0.5\n"
    }
    #expect(
      throws: DataError("big.csv:199992: column 2 ('x2'): expected a finite number, found 'abc'")
    ) {
      try Dataset.parsingCSV(text, name: "big.csv")
    }
  }

  @Test func raggedRowsAreNamedByEitherPath() throws {
    #expect(throws: DataError("r.csv:4: expected 2 fields, found 1")) {
      try Dataset.parsingCSV("x,y\n1,2\n3,4\n5\n", name: "r.csv")
    }
    #expect(throws: DataError("q.csv:3: expected 2 fields, found 3")) {
      try Dataset.parsingCSV("\"x\",y\n1,2\n3,4,5\n", name: "q.csv")
    }
  }

  @Test func quotesCRLFAndBlankLinesRead() throws {
    let quoted = try Dataset.parsingCSV("\"x\",\"y\"\n\"1\",2\n", name: "q.csv")
    #expect(quoted.targets == [2])
    let crlf = try Dataset.parsingCSV("x,y\r\n1,0.5\r\n\r\n2,0.25\r\n", name: "c.csv")
    #expect(crlf.targets == [0.5, 0.25])
    #expect(crlf.featureNames == ["x"])
  }

  @Test func bothPathsGiveTheSameBits() throws {
    let text = "a,b,y\n0.1,1e-300,0.3333333333333333\n-2.5e3,7,1\n"
    let fast = try Dataset.parsingCSV(text, name: "f.csv")
    let library = try Dataset.libraryParsingCSV(text, name: "f.csv", target: nil)
    #expect(fast == library)
  }
}
