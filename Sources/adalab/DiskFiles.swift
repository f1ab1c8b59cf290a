import Foundation
import Shell

/// The real file system, as the interpreter's ``FileAccess``: what may be read and
/// replaced, and, in ``DiskFiles+Writing.swift``, how a write reaches the disk.
///
/// - Reads take regular files only (a FIFO would block, a folder is a mistake), and say in one
///   line why a file cannot be read.
/// - A write never destroys: a regular file is replaced atomically (a temporary file in the
///   same folder, renamed over it) keeping its mode and owner, or in place when it has other
///   hard links; a FIFO or a character device (a terminal, `/dev/null`) is written through;
///   anything else is refused. A file that this session did not write is replaced only when
///   the command said `replace`, or when a person at a terminal says yes.
/// - A replay is confined (``readRoot``, ``writeRoot``): it reads and writes only inside its
///   own folder, after resolving symbolic links, and writes only files with the extensions
///   adalab writes, never dotfiles, never through a link.
final class DiskFiles: FileAccess {
  /// When set (a replay), reads stay inside this folder.
  var readRoot: String?
  /// When set (a replay), writes stay inside this folder, to adalab's own kinds of file.
  var writeRoot: String?
  /// `--check`: every write is checked as if it were made, and none is made.
  var isDryRun = false
  /// Asks a person whether to replace a file this session did not write (a terminal only);
  /// nil refuses, as scripts must.
  var confirmReplace: ((_ path: String) -> Bool)?
  /// `$HOME`, for `~/…`.
  let home: String?
  /// The files this session wrote, by device and inode: it may replace them without asking.
  var written: Set<FileIdentity> = []
  /// The paths a dry run pretended to write.
  var dryWritten: Set<String> = []
  /// The folders a dry run pretended to make (see ``createFolder(_:)``).
  var dryFolders: Set<String> = []

  /// The extensions a replay may write: adalab's own outputs.
  static let replayExtensions: Set<String> = ["txt", "csv", "json", "svg", "html", "md", "ipynb"]

  init(home: String? = ProcessInfo.processInfo.environment["HOME"]) {
    self.home = home
  }

