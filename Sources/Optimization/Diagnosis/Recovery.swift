#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `diagnose` works out about the run that wrote a trace before it compares: the
/// hyperparameters, the batch and the start, so that a trace made with other settings than
/// the session's is compared with the run it came from, not with adalab's defaults.
///
/// With the moments in the trace the decays follow exactly. For a rule whose moment update
/// is m ← β₁·m + (1 − β₁)·g, consecutive rows give
///
///     β₁ = (mₜ − gₜ)/(mₜ₋₁ − gₜ)
///
/// with gₜ the gradient adalab computes at the row's parameters θₜ₋₁ (the batch decides which
/// points: the right batch is the one for which every row gives the same β₁), and likewise
/// β₂ from v and g². The step size follows from the parameter steps: every rule moves θ by η
/// times a direction that the state and ε determine, so ηₜ = (θₜ₋₁ − θₜ)/directionₜ(ε) is the
/// same at every row only for the right ε. Each known mistake is a different rule with its
/// own fit; the rule that fits best gives the numbers. Without the moments, a grid of
/// settings is replayed from the start instead (``Recovery/searchGrid``).
public struct Recovery: Sendable {
  /// One thing found, with where it came from and how well the rows agree on it.
  public struct Finding: Equatable, Sendable {
    /// The notes' symbol or word: η, β₁, β₂, β, ε, batch, start.
    public var name: String
    /// The value, as the setup now holds it.
    public var value: String
    /// Where it came from: "from m", "from the steps", "row t=0", "the session's".
    public var source: String
    /// The largest relative difference between the rows' own estimates, when measured.
    public var spread: Double?
  }

  /// How the settings were found.
  public enum Method: Equatable, Sendable {
    /// From the moments and steps, row by row.
    case exact
    /// By replaying a grid of settings; `fitting` of `tried` fit the first `rows` rows.
    case grid(tried: Int, fitting: Int, rows: Int)
    /// The trace has nothing to fit: the session's settings are used as they are.
    case none
  }

  /// The session's setup with the numbers, batch and start of the trace's run.
  public var setup: RunSetup
  /// The rule the numbers fit best: nil for adalab's own, else a mistake.
  public var rule: Mistake?
  public var findings: [Finding]
  public var method: Method
  /// For the grid: other settings that fit as well (a person should know the answer is not
  /// unique), as short descriptions.
  public var alternatives: [String] = []

  /// The most row pairs the exact fit reads (the first ones).
  static let pairLimit = 64

  /// Finds the settings of the run that wrote `trace`, starting from the session's `setup`.
  public static func recover(
    _ trace: Trace, setup: RunSetup, isCancelled: () -> Bool = { false }
  ) -> Recovery {
    var base = setup
    if let implied = trace.impliedOptimizer, implied != setup.optimizer {
      base.optimizer = implied
      base.hyperparameters = .defaults(for: implied, convention: setup.convention)
    }
    let state = TraceState(trace, dimension: setup.dataset.dimension)
    var findings: [Finding] = []
    var startKnown = false
    if state.hasParameters, state.ts.first == 0 {
      base.start = state.parameters[0]!
      startKnown = true
    }
    let batches = candidateBatches(for: base)
    // A fit whose rows disagree beyond 10⁻³ is no fit: replay a grid instead.
    if state.hasParameters, let fit = bestExactFit(state, base: base, batches: batches),
      fit.eta != nil, fit.score < 1e-3
    {
      var recovered = fit.apply(to: base)
      findings += fit.findings(for: base)
      if startKnown {
        findings.append(Finding(name: "start", value: "", source: "row t=0", spread: nil))
      } else if let derived = fit.derivedStart(state, setup: recovered) {
        // The session's start wins when it replays the first row at least as well: a
        // fault in the first step itself would otherwise move the derived start.
        let session = fit.firstRowGap(from: base.start, state, setup: recovered)
        if session <= derived.gap {
          findings.append(
            Finding(name: "start", value: "", source: "the session's", spread: session))
        } else {
          recovered.start = derived.start
          findings.append(
            Finding(
              name: "start", value: "", source: "row t=1 and its update", spread: derived.gap))
        }
      } else {
        findings.append(
          Finding(name: "start", value: "", source: "the session's", spread: nil))
      }
      return Recovery(setup: recovered, rule: fit.variant, findings: findings, method: .exact)
    }
    if state.hasParameters {
      return searchGrid(
        trace, base: base, batches: batches, startKnown: startKnown, isCancelled: isCancelled)
    }
    return Recovery(setup: base, rule: nil, findings: [], method: .none)
  }

  /// The batch sizes worth trying: the session's, the full batch, and one point at a time.
  static func candidateBatches(for setup: RunSetup) -> [BatchSize] {
    var batches = [setup.training.batch]
    for batch in [BatchSize.full, .points(1)] where !batches.contains(batch) {
      if setup.dataset.count > 1 || batch == .full { batches.append(batch) }
    }
    return batches
  }

  /// Every rule × batch fitted; the best, preferring adalab's rule and the session's batch
  /// when they fit as well as anything.
  static func bestExactFit(_ state: TraceState, base: RunSetup, batches: [BatchSize])
    -> ExactFit?
  {
    guard ExactFit.isSupported(base.optimizer) else { return nil }
    var variants: [Mistake?] = [nil]
    for mistake in Mistake.candidates(for: base) {
      switch mistake {
      case .convention(_, defaults: true), .gradientsAccumulated, .stepCountFromZero: continue
      default: variants.append(mistake)
      }
    }
    var best: ExactFit?
    for batch in batches {
      let gradients = ExactFit.gradients(state, setup: base, batch: batch)
      for variant in variants {
        guard
          let fit = ExactFit(
            state, base: base, batch: batch, variant: variant, gradients: gradients),
          fit.eta != nil
        else { continue }
        // A later rule or batch must fit clearly better than one that already fits.
        if best == nil || best!.score > 1e-12 && fit.score < best!.score * 0.5 {
          best = fit
        }
      }
    }
    return best
  }

  /// `x` with the fewest significant digits that stay within `tolerance` of it (relative):
  /// 0.8999999999999997 is 0.9.
  static func rounded(_ x: Double, within tolerance: Double) -> Double {
    guard x.isFinite, x != 0 else { return x }
    let exponent = Int((log10(abs(x))).rounded(.down))
    for digits in 1...15 {
      let power = digits - 1 - exponent
      guard abs(power) <= 22 else { break }
      // Powers of ten up to 10²² are exact, so one rounding step at the end.
      let scale = pow(10, Double(abs(power)))
      let r = power >= 0 ? (x * scale).rounded() / scale : (x / scale).rounded() * scale
      if abs(r - x) <= tolerance * abs(x) { return r }
    }
    return x
  }

  /// A number in its shortest round-trip form, without a trailing `.0` or exponent zero:
  /// `-2`, `0.001`, `1e-8`.
  public static func exact(_ x: Double) -> String {
    var text = "\(x)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    var bytes = Array(text.utf8)
    // Swift writes two exponent digits (1e-08); one is enough and reads back the same.
    if let e = bytes.firstIndex(of: UInt8(ascii: "e")), e + 3 < bytes.count,
      bytes[e + 1] == UInt8(ascii: "-"), bytes[e + 2] == UInt8(ascii: "0")
    {
      bytes.remove(at: e + 2)
      text = String(decoding: bytes, as: UTF8.self)
    }
    return text
  }

  /// A number to two significant digits, for ranges: `0.00032`, `1e-7`.
  static func short(_ x: Double) -> String {
    exact(rounded(x, within: 0.05))
  }
}
