import Testing

@testable import Optimization

/// A chunked array behaves as an array under append and removal at the end, across chunk
/// boundaries, and a copy is unaffected by changes to the original.
@Suite struct ChunkedArrayTests {
  @Test func appendsAndRemovalsMatchAnArray() {
    var generator = SplitMix64(seed: 12)
    var chunked = ChunkedArray<Int>()
    var plain: [Int] = []
    var copies: [(ChunkedArray<Int>, [Int])] = []
    for step in 0..<3000 {
      let roll = Int(generator.next() % 10)
      if roll < 7 || plain.isEmpty {
        chunked.append(step)
        plain.append(step)
      } else {
        let k = Int(generator.next() % UInt64(min(plain.count, 150) + 1))
        chunked.removeLast(k)
        plain.removeLast(k)
      }
      #expect(chunked.count == plain.count)
      if step % 97 == 0 { copies.append((chunked, plain)) }
    }
    #expect(Array(chunked) == plain)
    #expect(chunked == ChunkedArray(plain))
    for (copy, expected) in copies { #expect(Array(copy) == expected) }
    #expect(ChunkedArray([1, 2]) != ChunkedArray([1, 3]))
  }
}
