/// Why a data set could not be built. The message names the line and column where it can.
public struct DataError: Error, Equatable, Sendable {
  /// One lowercase line: what was expected and what was found.
  public var message: String

  /// An error with the given message.
  public init(_ message: String) { self.message = message }
}

extension DataError {
  /// At most `limit` characters of a field from a file, for a message: control characters
  /// escaped (`\e`, `\0`, `\u{7}`), a longer field cut with its length said, so that an error
  /// about a 20 MB field is one short line.
  public static func excerpt(_ text: String, limit: Int = 40) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
      if count == limit {
        return out + "… (\(text.utf8.count) bytes)"
      }
      switch scalar {
      case "\u{1b}": out += "\\e"
      case "\u{0}": out += "\\0"
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case _ where scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value):
        out += "\\u{\(String(scalar.value, radix: 16))}"
      default: out.unicodeScalars.append(scalar)
      }
      count += 1
    }
    return out
  }
}
