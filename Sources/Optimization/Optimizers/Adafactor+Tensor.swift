#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One Adafactor update of one tensor (the weights w, or the bias b), in the operations of
/// the convention's library (``AdafactorForm``), so that each one's numbers match at 1e-12.
extension Adafactor {
  /// The numbers one update shares by all tensors.
  struct Decay {
    /// β₂ₜ = 1 − tᶜ (optax: in float32).
    var beta2: Double
    /// 1 − β₂ₜ as the library uses it (PyTorch: tᶜ itself; optax: in float32).
    var weight: Double
    /// ρₜ = min(η, 1/√t) (optax: η).
    var rho: Double

    init(_ h: Hyperparameters, t: Double) {
      switch h.adafactorForm {
      case .pytorch:
        weight = pow(t, h.beta2Decay)
        beta2 = 1 - weight
        rho = min(h.learningRate, 1 / pow(t, 0.5))
      case .paper, .keras:
        beta2 = 1 - pow(t, h.beta2Decay)
        weight = 1 - beta2
        rho = min(h.learningRate, 1 / t.squareRoot())
      case .optax:
        let beta2 = 1 - powf(Float(t), Float(h.beta2Decay))
        self.beta2 = Double(beta2)
        weight = Double(1 - beta2)
        rho = h.learningRate
      }
    }
  }

  /// RMS(x) = √(Σx²/n) in the library's precision and order: the sum from the first
  /// element on, float32 under Keras (its mean of a float64 tensor is computed in float32);
  /// PyTorch's ‖x‖/√n.
  static func rootMeanSquare(
    _ x: UnsafeMutableBufferPointer<Coordinate>, _ form: AdafactorForm,
    _ value: (Coordinate) -> Double
  ) -> Double {
    let n = Double(x.count)
    switch form {
    case .keras:
      var sum: Float = 0
      for c in x {
        let v = value(c)
        sum += Float(v * v)
      }
      return Double(sum / Float(x.count)).squareRoot()
    case .pytorch:
      var sum = 0.0
      for c in x {
        let v = value(c)
        sum += v * v
      }
      return sum.squareRoot() / pow(n, 0.5)
    case .paper, .optax:
      var sum = 0.0
      for c in x {
        let v = value(c)
        sum += v * v
      }
      return (sum / n).squareRoot()
    }
  }

  /// max(ε₂, RMS(w)): the parameter scale (optax: ε₂ when RMS(w) ≤ ε₂).
  static func scale(_ rms: Double, _ h: Hyperparameters) -> Double {
    h.adafactorForm == .optax ? (rms <= h.epsilon2 ? h.epsilon2 : rms) : max(h.epsilon2, rms)
  }

  /// v after the update, from v before and g.
  @inline(__always)
  static func secondMoment(_ v: Double, _ g: Double, _ h: Hyperparameters, _ decay: Decay) -> Double
  {
    switch h.adafactorForm {
    case .pytorch:
      // Tensor.lerp_(g², w): v + w·(g² − v) below w = ½, g² − (g² − v)·(1 − w) above, fused.
      let square = g * g
      return abs(decay.weight) < 0.5
        ? v.addingProduct(decay.weight, square - v)
        : square.addingProduct(-(square - v), 1 - decay.weight)
    case .paper, .keras, .optax:
      return decay.beta2 * v + decay.weight * (g * g + h.epsilon)
    }
  }

  /// u = g/√v (PyTorch: g/√max(v, ε₁²) as (1/√·)·g; optax: g·v^(−½)).
  @inline(__always)
  static func scaled(_ g: Double, _ v: Double, _ h: Hyperparameters) -> Double {
    switch h.adafactorForm {
    case .pytorch: return (1 / max(v, h.epsilon * h.epsilon).squareRoot()) * g
    case .paper, .keras: return g / v.squareRoot()
    case .optax: return g * pow(v, -0.5)
    }
  }

