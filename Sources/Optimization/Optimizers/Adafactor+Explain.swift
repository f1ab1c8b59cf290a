/// Adafactor's `explain` lines: each value from the functions ``update(_:_:)`` calls, in
/// its order, so that each equals the engine's. The tensor's lines (its scale and clip
/// factor) come with its first parameter.
extension Adafactor {
  /// β₂ₜ and ρₜ, shared by both tensors.
  static func explainShared(_ e: inout ExplanationBuilder) {
    let n = ExplanationBuilder.n
    let (h, t) = (e.h, e.s.t)
    let decay = Decay(h, t: t)
    let float32 = h.adafactorForm == .optax ? " (float32)" : ""
    e.add(
      "β₂ₜ", .beta2T, shared: true, "1 − tᶜ\(float32)", ["1 − ", n(t), "^", n(h.beta2Decay)],
      decay.beta2)
    if h.adafactorForm == .optax {
      e.add("ρₜ", nil, shared: true, "η (optax: no relative step 1/√t)", [], decay.rho)
    } else {
      e.add(
        "ρₜ", nil, shared: true, "min(η, 1/√t)", ["min(", n(h.learningRate), ", 1/√", n(t), ")"],
        decay.rho)
    }
  }

  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    let n = ExplanationBuilder.n
    let (h, x, p, g) = (e.h, e.suffix, e.parameterName, e.gradientName)
    let form = h.adafactorForm
    let decay = Decay(h, t: e.s.t)
    let isBias = e.quantity(.w, .b) == .b
    var tensor = isBias ? [before] : Array(e.coordinates[0..<e.dimension])
    let isFirst = isBias || e.index == 0
    let tensorName = isBias ? "b" : "w"
    let rms = tensor.withUnsafeMutableBufferPointer { rootMeanSquare($0, form) { $0.parameter } }
    let scale = Self.scale(rms, h)
    var parameter = before.parameter
    if form == .pytorch && h.weightDecay != 0 {
      parameter *= 1 - h.learningRate * h.weightDecay
      e.add(
        p + "·(1 − η·λ)", nil, "\(p)·(1 − η·λ) (pytorch: decay first)",
        [n(before.parameter), "·(1 − ", n(h.learningRate), "·", n(h.weightDecay), ")"], parameter)
    }
    let v = secondMoment(before.v, before.gradient, h, decay)
    if form == .pytorch {
      e.add(
        "v" + x, e.quantity(.vW, .vB),
        "v\(x) + (1 − β₂ₜ)·(\(g)² − v\(x)) (lerp, fused; unfactored)",
        [n(before.v), " + ", n(decay.weight), "·(", n(before.gradient), "² − ", n(before.v), ")"], v
      )
    } else {
      e.add(
        "v" + x, e.quantity(.vW, .vB), "β₂ₜ·v\(x) + (1 − β₂ₜ)·(\(g)² + ε₁) (unfactored)",
        [
          n(decay.beta2), "·", n(before.v), " + ", n(decay.weight), "·(", n(before.gradient),
          "² + ", n(h.epsilon), ")",
        ], v)
    }
    let u = scaled(before.gradient, v, h)
    e.add(
      "u" + x, nil, form == .pytorch ? "\(g)/√max(v\(x), ε₁²)" : "\(g)/√v\(x)",
      [n(before.gradient), "/√", n(v)], u)
    // The whole tensor's u, for its clip factor.
    for i in tensor.indices {
      tensor[i].vHat = scaled(
        tensor[i].gradient, secondMoment(tensor[i].v, tensor[i].gradient, h, decay), h)
    }
    let clip = tensor.withUnsafeMutableBufferPointer { Self.clip($0, h) }
    if isFirst {
      let rmsU = tensor.withUnsafeMutableBufferPointer { rootMeanSquare($0, form) { $0.vHat } }
      e.add(
        "clip_" + tensorName, isBias ? .clipB : .clipW, "max(1, RMS(u_\(tensorName))/d)",
        ["max(1, ", n(rmsU), "/", n(h.clipThreshold), ")"], clip)
    }
    let direction = clipped(u, clip, count: tensor.count, form)
    e.add(
      "m_hat" + x, e.quantity(.mHatW, .mHatB), "u\(x)/clip_\(tensorName)", [n(u), "/", n(clip)],
      direction)
    if isFirst {
      let float32 = form == .keras ? " (mean in float32)" : ""
      e.add(
        "scale_" + tensorName, isBias ? .scaleB : .scaleW, "max(ε₂, RMS(\(tensorName)))\(float32)",
        ["max(", n(h.epsilon2), ", ", n(rms), ")"], scale)
    }
    explainStep(
      &e, before, parameter: parameter, scale: scale, clip: clip, u: u, direction: direction, decay)
  }

  /// The rate and the parameter's new value (optax: its momentum and decay).
  private static func explainStep(
    _ e: inout ExplanationBuilder, _ before: Coordinate, parameter: Double, scale: Double,
    clip: Double, u: Double, direction: Double, _ decay: Decay
  ) {
    let n = ExplanationBuilder.n
    let (h, x, p) = (e.h, e.suffix, e.parameterName)
    let tensorName = e.quantity(.w, .b) == .b ? "b" : "w"
    let lr = e.quantity(.lrW, .lrB)
    switch h.adafactorForm {
    case .pytorch:
      let alpha = scale * decay.rho
      e.add("lr" + x, lr, "scale_\(tensorName)·ρₜ", [n(scale), "·", n(decay.rho)], alpha)
      e.add(
        p, e.quantity(.w, .b), "\(p) + (−lr\(x)/clip_\(tensorName))·u\(x) (fused)",
        [n(parameter), " + (−", n(alpha), "/", n(clip), ")·", n(u)],
        parameter.addingProduct(-alpha / clip, u))
    case .paper, .keras:
      let alpha = scale * decay.rho
      e.add("lr" + x, lr, "scale_\(tensorName)·ρₜ", [n(scale), "·", n(decay.rho)], alpha)
      e.add(
        p, e.quantity(.w, .b), "\(p) − lr\(x)·m_hat\(x)",
        [n(parameter), " − ", n(alpha), "·", n(direction)],
        parameter - alpha * direction)
    case .optax:
      let rate = h.learningRate * scale
      e.add("lr" + x, lr, "η·scale_\(tensorName)", [n(h.learningRate), "·", n(scale)], rate)
      var step = h.learningRate * direction * scale
      var name = "(η·m_hat\(x))·scale_\(tensorName)"
      if h.beta1 != 0 {
        let m = (1 - h.beta1) * step + h.beta1 * before.m
        e.add(
          "m" + x, e.quantity(.mW, .mB), "(1 − β₁)·\(name) + β₁·m\(x)",
          [n(1 - h.beta1), "·", n(step), " + ", n(h.beta1), "·", n(before.m)], m)
        (step, name) = (m, "m\(x)")
      }
      if h.weightDecay != 0 {
        e.add(
          p, e.quantity(.w, .b), "\(p) − (\(name) + λ·\(p))",
          [n(parameter), " − (", n(step), " + ", n(h.weightDecay), "·", n(parameter), ")"],
          parameter + -1 * (step + h.weightDecay * parameter))
      } else {
        e.add(
          p, e.quantity(.w, .b), "\(p) − \(name)", [n(parameter), " − ", n(step)],
          parameter + -1 * step)
      }
    }
  }
}
