/// An array kept as fixed-size chunks, so that copies share what they do not change.
///
/// A session is a value, and `undo` keeps up to a hundred and more of them. With plain
/// arrays, the first append to a copy's checkpoints or changes copies every element; here it
/// copies the last chunk and the list of chunks, and the other chunks stay shared between
/// every copy. Appending and removing at the end are the only mutations a trajectory and a
/// timeline need. (swift-collections 1.6 has no persistent vector: its `TreeDictionary` is
/// unordered, and its rope is not public API, so this small type is written here.)
public struct ChunkedArray<Element>: RandomAccessCollection {
  /// Elements per chunk: a power of two, so an index splits with a shift and a mask.
  static var chunkShift: Int { 6 }
  static var chunkSize: Int { 1 << chunkShift }

  private var chunks: [[Element]] = []
  public private(set) var count = 0

  /// An empty array.
  public init() {}

  /// The elements of `elements`, in order.
  public init<S: Sequence<Element>>(_ elements: S) {
    for element in elements { append(element) }
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public subscript(position: Int) -> Element {
    precondition(position >= 0 && position < count, "index out of range")
    return chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)]
  }

  /// Appends `element`, copying at most the last chunk and the list of chunks when shared.
  public mutating func append(_ element: Element) {
    if count & (Self.chunkSize - 1) == 0 {
      var chunk: [Element] = []
      chunk.reserveCapacity(Self.chunkSize)
      chunk.append(element)
      chunks.append(chunk)
    } else {
      chunks[chunks.count - 1].append(element)
    }
    count += 1
  }

  /// Removes the last `k` elements.
  public mutating func removeLast(_ k: Int) {
    precondition(k >= 0 && k <= count, "cannot remove \(k) of \(count) elements")
    count -= k
    let keptChunks = (count + Self.chunkSize - 1) >> Self.chunkShift
    if chunks.count > keptChunks { chunks.removeLast(chunks.count - keptChunks) }
    let inLast = count - (keptChunks - 1) << Self.chunkShift
    if keptChunks > 0 && chunks[keptChunks - 1].count > inLast {
      chunks[keptChunks - 1].removeLast(chunks[keptChunks - 1].count - inLast)
    }
  }
}

extension ChunkedArray: Equatable where Element: Equatable {
  public static func == (lhs: ChunkedArray, rhs: ChunkedArray) -> Bool {
    lhs.count == rhs.count && lhs.chunks == rhs.chunks
  }
}

extension ChunkedArray: Sendable where Element: Sendable {}
