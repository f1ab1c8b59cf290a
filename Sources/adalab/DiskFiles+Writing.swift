import Foundation
import Shell
import SystemPackage

/// How a write reaches the disk: through an exclusive, unpredictable temporary file beside
/// the target, opened without following links, filled, flushed, given the target's mode and
/// owner, then renamed over it. Any failure (a full disk among them) removes the temporary
/// file and leaves the target as it was.
extension DiskFiles {
  /// A new file at `path`.
  func create(_ name: String, path: String, contents: String) throws(ShellError) {
    guard !isDryRun else { return pretend(path) }
    let identity = try replaceAtomically(name, path: path, contents: contents, keeping: nil)
    written.insert(identity)
  }

  /// A regular file replaced: atomically, or in place when other hard links share it (a
  /// rename would break them).
  func replace(_ name: String, path: String, status: stat, contents: String) throws(ShellError) {
    guard !isDryRun else { return pretend(path) }
    if status.st_nlink > 1 {
      try writeInPlace(name, path: path, contents: contents)
      written.insert(FileIdentity(status))
    } else {
      written.insert(try replaceAtomically(name, path: path, contents: contents, keeping: status))
    }
  }

  /// A FIFO or a character device, written as it is (nothing to replace). A FIFO without a
  /// reader is refused rather than waited for.
  func writeThrough(_ name: String, path: String, contents: String) throws(ShellError) {
    guard !isDryRun else { return pretend(path) }
    let descriptor: FileDescriptor
    do {
      descriptor = try FileDescriptor.open(
        FilePath(path), .writeOnly, options: [.nonBlocking, .closeOnExec, .noFollow])
    } catch let error as Errno {
      let reason =
        error.rawValue == ENXIO ? "a FIFO with no reader" : DiskFiles.reason(error.rawValue)
      throw ShellError("cannot write '\(name)': \(reason)")
    } catch {
      throw ShellError("cannot write '\(name)': \(error)")
    }
    defer { try? descriptor.close() }
    let flags = fcntl(descriptor.rawValue, F_GETFL)
    _ = fcntl(descriptor.rawValue, F_SETFL, flags & ~O_NONBLOCK)
    try fill(descriptor, with: contents, name: name, sync: false)
  }

  /// The dry run's record of a write, so that writing the same file again is not a
  /// "replace" it did not make.
  private func pretend(_ path: String) {
    dryWritten.insert(path)
  }

  /// Writes a temporary file beside `path` and renames it over `path`; with `keeping`, the
  /// new file takes the old one's permission bits and owner first. Returns the new file's
  /// identity.
  private func replaceAtomically(
    _ name: String, path: String, contents: String, keeping old: stat?
  ) throws(ShellError) -> FileIdentity {
    let (descriptor, temporary) = try createTemporary(besides: path, name: name)
    var identity: FileIdentity?
    do throws(ShellError) {
      try fill(descriptor, with: contents, name: name, sync: false)
      let mode = old.map { $0.st_mode & 0o7777 } ?? (0o666 & ~DiskFiles.creationMask)
      guard fchmod(descriptor.rawValue, mode) == 0 else {
        throw ShellError("cannot write '\(name)': cannot set its mode (\(DiskFiles.reason(errno)))")
      }
      if let old {
        var now = stat()
        if fstat(descriptor.rawValue, &now) == 0,
          now.st_uid != old.st_uid || now.st_gid != old.st_gid,
          fchown(descriptor.rawValue, old.st_uid, old.st_gid) != 0
        {
          throw ShellError(
            "cannot write '\(name)': it belongs to user \(old.st_uid) and replacing it would give it to user \(now.st_uid)"
          )
        }
      }
      guard fsync(descriptor.rawValue) == 0 else {
        throw ShellError("cannot write '\(name)': \(DiskFiles.reason(errno)); it is unchanged")
      }
      var status = stat()
      if fstat(descriptor.rawValue, &status) == 0 { identity = FileIdentity(status) }
      try closing(descriptor, name: name)
      guard rename(temporary, path) == 0 else {
        throw ShellError("cannot write '\(name)': \(DiskFiles.reason(errno))")
      }
    } catch {
      try? descriptor.close()
      unlink(temporary)
      throw error
    }
    return identity ?? FileIdentity(stat())
  }

  /// Rewrites a file with other hard links where it is. A temporary file of the same size
  /// is written first, so that a full disk is found before the old contents are cut.
  private func writeInPlace(_ name: String, path: String, contents: String) throws(ShellError) {
    let (probe, temporary) = try createTemporary(besides: path, name: name)
    do throws(ShellError) {
      try fill(probe, with: contents, name: name, sync: true)
      try closing(probe, name: name)
    } catch {
      try? probe.close()
      unlink(temporary)
      throw error
    }
    unlink(temporary)
    let descriptor: FileDescriptor
    do {
      descriptor = try FileDescriptor.open(
        FilePath(path), .writeOnly, options: [.truncate, .noFollow, .closeOnExec])
    } catch {
      throw ShellError("cannot write '\(name)': \(DiskFiles.reason(Self.code(error)))")
    }
    do throws(ShellError) {
      try fill(descriptor, with: contents, name: name, sync: true)
      try closing(descriptor, name: name)
    } catch {
      try? descriptor.close()
      throw error
    }
  }

  /// `.NAME.XXXXXXXXXXXX.tmp` beside `path`: created exclusively (never an existing file),
  /// never through a link, readable by the owner only, with a name nobody can guess.
  private func createTemporary(besides path: String, name: String) throws(ShellError)
    -> (FileDescriptor, String)
  {
    let folder = DiskFiles.folder(of: path)
    let file = path.split(separator: "/").last.map(String.init) ?? "file"
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<100 {
      let nonce = String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 16)
      let temporary = "\(folder)/.\(file).\(nonce).tmp"
      do {
        let descriptor = try FileDescriptor.open(
          FilePath(temporary), .writeOnly,
          options: [.create, .exclusiveCreate, .noFollow, .closeOnExec],
          permissions: [.ownerReadWrite])
        return (descriptor, temporary)
      } catch let error as Errno where error == .fileExists {
        continue
      } catch {
        throw ShellError("cannot write '\(name)': \(DiskFiles.reason(Self.code(error)))")
      }
    }
    throw ShellError("cannot write '\(name)': no free temporary name in '\(folder)'")
  }

  /// Writes all of `contents`; a short or failed write (a full disk) throws.
  private func fill(_ descriptor: FileDescriptor, with contents: String, name: String, sync: Bool)
    throws(ShellError)
  {
    do {
      _ = try descriptor.writeAll(Array(contents.utf8))
    } catch {
      throw ShellError(
        "cannot write '\(name)': \(DiskFiles.reason(Self.code(error))); it is unchanged")
    }
    if sync && fsync(descriptor.rawValue) != 0 && errno != EINVAL {
      throw ShellError("cannot write '\(name)': \(DiskFiles.reason(errno))")
    }
  }

  /// Closes, reporting a deferred write error (NFS and some full disks report on close).
  private func closing(_ descriptor: FileDescriptor, name: String) throws(ShellError) {
    do {
      try descriptor.close()
    } catch {
      throw ShellError(
        "cannot write '\(name)': \(DiskFiles.reason(Self.code(error))); it is unchanged")
    }
  }

  /// The process's umask, which a new file's mode honours as `open` would.
  static let creationMask: mode_t = {
    let mask = umask(0o022)
    umask(mask)
    return mask
  }()

  static func code(_ error: any Error) -> Int32 {
    (error as? Errno)?.rawValue ?? EIO
  }
}
