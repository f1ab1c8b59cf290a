import Foundation
import Shell

/// The real file system, as the interpreter's ``FileAccess``.
///
/// Reads say in one line why a file cannot be read; writes go to a temporary file in the
/// same folder that is renamed over the target, so a failure never leaves a half-written
/// or clobbered file.
struct DiskFiles: FileAccess {
  /// When false (replaying someone else's session), writes to absolute paths or through
  /// `..` are refused.
  var allowsWritesAnywhere = true
  /// The folder relative paths start from: a session file's own folder while replaying
  /// it, so a lesson can name its data beside it; nil for the current folder.
  var base: String?

  /// `path` resolved against ``base``.
  func resolve(_ path: String) -> String {
    guard let base, !base.isEmpty, !path.hasPrefix("/") else { return path }
    return base + "/" + path
  }

  func read(_ name: String) throws(ShellError) -> String {
    let path = resolve(name)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ShellError("cannot read '\(name)': no such file")
    }
    guard !isDirectory.boolValue else {
      throw ShellError("cannot read '\(name)': it is a directory, expected a file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ShellError("cannot read '\(name)': permission denied or unreadable")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ShellError("cannot read '\(name)': expected UTF-8 text, found binary data")
    }
    return text
  }

  func write(_ name: String, contents: String) throws(ShellError) {
    let path = resolve(name)
    if !allowsWritesAnywhere
      && (name.hasPrefix("/") || name.split(separator: "/").contains(".."))
    {
      throw ShellError(
        "refusing to write '\(name)' while replaying: only relative paths inside the current folder (--allow-writes lifts this)"
      )
    }
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    do {
      try Data(contents.utf8).write(to: temporary)
      if rename(temporary.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw ShellError("cannot write '\(name)': \(reason)")
      }
    } catch let error as ShellError {
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw ShellError("cannot write '\(name)': \(error.localizedDescription)")
    }
  }
}
