#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the equations of one update; each `add` records a value computed in the
/// engine's order of operations. The rules write their own lines
/// (``UpdateRule/explain(_:_:)``) with the pieces here that several of them share.
struct ExplanationBuilder {
  typealias Piece = ExplainedLine.Piece
  let h: Hyperparameters
  let s: StepContext
  /// The exponent of the bias corrections (t, or the epoch with `bias_power epoch`).
  let power: Int
  let dimension: Int
  var lines: [ExplainedLine] = []
  /// The parameter whose lines are being written (0-based, `dimension` is the bias).
  private(set) var index = 0
  /// Every parameter before the update, with the update's gradient: what a rule that reads
  /// a whole tensor (Adafactor's RMS) needs beside the current parameter.
  var coordinates: [Coordinate] = []

  init(h: Hyperparameters, s: StepContext, power: Int, dimension: Int) {
    self.h = h
    self.s = s
    self.power = power
    self.dimension = dimension
  }

  static func n(_ x: Double) -> Piece { .number(x) }

  /// A line of the current parameter, or with `shared` a number every parameter uses.
  mutating func add(
    _ name: String, _ quantity: Quantity?, shared: Bool = false, _ formula: String,
    _ pieces: [Piece], _ value: Double
  ) {
    lines.append(
      ExplainedLine(
        name: name, quantity: quantity, parameterIndex: shared ? nil : index, formula: formula,
        substituted: pieces, value: value))
  }

  /// Starts the lines of parameter `i` with its gradient `g`.
  mutating func begin(parameter i: Int, gradient g: Double, atLookahead: Bool) {
    index = i
    add(
      "d" + parameterName, quantity(.dw, .db),
      atLookahead
        ? "∂L/∂\(parameterName) at the look-ahead \(parameterName) − β·u\(suffix)"
        : "∂L/∂\(parameterName)", [], g)
  }

  // MARK: - Names of the current parameter

  private var isBias: Bool { index == dimension }
  /// `_b`, `_w` or `_w[2]`.
  var suffix: String {
    isBias ? "_b" : dimension == 1 ? "_w" : "_w[\(index + 1)]"
  }
  /// `b`, `w` or `w[2]`.
  var parameterName: String {
    isBias ? "b" : dimension == 1 ? "w" : "w[\(index + 1)]"
  }
  /// The gradient the rule reads: `db`, `dw` or `dw[2]`, or with clipping on the clipped
  /// `g_b`, `g_w` or `g_w[2]`.
  var gradientName: String { h.clipping.isOn ? "g" + suffix : "d" + parameterName }
  /// The gradient as the rule reads it: ``gradientName``, or with PyTorch's L2 term (after
  /// ``torchWeightDecay(_:)``'s line) `(db + λ·b)`.
  var ruleGradientName: String {
    h.takesL2 ? "(\(gradientName) + λ·\(parameterName))" : gradientName
  }
  /// The weights' quantity or the bias's, for the current parameter.
  func quantity(_ weight: Quantity, _ bias: Quantity) -> Quantity {
    isBias ? bias : weight
  }

  // MARK: - Lines several rules share

  /// The setting η, when it differs from `h`'s (which a schedule sets to its ηₜ for the
  /// rules that read η from `h`).
  var settingLearningRate: Double?

  /// The name of the update's η in a formula: `ηₜ` when it is not the setting η itself.
  var etaName: String {
    let setting = settingLearningRate ?? h.learningRate
    return s.learningRate != setting || h.learningRateDecay != 0 ? "ηₜ" : "η"
  }

  /// The line of ηₜ, the η the update used (``StepContext/learningRate``, as the state
  /// recorded it), whenever it is not the setting η: the formula of PyTorch AdaGrad's
  /// ηₜ = η/(1 + (t − 1)·lr_decay) when that gives it, else the value, marked `scheduled`.
  mutating func learningRate() {
    let eta = s.learningRate
    guard etaName == "ηₜ" else { return }
    let n = Self.n
    if h.learningRateDecay != 0, eta == h.learningRate / (1 + (s.t - 1) * h.learningRateDecay) {
      add(
        "ηₜ", .eta, shared: true, "η/(1 + (t − 1)·lr_decay)",
        [n(h.learningRate), "/(1 + (", n(s.t), " − 1)·", n(h.learningRateDecay), ")"], eta)
      return
    }
    add("ηₜ", .eta, shared: true, "", [], eta)
    lines[lines.count - 1].note = "scheduled"
  }

  /// θ − lr·g, the step of the rules whose direction is the gradient itself.
  mutating func step(_ p0: Double, rate: Double, gradient g: Double) {
    let n = Self.n
    let p = parameterName
    add(
      p, quantity(.w, .b), "\(p) − lr\(suffix)·\(ruleGradientName)",
      [n(p0), " − ", n(rate), "·", n(g)], p0 - rate * g)
  }

  /// θ − lr·m̂, the step of the Adam family.
  mutating func step(_ p0: Double, rate: Double, direction: Double) {
    let n = Self.n
    let x = suffix
    let p = parameterName
    add(
      p, quantity(.w, .b), "\(p) − lr\(x)·m_hat\(x)", [n(p0), " − ", n(rate), "·", n(direction)],
      p0 - rate * direction)
  }

  /// lr = η/(√v + ε) or η/√(v + ε), as the placement says (``StepContext/rate(_:over:)``);
  /// returns the rate. `etaName` is `η`, or `ηₜ` for a decayed η.
  mutating func rootRate(_ eta: Double, v: Double, name: String, etaName: String = "η")
    -> Double
  {
    let n = Self.n
    let x = suffix
    if h.epsilonPlacement == .inside {
      let rate = eta / (v + h.epsilon).squareRoot()
      add(
        "lr" + x, quantity(.lrW, .lrB), "\(etaName)/√(\(name) + ε)",
        [n(eta), "/√(", n(v), " + ", n(h.epsilon), ")"], rate)
      return rate
    }
    let rate = eta / (v.squareRoot() + h.epsilon)
    add(
      "lr" + x, quantity(.lrW, .lrB), "\(etaName)/(√\(name) + ε)",
      [n(eta), "/(√", n(v), " + ", n(h.epsilon), ")"], rate)
    return rate
  }
}
