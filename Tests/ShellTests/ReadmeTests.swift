import Foundation
import Testing

@testable import Shell

/// The README stays true: its tour is a replayed session, its reference names every command.
@Suite struct ReadmeTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func text(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  @Test func theTourIsTheRecordedSession() throws {
    let readme = try Self.text("README.md")
    let tour = try Self.text("sessions/00-tour.txt")
    let body = tour.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("#") }.joined(separator: "\n")
    #expect(readme.contains("```text\n" + body + "```"))
  }

  @Test func theReferenceNamesEveryCommand() throws {
    let readme = try Self.text("README.md")
    for command in Vocabulary.commands {
      #expect(readme.contains("| `\(command.name)` |"), "README lacks \(command.name)")
    }
  }
}