  /// d_t = max(1, RMS(u)/d), with `rms` = RMS(u) (PyTorch: ‖u‖/(√n·d)).
  static func clip(_ u: UnsafeMutableBufferPointer<Coordinate>, _ h: Hyperparameters) -> Double {
    if h.adafactorForm == .pytorch {
      var sum = 0.0
      for c in u { sum += c.vHat * c.vHat }
      return max(1, sum.squareRoot() / (pow(Double(u.count), 0.5) * h.clipThreshold))
    }
    return max(1, rootMeanSquare(u, h.adafactorForm) { $0.vHat } / h.clipThreshold)
  }

  /// One update of `old` into `new` a tensor at a time, w₁…w_d one tensor and b another, with
  /// the update's gradient already in `new.gradient`; returns whether every value written is
  /// finite. The run's general update calls it for every update (``Run/takeGeneralUpdates(_:_:)``).
  static func updateCoordinates(
    _ old: StateBuffers, into new: StateBuffers, _ s: StepContext
  ) -> Bool {
    let d = old.count - 1
    var coordinates = (0...d).map { i in old.coordinate(i, gradient: new.gradient[i]) }
    coordinates.withUnsafeMutableBufferPointer { all in
      update(UnsafeMutableBufferPointer(rebasing: all[0..<d]), s)
      update(UnsafeMutableBufferPointer(rebasing: all[d...]), s)
    }
    var finite = true
    for (i, c) in coordinates.enumerated() {
      new.store(c, at: i)
      finite = finite && c.isFinite
    }
    return finite
  }

  /// ``updateCoordinates(_:into:_:)`` on whole states (``MistakeRun``'s replay).
  static func update(
    tensorsOf new: inout OptimizerState, from old: OptimizerState, _ s: StepContext
  ) -> Bool {
    old.withBuffersForReading { old in
      new.withMutableBuffers { new in updateCoordinates(old, into: new, s) }
    }
  }

  /// û = u/d_t. Keras and optax divide a tensor of two or more by a scalar as XLA on the
  /// CPU does, u·(1/d_t), which is not always the correctly rounded u/d_t.
  @inline(__always)
  static func clipped(_ u: Double, _ clip: Double, count: Int, _ form: AdafactorForm) -> Double {
    count > 1 && (form == .keras || form == .optax) ? u * (1 / clip) : u / clip
  }

  /// Updates every coordinate of one tensor in place: reads θ, g, v, m; writes θ, v, m,
  /// m̂ = û, the rate α (optax: η·scale), and the tensor's shared numbers, kept in v̂ (β₂ₜ),
  /// u (the scale) and vmax (d_t).
  static func update(_ x: UnsafeMutableBufferPointer<Coordinate>, _ s: StepContext) {
    let h = s.h
    let form = h.adafactorForm
    let decay = Decay(h, t: s.t)
    let scale = scale(rootMeanSquare(x, form) { $0.parameter }, h)
    let alpha = scale * decay.rho
    // u is held in v̂ until d_t is known.
    for i in x.indices {
      if form == .pytorch && h.weightDecay != 0 {
        x[i].parameter *= 1 - h.learningRate * h.weightDecay
      }
      x[i].v = secondMoment(x[i].v, x[i].gradient, h, decay)
      x[i].vHat = scaled(x[i].gradient, x[i].v, h)
    }
    let clip = clip(x, h)
    for i in x.indices {
      let u = x[i].vHat
      x[i].mHat = clipped(u, clip, count: x.count, form)
      switch form {
      case .pytorch:
        x[i].parameter = x[i].parameter.addingProduct(-alpha / clip, u)
        x[i].rate = alpha
      case .paper, .keras:
        x[i].parameter -= alpha * x[i].mHat
        x[i].rate = alpha
      case .optax:
        var step = h.learningRate * x[i].mHat * scale
        if h.beta1 != 0 {
          x[i].m = (1 - h.beta1) * step + h.beta1 * x[i].m
          step = x[i].m
        }
        if h.weightDecay != 0 { step += h.weightDecay * x[i].parameter }
        x[i].parameter += -1 * step
        x[i].rate = h.learningRate * scale
      }
      (x[i].vHat, x[i].u, x[i].vMax) = (decay.beta2, scale, clip)
    }
  }
}
