import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Whether `text` is well-formed XML, and the parser's complaint when it is not.
func parsesAsXML(_ text: String) -> (ok: Bool, error: String) {
  let parser = XMLParser(data: Data(text.utf8))
  let ok = parser.parse()
  return (ok, parser.parserError.map { "\($0)" } ?? "")
}
