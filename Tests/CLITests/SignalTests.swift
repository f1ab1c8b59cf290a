import Foundation
import Testing

/// Signals in scripts: `SIGINT`, `SIGTERM` and `SIGHUP` stop the running command and end the
/// script with 130, 143, 129; long commands see them promptly.
@Suite struct SignalTests {
  typealias CLI = CLITests

  struct Stopped {
    var status: Int32
    var output: String
    /// Seconds from the signal to the exit.
    var latency: Double
  }

  /// Runs adalab with `arguments` (and `input` on stdin), sends `signal` after `delay`
  /// seconds, and waits for the exit.
  /// With `waitFor`, the delay starts once standard output holds that text; with
  /// `afterReading`, once the process has read that many bytes (Linux's /proc/PID/io).
  static func interrupt(
    _ arguments: [String], input: String? = nil, waitFor: String? = nil,
    afterReading bytes: Int? = nil, after delay: Double, with signal: Int32, in folder: URL? = nil
  ) throws -> Stopped {
    let process = Process()
    process.executableURL = CLI.binary
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let stdout = Pipe()
    let stdin = Pipe()
    process.standardOutput = stdout
    process.standardInput = stdin
    process.standardError = FileHandle.nullDevice
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    var output = Data()
    if let waitFor {
      while !String(decoding: output, as: UTF8.self).contains(waitFor) {
        let chunk = stdout.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        output += chunk
      }
    }
    if let bytes {
      let deadline = Date().addingTimeInterval(10)
      while bytesRead(by: process.processIdentifier) < bytes && Date() < deadline {
        usleep(2_000)
      }
    }
    usleep(useconds_t(delay * 1_000_000))
    let sent = Date()
    kill(process.processIdentifier, signal)
    output += stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Stopped(
      status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
      latency: Date().timeIntervalSince(sent))
  }

  /// The bytes process `pid` has read so far (`rchar` in /proc/PID/io), or 0 where there is
  /// no such file.
  static func bytesRead(by pid: Int32) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8) else {
      return 0
    }
    let line = text.split(separator: "\n").first { $0.hasPrefix("rchar:") }
    return line.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
  }

  @Test(arguments: [(Int32(2), Int32(130)), (Int32(15), Int32(143)), (Int32(1), Int32(129))])
  func aSignalEndsACommandLineScript(signal: Int32, status: Int32) throws {
    let run = try Self.interrupt(
      ["-c", "step 100000000000; show w"], after: 0.4, with: signal)
    #expect(run.status == status)
    #expect(run.output.hasPrefix("interrupted at t="), "\(run.output)")
    #expect(!run.output.contains("w = "))
  }

  @Test func aSignalEndsPipedCommands() throws {
    let run = try Self.interrupt(
      [], input: "step 100000000000\nshow w\n", after: 0.4, with: SIGTERM)
    #expect(run.status == 143)
    #expect(!run.output.contains("w = "))
  }

  /// Each command over a million points stops soon after Ctrl-C. The issue asks for 0.2 s;
  /// the bound here is looser, for a loaded test machine (the closing note has the figures).
  /// The signal comes 0.3 s into the command, well inside its loop (each runs for minutes).
  @Test(arguments: [
    "sweep eta 0.01..1 log 1000 steps 100000", "compare adam rmsprop adagrad steps 100000",
    "plot surface", "step 100000000000",
  ])
  func longCommandsStopPromptly(command: String) throws {
    let run = try Self.interrupt(
      [], input: "load sparse n=1000000\n\(command)\nshow t\n", waitFor: "start w=",
      after: 0.3, with: SIGINT)
    #expect(run.status == 130)
    #expect(run.latency < 3, "\(command): \(run.latency) s")
    #expect(!run.output.contains("t = "))
  }

  @Test func loadingABigFileStopsPromptly() throws {
    let folder = try CLI.temporaryFolder()
    // A million rows (21 MB), a thousand distinct ones repeated. The signal comes once the
    // process has read 10 MB (a debug build then parses for over a second, an optimised
    // one for half a second), not after a fixed delay, which a faster machine or parser
    // could outrun; where /proc is missing, 0.7 s in.
    let block = (0..<1000).map { i in "0.\(i),1.5,-2.25,0.\(i % 10)\n" }.joined()
    let csv = "a,b,c,y\n" + String(repeating: block, count: 1000)
    try csv.write(to: folder.appendingPathComponent("big.csv"), atomically: false, encoding: .utf8)
    let hasProc = FileManager.default.fileExists(atPath: "/proc/self/io")
    let run = try Self.interrupt(
      ["-c", "load big.csv; show data"], afterReading: hasProc ? 10_000_000 : nil,
      after: hasProc ? 0 : 0.7, with: SIGINT, in: folder)
    #expect(run.status == 130)
    #expect(run.latency < 3, "\(run.latency) s")
    #expect(!run.output.contains("big.csv"), "\(run.output)")
  }
}

/// Sizes that cannot fit are refused up front, through the binary.
@Suite struct SizeLimitTests {
  /// Once an abort ("failed to allocate") under a 6 GB address-space limit.
  @Test func theLargestSparseSetUnderAnAddressSpaceLimitIsRefused() throws {
    let run = try CLITests.run(
      "/bin/sh",
      [
        "-c", "ulimit -v 6000000 && \"$1\" -c 'load sparse n=100000000'", "sh",
        CLITests.binary.path,
      ])
    #expect(run.status == 1)
    #expect(
      run.errors.hasPrefix(
        "error: load sparse n=100000000 needs about 6.8 GB of memory, more than the "))
  }

  /// Once an abort: "failed to allocate 8000000000032 bytes".
  @Test func aSweepOfATrillionValuesIsRefused() throws {
    let run = try CLITests.adalab(["-c", "sweep eta 0.01..1 1e12"])
    #expect(run.status == 1)
    #expect(
      run.errors
        == "error: sweep tries at most 10000 values, found 1000000000000 (their runs would need at least 384 TB)\n"
    )
  }
}
