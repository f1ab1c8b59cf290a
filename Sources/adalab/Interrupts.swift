import CEditLine
import Glibc
import Synchronization

/// The signals the shell turns into requests instead of letting them kill the process.
///
/// - `SIGINT` (Ctrl-C) sets ``isRequested``. At the prompt the line editor turns that into
///   ``LineInput/interrupted`` (the line is dropped, a fresh prompt follows); during a long
///   computation the interpreter polls ``isRequested`` between optimizer steps, stops early, and
///   calls ``clear()``. The shell never dies of Ctrl-C, however often it is pressed.
/// - `SIGTERM` and `SIGHUP` record ``terminationSignal`` and also set ``isRequested`` so that a
///   running computation stops; the prompt then reports end of input and the host saves the
///   history and exits. Nothing but the atomic stores happens inside the handler.
/// - `SIGWINCH` sets ``takeResize()``'s flag: the line editor's character reader resizes libedit
///   when a read is interrupted by it (libedit's own `EL_SIGNAL` handlers are off: they re-send
///   every signal to the whole process group with `kill(0, …)`).
/// - At the prompt the handlers are installed without `SA_RESTART` (``atPrompt(_:)``), so that a
///   signal interrupts the blocked `read` and the line editor can act on it at once.
///
/// The flags are `Synchronization.Atomic` values: lock-free, so storing to them from a signal
/// handler is safe. (A `static` variable in the C shim would not do: every Swift object file that
/// includes the header gets its own copy.)
final class Interrupts: Sendable {
  /// The one instance, shared by the signal handlers and the code that polls them.
  static let shared = Interrupts()

  private let interruptRequested = Atomic<Bool>(false)
  private let pendingTermination = Atomic<Int32>(0)
  private let installed = Atomic<Bool>(false)
  private let resized = Atomic<Bool>(false)

  private init() {}

  /// True once Ctrl-C (or a termination signal) has arrived since the last ``clear()``.
  var isRequested: Bool { interruptRequested.load(ordering: .sequentiallyConsistent) }

  /// Forgets a Ctrl-C that has been acted on.
  func clear() { interruptRequested.store(false, ordering: .sequentiallyConsistent) }

  /// `SIGTERM` or `SIGHUP` if one has arrived: the host should save its state and exit.
  var terminationSignal: Int32? {
    let signal = pendingTermination.load(ordering: .sequentiallyConsistent)
    return signal == 0 ? nil : signal
  }

  /// True once after the window changed size (`SIGWINCH`).
  func takeResize() -> Bool { resized.exchange(false, ordering: .sequentiallyConsistent) }

  /// Re-installs the handlers so that a signal interrupts a blocked read (`prompt` true, while
  /// the line editor waits for a key) or restarts it (false, the rest of the time).
  func atPrompt(_ prompt: Bool) {
    let restart: Int32 = prompt ? 0 : 1
    _ = adalab_install_signal_handler(SIGINT, { _ in Interrupts.shared.recordInterrupt() }, restart)
    _ = adalab_install_signal_handler(
      SIGWINCH, { _ in Interrupts.shared.recordResize() }, restart)
  }

  /// Installs the handlers (once; later calls do nothing).
  ///
  /// `SIGINT` uses `SA_RESTART`, so a Ctrl-C during a computation does not make file writes fail
  /// with `EINTR`; the prompt is still interrupted, because libedit's own handler (installed
  /// without `SA_RESTART` while `el_gets` reads) is the one that interrupts its `read`.
  /// `SIGTERM` and `SIGHUP` do interrupt slow calls, so that a blocked read gives up.
  func install() {
    guard !installed.exchange(true, ordering: .sequentiallyConsistent) else { return }
    // The handlers run on whatever thread the kernel picks. They reach `shared`, which is
    // initialised before this method can run, and perform atomic stores: nothing else.
    atPrompt(false)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { _ = adalab_unblock_signal(signal) }
    for signal in [SIGTERM, SIGHUP] {
      _ = adalab_install_signal_handler(
        signal, { signal in Interrupts.shared.recordTermination(signal) }, 0)
    }
  }

  private func recordResize() {
    resized.store(true, ordering: .sequentiallyConsistent)
  }

  private func recordInterrupt() {
    interruptRequested.store(true, ordering: .sequentiallyConsistent)
  }

  private func recordTermination(_ signal: Int32) {
    pendingTermination.store(signal, ordering: .sequentiallyConsistent)
    interruptRequested.store(true, ordering: .sequentiallyConsistent)
  }
}
