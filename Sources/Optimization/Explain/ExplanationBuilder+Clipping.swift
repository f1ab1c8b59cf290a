/// The lines of the clipping stage (``Clipping``): the norms it reads, shared by every
/// parameter, then for each parameter ĝ from its gradient, each value computed by the
/// engine's own functions so that it equals the engine's bit for bit.
extension ExplanationBuilder {
  /// The shared lines of the clipping in force (c, the norms, the factor); returns the
  /// norms, or nil when clipping is off.
  mutating func explainClippingNorms(_ g: [Double], under convention: Convention)
    -> ClippingNorms?
  {
    let clipping = h.clipping
    guard let c = clipping.threshold else { return nil }
    let n = ExplanationBuilder.n
    let norms = clipping.norms(of: g, under: convention)
    let name = Setting.allCases.first { $0.clipping(c) == clipping }!.rawValue
    add("c", nil, shared: true, name, [], c)
    switch (clipping, convention) {
    case (.norm, _):
      add("‖dw‖", nil, shared: true, "√(Σ dw²)", [], norms.weights)
      add("‖db‖", nil, shared: true, "√(db²)", [], norms.bias)
    case (.blockRMS, _):
      add("rms(dw)", nil, shared: true, "√(mean of dw²)", [], norms.weights)
      add("rms(db)", nil, shared: true, "√(db²)", [], norms.bias)
    case (.globalNorm, .pytorch):
      add("‖g‖", nil, shared: true, "√(‖dw‖² + ‖db‖²)", [], norms.global)
      add(
        "clip_coef", nil, shared: true, "min(c/(‖g‖ + 10⁻⁶), 1)",
        ["min(", n(c), "/(", n(norms.global), " + 10⁻⁶), 1)"], norms.factor)
    case (.globalNorm, .keras):
      add("‖g‖", nil, shared: true, "√(Σ dw² + db²)", [], norms.global)
      add(
        "scale", nil, shared: true, "c·min(1/‖g‖, 1/c)",
        [n(c), "·min(1/", n(norms.global), ", 1/", n(c), ")"], norms.factor)
    case (.globalNorm, _):
      add("‖g‖", nil, shared: true, "√(db² + Σ dw²)", [], norms.global)
    default: break
    }
    return norms
  }

  /// The line ĝ of the current parameter, from its gradient `g`; returns ĝ.
  mutating func explainClipping(_ g: Double, _ norms: ClippingNorms, under convention: Convention)
    -> Double
  {
    let clipping = h.clipping
    let clipped = clipping.clip(g, norms, isBias: index == dimension, under: convention)
    let n = ExplanationBuilder.n
    let (d, c) = ("d" + parameterName, clipping.threshold ?? 0)
    let own = index == dimension ? norms.bias : norms.weights
    let (formula, pieces): (String, [Piece])
    switch (clipping, convention) {
    case (.off, _): return g
    case (.value, _):
      (formula, pieces) = (
        "min(max(\(d), −c), c)", ["min(max(", n(g), ", ", n(-c), "), ", n(c), ")"]
      )
    case (.norm, _):
      let norm = index == dimension ? "‖db‖" : "‖dw‖"
      (formula, pieces) = (
        "\(d)·c/max(\(norm), c)", [n(g), "·", n(c), "/max(", n(own), ", ", n(c), ")"]
      )
    case (.blockRMS, _):
      let rms = index == dimension ? "rms(db)" : "rms(dw)"
      (formula, pieces) = ("\(d)/max(1, \(rms)/c)", [n(g), "/max(1, ", n(own), "/", n(c), ")"])
    case (.globalNorm, .optax):
      formula = "\(d) if ‖g‖ < c, else (\(d)/‖g‖)·c"
      pieces =
        norms.global < c
        ? [n(g), " (", n(norms.global), " < ", n(c), ")"]
        : ["(", n(g), "/", n(norms.global), ")·", n(c)]
    case (.globalNorm, .pytorch):
      (formula, pieces) = ("\(d)·clip_coef", [n(g), "·", n(norms.factor)])
    case (.globalNorm, _):
      (formula, pieces) = ("\(d)·scale", [n(g), "·", n(norms.factor)])
    }
    add(gradientName, quantity(.gW, .gB), formula, pieces, clipped)
    return clipped
  }
}
