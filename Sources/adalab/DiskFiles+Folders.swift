import Foundation
import Shell

extension DiskFiles {
  /// Makes the folder and any missing folders above it (`export FILE.md` puts its pictures
  /// in `FILE.files/`). A replay may make folders only inside its own folder, with links
  /// resolved, and no hidden ones; a dry run (`--check`) makes none but remembers them, so
  /// that the writes into them are checked as if they were there. The files written into
  /// the folder go through ``write(_:contents:replacing:)`` and its rules.
  func createFolder(_ name: String) throws(ShellError) {
    let path = fullPath(name)
    if let writeRoot {
      let refusal = "refusing to write '\(name)' while replaying"
      let parts = path.split(separator: "/")
      if parts.contains(where: { $0.hasPrefix(".") && $0 != "." && $0 != ".." }) {
        throw ShellError("\(refusal): it is a dotfile")
      }
      guard DiskFiles.isInside(nearestExisting(path), writeRoot) else {
        throw ShellError(
          "\(refusal): it is outside the session's folder (--allow-writes lifts this)")
      }
    }
    var status = stat()
    if stat(path, &status) == 0 {
      guard status.st_mode & S_IFMT == S_IFDIR else {
        throw ShellError("cannot make the folder '\(name)': a file has that name")
      }
      return
    }
    if isDryRun {
      dryFolders.insert(path)
      return
    }
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true)
    } catch {
      throw ShellError("cannot make the folder '\(name)': \(error.localizedDescription)")
    }
  }

  /// `path` or the nearest folder above it that exists.
  private func nearestExisting(_ path: String) -> String {
    var candidate = path
    var status = stat()
    while lstat(candidate, &status) != 0 {
      let above = DiskFiles.folder(of: candidate)
      if above == candidate { break }
      candidate = above
    }
    return candidate
  }
}