  /// A file's device and inode: the same file whatever path names it.
  struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ status: stat) {
      device = UInt64(status.st_dev)
      inode = UInt64(status.st_ino)
    }
  }

  func fullPath(_ path: String) -> String {
    if path == "~" || path.hasPrefix("~/"), let home, !home.isEmpty {
      return home + path.dropFirst()
    }
    return path
  }

  func absolutePath(_ path: String) -> String {
    let full = fullPath(path)
    if full.hasPrefix("/") { return full }
    return FileManager.default.currentDirectoryPath + "/" + full
  }

  func read(_ name: String) throws(ShellError) -> String {
    let path = fullPath(name)
    if let readRoot, !DiskFiles.isInside(path, readRoot) {
      throw ShellError(
        "refusing to read '\(name)' while replaying: it is outside the session's folder (--allow-reads lifts this)"
      )
    }
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw ShellError("cannot read '\(name)': \(DiskFiles.reason(errno))")
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw ShellError("cannot read '\(name)': it is a folder, expected a file")
    default:
      throw ShellError(
        "cannot read '\(name)': it is \(DiskFiles.kind(status.st_mode)), expected a regular file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ShellError("cannot read '\(name)': \(DiskFiles.reason(errno == 0 ? EACCES : errno))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ShellError("cannot read '\(name)': expected UTF-8 text, found binary data")
    }
    return text
  }

  func write(_ path: String, contents: String) throws(ShellError) {
    try write(path, contents: contents, replacing: false)
  }

  func write(_ name: String, contents: String, replacing: Bool) throws(ShellError) {
    try write(name, to: fullPath(name), contents: contents, replacing: replacing, links: 0)
  }

  /// Checks `path` (what `name` led to) and writes it; follows a symbolic link at most 40 deep.
  private func write(
    _ name: String, to path: String, contents: String, replacing: Bool, links: Int
  ) throws(ShellError) {
    let folder = DiskFiles.folder(of: path)
    var folderStatus = stat()
    guard stat(folder, &folderStatus) == 0 else {
      let reason = errno == ENOENT ? "no folder '\(folder)'" : DiskFiles.reason(errno)
      guard isDryRun && errno == ENOENT && dryFolders.contains(folder) else {
        throw ShellError("cannot write '\(name)': \(reason)")
      }
      // A folder a dry run pretended to make: the file would be new in it.
      if let writeRoot { try checkConfined(name, path: path, root: writeRoot) }
      return try create(name, path: path, contents: contents)
    }
    guard folderStatus.st_mode & S_IFMT == S_IFDIR else {
      throw ShellError("cannot write '\(name)': '\(folder)' is not a folder")
    }
    if let writeRoot { try checkConfined(name, path: path, root: writeRoot) }
    var status = stat()
    guard lstat(path, &status) == 0 else {
      guard errno == ENOENT else {
        throw ShellError("cannot write '\(name)': \(DiskFiles.reason(errno))")
      }
      return try create(name, path: path, contents: contents)
    }
    switch status.st_mode & S_IFMT {
    case S_IFLNK:
      guard links < 40, let target = DiskFiles.linkTarget(path) else {
        throw ShellError("cannot write '\(name)': too many levels of symbolic links")
      }
      try write(name, to: target, contents: contents, replacing: replacing, links: links + 1)
    case S_IFREG:
      let identity = FileIdentity(status)
      if !replacing && !written.contains(identity) && !dryWritten.contains(path) {
        guard confirmReplace?(name) == true else {
          throw ShellError(
            "'\(name)' exists and this session did not write it; add 'replace' to the command to replace it"
          )
        }
      }
      try replace(name, path: path, status: status, contents: contents)
    case S_IFIFO, S_IFCHR:
      try writeThrough(name, path: path, contents: contents)
    case S_IFDIR:
      throw ShellError("cannot write '\(name)': it is a folder (write \(name)/NAME)")
    default:
      throw ShellError(
        "cannot write '\(name)': it is \(DiskFiles.kind(status.st_mode)), expected a regular file")
    }
  }

  /// The rules of a replay's writes: inside `root` once links are resolved, an adalab
  /// extension, no dotfile, not through a link, nothing but a regular file.
  private func checkConfined(_ name: String, path: String, root: String) throws(ShellError) {
    let refusal = "refusing to write '\(name)' while replaying"
    let file = String(path.split(separator: "/").last ?? "")
    guard !file.hasPrefix(".") else { throw ShellError("\(refusal): it is a dotfile") }
    let ext = file.split(separator: ".").count > 1 ? String(file.split(separator: ".").last!) : ""
    guard DiskFiles.replayExtensions.contains(ext.lowercased()) else {
      let list = DiskFiles.replayExtensions.sorted().map { "." + $0 }.joined(separator: ", ")
      throw ShellError("\(refusal): replays write only \(list) files")
    }
    guard DiskFiles.isInside(DiskFiles.folder(of: path), root) else {
      throw ShellError(
        "\(refusal): it is outside the session's folder (--allow-writes lifts this)")
    }
    var status = stat()
    if lstat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFREG {
      throw ShellError(
        "\(refusal): it is \(DiskFiles.kind(status.st_mode)), expected a regular file")
    }
  }

  /// Whether `path`, with every link resolved, is `root` or inside it.
  static func isInside(_ path: String, _ root: String) -> Bool {
    guard let real = realPath(path) ?? realPath(folder(of: path)).map({ $0 + "/" }),
      let realRoot = realPath(root)
    else { return false }
    return real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
  }

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Where the symbolic link at `path` points, relative targets taken from its folder.
  static func linkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, Int(PATH_MAX))
    guard count > 0 else { return nil }
    let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if target.hasPrefix("/") { return target }
    let folder = folder(of: path)
    return folder == "." ? target : folder + "/" + target
  }

  /// The folder holding `path`: `.` for a bare name.
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  /// `a FIFO`, `a character device`, … for messages.
  static func kind(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: return "a FIFO"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    case S_IFLNK: return "a symbolic link"
    case S_IFDIR: return "a folder"
    default: return "not a regular file"
    }
  }

  /// `strerror` in lowercase, with the words a person needs for the common cases.
  static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file"
    case ENOSPC: return "no space left on device (the disk is full)"
    case EDQUOT: return "disk quota exceeded"
    default: return String(cString: strerror(code)).lowercased()
    }
  }
}
