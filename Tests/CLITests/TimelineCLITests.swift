import Foundation
import Testing

/// Mid-run changes through the binary: `--json` replies, and `save` then `source` in a new
/// process rebuilding the same run bit for bit.
@Suite struct TimelineCLITests {
  static func objects(_ output: String) throws -> [[String: Any]] {
    try output.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func jsonRepliesSayWhenAChangeActs() throws {
    let run = try CLITests.adalab([
      "--json", "-c", "step 20; set eta 0.5; use gd from here; back 5; show timeline; undo",
    ])
    #expect(run.status == 0, "\(run.errors)")
    let replies = try Self.objects(run.output)
    #expect(replies.count == 6)
    #expect(replies[1]["eta"] as? Double == 0.5 && replies[1]["from_t"] as? Int == 21)
    #expect(replies[2]["optimizer"] as? String == "gd" && replies[2]["fresh"] as? Bool == true)
    #expect(replies[3]["t"] as? Int == 15)
    let changes = try #require(replies[4]["changes"] as? [[String: Any]])
    #expect(changes.map { $0["t"] as? Int } == [20, 20])
    #expect(changes.map { $0["ahead"] as? Bool } == [true, true])
    #expect(replies[5]["undid"] as? String == "back 5" && replies[5]["t"] as? Int == 20)
  }

  @Test func saveThenSourceInANewProcessRebuildsTheRunBitForBit() throws {
    let folder = try CLITests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let script =
      "load sparse n=50 density=0.2 seed=4; set batch 5; step 23; set eta 0.01; step 9;"
      + " use rmsprop:pytorch[eta=0.003] from here; step 30; back 12"
    let saved = try CLITests.adalab(
      ["--json", "-c", script + "; save s.txt; show w b t; show timeline"], in: folder)
    #expect(saved.status == 0, "\(saved.errors)")
    let rebuilt = try CLITests.adalab(
      ["--json", "-c", "source s.txt; show w b t; show timeline"], in: folder)
    #expect(rebuilt.status == 0, "\(rebuilt.errors)")
    let before = saved.output.split(separator: "\n").suffix(2)
    let after = rebuilt.output.split(separator: "\n").suffix(2)
    #expect(Array(before) == Array(after))
    #expect(before.first?.contains("\"t\":50") == true)
  }
}
