@testable import Shell

extension JSON {
  /// The pairs of an object, nil for any other value: `try #require(json.objectPairs)` fails
  /// the test when the reply's shape changes, where `guard case … else { return }` passed.
  var objectPairs: [(String, JSON)]? {
    guard case .object(let pairs) = self else { return nil }
    return pairs
  }
}
