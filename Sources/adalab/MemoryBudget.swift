import Foundation

/// How many more bytes this process may allocate: the address-space limit (`ulimit -v`) less
/// what is mapped already, and the memory the system has available; the smaller of the two.
enum MemoryBudget {
  static func available() -> Double? {
    var candidates: [Double] = []
    var limit = rlimit()
    if getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max,
      let mapped = mappedBytes()
    {
      candidates.append(max(0, Double(limit.rlim_cur) - mapped))
    }
    if let free = systemAvailable() { candidates.append(free) }
    return candidates.min()
  }

  /// The process's virtual size, from `/proc/self/statm` (in pages).
  static func mappedBytes() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
      let pages = text.split(separator: " ").first.flatMap({ Double($0) })
    else { return nil }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// `MemAvailable` plus free swap, from `/proc/meminfo`.
  static func systemAvailable() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else {
      return nil
    }
    var total: Double?
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ", omittingEmptySubsequences: true)
      guard parts.count >= 2, let kilobytes = Double(parts[1]) else { continue }
      if parts[0] == "MemAvailable:" || parts[0] == "SwapFree:" {
        total = (total ?? 0) + kilobytes * 1024
      }
    }
    return total
  }
}
