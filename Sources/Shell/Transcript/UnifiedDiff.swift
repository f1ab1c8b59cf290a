/// A unified diff of two texts, line by line, as `diff -u` prints it.
enum UnifiedDiff {
  /// Lines of context around each change.
  static let context = 3

  static func render(from old: String, to new: String, fromName: String, toName: String)
    -> String
  {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let script = edits(a, b)
    var out = ["--- \(fromName)", "+++ \(toName)"]
    var index = 0
    while index < script.count {
      guard let firstChange = script[index...].firstIndex(where: { $0.kind != .same }) else {
        break
      }
      let start = max(index, firstChange - context)
      var end = firstChange
      var lastChange = firstChange
      while end < script.count {
        if script[end].kind != .same {
          lastChange = end
        } else if end - lastChange > 2 * context {
          break
        }
        end += 1
      }
      end = min(script.count, lastChange + context + 1)
      let hunk = script[start..<end]
      let oldStart = (hunk.first?.oldIndex ?? 0) + 1
      let newStart = (hunk.first?.newIndex ?? 0) + 1
      let oldCount = hunk.filter { $0.kind != .insert }.count
      let newCount = hunk.filter { $0.kind != .delete }.count
      out.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
      for edit in hunk {
        switch edit.kind {
        case .same: out.append(" " + edit.line)
        case .delete: out.append("-" + edit.line)
        case .insert: out.append("+" + edit.line)
        }
      }
      index = end
    }
    return out.joined(separator: "\n") + "\n"
  }

  struct Edit {
    enum Kind { case same, delete, insert }
    var kind: Kind
    var line: String
    var oldIndex: Int
    var newIndex: Int
  }

  /// The shortest edit script by longest common subsequence (files are short).
  static func edits(_ a: [String], _ b: [String]) -> [Edit] {
    let n = a.count
    let m = b.count
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var result: [Edit] = []
    var i = 0
    var j = 0
    while i < n || j < m {
      if i < n, j < m, a[i] == b[j] {
        result.append(Edit(kind: .same, line: a[i], oldIndex: i, newIndex: j))
        i += 1
        j += 1
      } else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] {
        result.append(Edit(kind: .insert, line: b[j], oldIndex: i, newIndex: j))
        j += 1
      } else {
        result.append(Edit(kind: .delete, line: a[i], oldIndex: i, newIndex: j))
        i += 1
      }
    }
    return result
  }
}
