/// The names a trace's header may use: adalab's own (`w`, `v_b`, `m_hat_w[2]`), the notes'
/// listing spellings (`m_w_hat`), and the optimizer state names of PyTorch, optax and Keras,
/// so that a trace written straight from a library's state needs no renaming.
///
/// Library state is kept per parameter tensor; a trace of the neuron writes it for the flat
/// parameter vector θ = (w₁, …, w_d, b), so an index counts over θ from 1: on the toy set
/// (d = 1) `exp_avg[1]` is m of w and `exp_avg[2]` (or `exp_avg_2`) is m of b. A `_w` or
/// `_b` suffix (`exp_avg_sq_b`) names the part directly.
public enum TraceNames {
  /// Names of the update count: adalab's `t`, PyTorch's `step`, optax's `count`, Keras's
  /// `iterations`, and the usual `iter`, `iteration`, `epoch_step` is not one of them.
  public static let step = ["t", "step", "iter", "iteration", "iterations", "count"]

  /// What a piece of optimizer state holds, in adalab's terms.
  enum State {
    case parameter, gradient, m, v, vMax, u, mHat, vHat, rate

    /// The quantities of the weights and of the bias.
    var quantities: (weights: Quantity, bias: Quantity) {
      switch self {
      case .parameter: return (.w, .b)
      case .gradient: return (.dw, .db)
      case .m: return (.mW, .mB)
      case .v: return (.vW, .vB)
      case .vMax: return (.vmaxW, .vmaxB)
      case .u: return (.uW, .uB)
      case .mHat: return (.mHatW, .mHatB)
      case .vHat: return (.vHatW, .vHatB)
      case .rate: return (.lrW, .lrB)
      }
    }
  }

  /// A library's name for a piece of state: what it holds, the optimizer it belongs to
  /// when only one has it, and whether it lacks η (PyTorch's momentum buffer b = μ·b + g:
  /// adalab's u under pytorch and optax, u/η under the notes' velocity).
  struct LibraryName {
    var state: State
    var implies: Optimizer?
    var withoutLearningRate = false
  }

  /// PyTorch (`torch.optim` state), optax (`ScaleByAdamState` and friends), Keras
  /// (optimizer variables), and plain names for the flat parameter vector.
  static let library: [String: LibraryName] = [
    "exp_avg": LibraryName(state: .m),
    "exp_avg_sq": LibraryName(state: .v),
    "max_exp_avg_sq": LibraryName(state: .vMax, implies: .amsgrad),
    "exp_inf": LibraryName(state: .v, implies: .adamax),
    "square_avg": LibraryName(state: .v, implies: .rmsprop),
    "acc_delta": LibraryName(state: .u, implies: .adadelta),
    "sum": LibraryName(state: .v, implies: .adagrad),
    "momentum_buffer": LibraryName(
      state: .u, implies: .momentum, withoutLearningRate: true),
    "mu": LibraryName(state: .m),
    "nu": LibraryName(state: .v),
    "nu_max": LibraryName(state: .vMax, implies: .amsgrad),
    "momentums": LibraryName(state: .m),
    "velocities": LibraryName(state: .v),
    "theta": LibraryName(state: .parameter),
    "param": LibraryName(state: .parameter),
    "params": LibraryName(state: .parameter),
    "grad": LibraryName(state: .gradient),
    "m": LibraryName(state: .m),
    "v": LibraryName(state: .v),
    "vmax": LibraryName(state: .vMax),
    "u": LibraryName(state: .u),
    "m_hat": LibraryName(state: .mHat),
    "v_hat": LibraryName(state: .vHat),
    "lr": LibraryName(state: .rate),
  ]

  /// The notes' listing spellings of the bias-corrected moments.
  static let aliases = [
    "m_w_hat": "m_hat_w", "m_b_hat": "m_hat_b", "v_w_hat": "v_hat_w", "v_b_hat": "v_hat_b",
  ]

  /// Every spelling a header may use, for a did-you-mean.
  public static var all: [String] {
    step + Quantity.allCases.filter { $0 != .t }.map(\.rawValue) + aliases.keys.sorted()
      + library.keys.sorted()
  }

  /// The optimizers whose state a header's names imply (`max_exp_avg_sq` is AMSGrad's).
  static func impliedOptimizer(by names: [String]) -> Optimizer? {
    let implied = Set(names.compactMap { library[baseName($0)]?.implies })
    if implied.contains(.adadelta) { return .adadelta }
    return implied.count == 1 ? implied.first : nil
  }

  /// A library name without its index or `_w`/`_b` suffix.
  static func baseName(_ field: String) -> String {
    split(field.lowercased())?.base ?? field.lowercased()
  }

  /// Where an index or part suffix is: `exp_avg[2]`, `mu_1`, `exp_avg_sq_b`.
  enum Part: Equatable { case index(Int), weights, bias }

  /// Splits `name[j]`, `name_j`, `name_w`, `name_b` into the base and the part, when the
  /// base is a library name; nil otherwise.
  static func split(_ field: String) -> (base: String, part: Part?)? {
    if library[field] != nil { return (field, nil) }
    if let open = field.firstIndex(of: "["), field.hasSuffix("]") {
      let base = String(field[..<open])
      let inside = field[field.index(after: open)..<field.index(before: field.endIndex)]
      guard library[base] != nil, let j = Int(inside) else { return nil }
      return (base, .index(j))
    }
    guard let underscore = field.lastIndex(of: "_") else { return nil }
    let base = String(field[..<underscore])
    let tail = field[field.index(after: underscore)...]
    guard library[base] != nil else { return nil }
    if tail == "w" { return (base, .weights) }
    if tail == "b" { return (base, .bias) }
    if let j = Int(tail) { return (base, .index(j)) }
    return nil
  }
}
