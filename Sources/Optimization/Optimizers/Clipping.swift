/// Gradient clipping: a stage between the loss's gradient g = (dw, db) and the rule, which
/// then reads the clipped gradient ĝ = (g_w, g_b) in place of g.
///
/// Every library clips before its rule, so a rule's L2 term (PyTorch's g + λ·w) is added to
/// ĝ, and Keras's decoupled decay shrinks w beside it. As in the libraries' own runs of
/// adalab's neuron, w (d entries) and b are two separate parameters ("variables",
/// "params"): a per-parameter norm is ‖dw‖ for w and |db| for b, and the global norm is
/// ‖g‖ = √(‖dw‖² + db²). With threshold c, each library computes, in this order:
///
/// - ``value(_:)``: ĝᵢ = min(max(gᵢ, −c), c) (Keras `clipvalue`, `optax.clip`,
///   `torch.nn.utils.clip_grad_value_`);
/// - ``norm(_:)``, Keras `clipnorm`: ĝ = (g·c)/max(‖g_p‖, c) for each parameter p;
/// - ``globalNorm(_:)``: Keras `global_clipnorm`, ĝ = g·(c·min(1/‖g‖, 1/c));
///   `optax.clip_by_global_norm`, ĝ = g if ‖g‖ < c, else (g/‖g‖)·c;
///   `torch.nn.utils.clip_grad_norm_`, ĝ = g·min(c/(‖g‖ + 10⁻⁶), 1) with ‖g‖ the norm of
///   the parameters' norms;
/// - ``blockRMS(_:)``, `optax.clip_by_block_rms`: ĝ = g/max(1, rms(g_p)/c) for each
///   parameter p, rms = √(mean of g_p²).
///
/// Keras has no block RMS, optax and PyTorch no per-parameter norm, and the notes no
/// clipping at all: those conventions refuse the form (``missing(under:)``).
public enum Clipping: Equatable, Sendable {
  /// The gradient as it is (the default).
  case off
  /// Each coordinate clamped to [−c, c].
  case value(Double)
  /// Each parameter scaled so that its norm is at most c.
  case norm(Double)
  /// The whole gradient scaled so that its norm is at most c.
  case globalNorm(Double)
  /// Each parameter scaled so that its root mean square is at most c.
  case blockRMS(Double)

  /// Whether the gradient is changed at all.
  public var isOn: Bool {
    if case .off = self { return false }
    return true
  }

  /// The threshold c, or nil when off.
  public var threshold: Double? {
    switch self {
    case .off: return nil
    case .value(let c), .norm(let c), .globalNorm(let c), .blockRMS(let c): return c
    }
  }

  /// Why the convention's library has no such clipping, or nil when it has.
  public func missing(under convention: Convention) -> String? {
    switch (self, convention) {
    case (.off, _): return nil
    case (_, .lecture):
      return "the notes do not clip gradients; use a library convention (keras, optax, pytorch)"
    case (.norm, .optax):
      return
        "optax clips each parameter only by its rms (clip_by_block_rms); use clip_by_block_rms or global_clipnorm"
    case (.norm, .pytorch):
      return
        "pytorch's clip_grad_norm_ clips the norm of all parameters together; use global_clipnorm"
    case (.blockRMS, .keras):
      return "keras clips each variable by its norm (clipnorm), not by its rms"
    case (.blockRMS, .pytorch):
      return "pytorch has no per-parameter rms clipping; use global_clipnorm or clipvalue"
    default: return nil
    }
  }
}

/// The numbers a clipping computes once per update from the whole gradient.
struct ClippingNorms {
  /// ‖dw‖ (per parameter: Keras's and optax's rms use the weights' own).
  var weights: Double
  /// |db|, or its rms.
  var bias: Double
  /// The global norm ‖g‖.
  var global: Double
  /// The factor every coordinate is multiplied by (Keras's scale, PyTorch's clip_coef).
  var factor: Double
}

extension Clipping {
  /// ĝ from g (w's d entries, then b) into `out`, under the convention's formula.
  func clip(_ g: [Double], into out: inout [Double], under convention: Convention) {
    let norms = self.norms(of: g, under: convention)
    let d = g.count - 1
    for i in 0..<g.count {
      out[i] = clip(g[i], norms, isBias: i == d, under: convention)
    }
  }

  /// The norms of g the formula reads, each as its library computes it.
  func norms(of g: [Double], under convention: Convention) -> ClippingNorms {
    let d = g.count - 1
    var squares = 0.0
    for i in 0..<d { squares += g[i] * g[i] }
    let bias = g[d] * g[d]
    var n = ClippingNorms(weights: 0, bias: 0, global: 0, factor: 1)
    switch (self, convention) {
    case (.norm, _):
      // keras: l2sum > 0 ? √l2sum : l2sum.
      n.weights = squares > 0 ? squares.squareRoot() : squares
      n.bias = bias > 0 ? bias.squareRoot() : bias
    case (.blockRMS, _):
      n.weights = (squares / Double(d)).squareRoot()
      n.bias = bias.squareRoot()
    case (.globalNorm(let c), .pytorch):
      // The norm of the per-parameter norms (torch._foreach_norm, then vector_norm).
      let (w, b) = (squares.squareRoot(), bias.squareRoot())
      n.weights = w
      n.bias = b
      n.global = (w * w + b * b).squareRoot()
      n.factor = Swift.min(c / (n.global + 1e-6), 1)
    case (.globalNorm(let c), .keras):
      n.global = (squares + bias).squareRoot()
      // c·min(1/‖g‖, 1/c), plus ‖g‖ − ‖g‖ (0, or NaN for a non-finite norm).
      n.factor = c * Swift.min(1 / n.global, 1 / c) + (n.global - n.global)
    case (.globalNorm, _):
      n.global = (bias + squares).squareRoot()
    default: break
    }
    return n
  }

  /// ĝᵢ for one coordinate gᵢ, given the norms of the whole gradient.
  @inline(__always)
  func clip(_ g: Double, _ n: ClippingNorms, isBias: Bool, under convention: Convention)
    -> Double
  {
    switch (self, convention) {
    case (.off, _): return g
    case (.value(let c), _): return Swift.min(Swift.max(g, -c), c)
    case (.norm(let c), _): return (g * c) / Swift.max(isBias ? n.bias : n.weights, c)
    case (.blockRMS(let c), _): return g / Swift.max(1, (isBias ? n.bias : n.weights) / c)
    case (.globalNorm(let c), .optax): return n.global < c ? g : (g / n.global) * c
    case (.globalNorm, _): return g * n.factor
    }
  }
}

extension RunSetup {
  /// g_w or g_b: the clipped gradient ĝ the rule read in the update that produced `state`,
  /// recomputed from the loss's gradient the state keeps (the same function, so the same
  /// bits as the update's).
  func clippedGradient(_ quantity: Quantity, of state: OptimizerState) -> QuantityValue {
    var g = state.gradient
    hyperparameters.clipping.clip(state.gradient, into: &g, under: convention)
    let d = g.count - 1
    return quantity == .gB ? .scalar(g[d]) : .vector(Array(g[0..<d]))
  }
}
