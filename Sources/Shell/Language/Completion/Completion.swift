/// What tab completion offers: words that can replace the end of the line from `replaceFrom`.
public struct Completion: Equatable, Sendable {
  /// The UTF-8 byte offset in the line where the word being completed starts (after its opening
  /// quote, if quoted); the line's UTF-8 length when a new word starts at the cursor.
  public var replaceFrom: Int
  /// The words that fit, sorted and unique; each replaces the line from `replaceFrom` on.
  public var candidates: [String]

  /// Creates a completion.
  public init(replaceFrom: Int, candidates: [String]) {
    self.replaceFrom = replaceFrom
    self.candidates = candidates
  }
}
