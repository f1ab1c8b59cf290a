extension Interpreter {
  /// A path as typed, resolved against ``folder``: absolute paths and `~/…` are left as they
  /// are (the host spells out `~`); a relative path starts from the folder of the file whose
  /// line is running, or from the current folder for a line a person typed.
  func resolve(_ typed: String) -> String {
    if typed.hasPrefix("/") || typed == "~" || typed.hasPrefix("~/") || folder.isEmpty {
      return typed
    }
    return folder.hasSuffix("/") ? folder + typed : folder + "/" + typed
  }

  /// How a reply names a file it wrote: as typed and, where it differs, in full
  /// (`x.txt (sessions/x.txt)`, `~/x.txt (/root/x.txt)`).
  func named(_ typed: String) -> String {
    let full = fileAccess.fullPath(resolve(typed))
    let shown = full == typed ? typed : "\(typed) (\(full))"
    return ShellError.visible(shown)
  }

  /// The folder that holds `path`: `""` for a bare name, `/` for a file at the root.
  public static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  /// The host's files, with every path resolved against ``folder`` first.
  var files: ResolvedFiles { ResolvedFiles(interpreter: self) }

  /// Reads and writes of the interpreter, by paths as typed; itself a ``FileAccess`` so that
  /// code written for any host (`export … to`) resolves paths when given this one.
  struct ResolvedFiles: FileAccess {
    let interpreter: Interpreter

    func read(_ typed: String) throws(ShellError) -> String {
      try interpreter.fileAccess.read(interpreter.resolve(typed))
    }

    func write(_ typed: String, contents: String) throws(ShellError) {
      try write(typed, contents: contents, replacing: false)
    }

    func write(_ typed: String, contents: String, replacing: Bool) throws(ShellError) {
      try interpreter.fileAccess.write(
        interpreter.resolve(typed), contents: contents, replacing: replacing)
    }

    func fullPath(_ typed: String) -> String {
      interpreter.fileAccess.fullPath(interpreter.resolve(typed))
    }

    func absolutePath(_ typed: String) -> String {
      interpreter.fileAccess.absolutePath(interpreter.resolve(typed))
    }

    func createFolder(_ typed: String) throws(ShellError) {
      try interpreter.fileAccess.createFolder(interpreter.resolve(typed))
    }
  }
}
