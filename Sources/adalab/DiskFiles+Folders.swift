import Foundation
import Shell

extension DiskFiles {
  /// Makes the folder and any missing folders above it, resolved like a write; refused
  /// while replaying under the same rule as writes.
  func createFolder(_ name: String) throws(ShellError) {
    if !allowsWritesAnywhere
      && (name.hasPrefix("/") || name.split(separator: "/").contains(".."))
    {
      throw ShellError(
        "refusing to write '\(name)' while replaying: only relative paths inside the current folder (--allow-writes lifts this)"
      )
    }
    do {
      try FileManager.default.createDirectory(
        atPath: resolve(name), withIntermediateDirectories: true)
    } catch {
      throw ShellError("cannot make the folder '\(name)': \(error.localizedDescription)")
    }
  }
}
