/// RMSProp's `explain` lines: each value computed as ``RMSProp/apply(_:_:)`` computes it, so
/// that it equals the engine's bit for bit, with a line for every option that is on.
extension RMSProp {
  /// 1 − βᵗ, with optax's bias correction.
  static func explainShared(_ e: inout ExplanationBuilder) {
    guard e.h.biasCorrection else { return }
    let n = ExplanationBuilder.n
    let (beta, t) = (e.h.beta, e.s.t)
    e.add(
      "1 − βᵗ", nil, shared: true, "", ["1 − ", n(beta), "^", n(t)],
      biasCorrection(e.h, t: t))
  }

  static func explain(_ e: inout ExplanationBuilder, _ original: Coordinate) {
    let n = ExplanationBuilder.n
    let (x, p, h) = (e.suffix, e.parameterName, e.h)
    let before = e.torchWeightDecay(original)
    let g = before.gradient
    let gName = e.ruleGradientName
    let v = before.v.averagedSquare(of: g, decay: h.beta, squaringFirst: h.powersBySquaring)
    e.add(
      "v" + x, e.quantity(.vW, .vB), "β·v\(x) + (1 − β)·\(gName)²",
      [n(h.beta), "·", n(before.v), " + ", n(1 - h.beta), "·", n(g), "²"], v)
    var root = v
    var rootName = "v" + x
    var correction = 1.0
    if h.biasCorrection {
      correction = biasCorrection(h, t: e.s.t)
      root = v / correction
      rootName = "v_hat" + x
      e.add(
        "v_hat" + x, e.quantity(.vHatW, .vHatB), "v\(x)/(1 − βᵗ)", [n(v), "/", n(correction)], root)
    }
    if h.centered {
      let m0 = before.m
      let m = m0.averaged(with: g, decay: h.beta, lerp: h.lerpsMean)
      if h.lerpsMean {
        e.add(
          "m" + x, e.quantity(.mW, .mB), "m\(x) + (1 − β)·(\(gName) − m\(x))",
          [n(m0), " + ", n(1 - h.beta), "·(", n(g), " − ", n(m0), ")"], m)
      } else {
        e.add(
          "m" + x, e.quantity(.mW, .mB), "β·m\(x) + (1 − β)·\(gName)",
          [n(h.beta), "·", n(m0), " + ", n(1 - h.beta), "·", n(g)], m)
      }
      let mean = m / correction
      let meanName = h.biasCorrection ? "m\(x)/(1 − βᵗ)" : "m\(x)"
      if h.biasCorrection {
        e.add("m" + x + "/(1 − βᵗ)", nil, "", [n(m), "/", n(correction)], mean)
      }
      let variance = root - mean * mean
      e.add(
        "variance" + x, nil, "\(rootName) − (\(meanName))²", [n(root), " − ", n(mean), "²"],
        variance)
      root = variance
      rootName = "variance" + x
    }
    let rate = e.rootRate(e.s.learningRate, v: root, name: rootName)
    guard h.momentum != 0 else {
      e.step(before.parameter, rate: rate, gradient: g)
      return
    }
    let u0 = before.u
    if h.momentumForm == .pytorchBuffer {
      let avg = h.rmsDenominator(of: root)
      let u = h.momentum * u0 + g / avg
      let denominator =
        h.epsilonPlacement == .inside ? "√(\(rootName) + ε)" : "(√\(rootName) + ε)"
      e.add(
        "u" + x, e.quantity(.uW, .uB), "μ·u\(x) + \(gName)/\(denominator)",
        [n(h.momentum), "·", n(u0), " + ", n(g), "/", n(avg)], u)
      let eta = e.s.learningRate
      e.add(
        p, e.quantity(.w, .b), "\(p) − η·u\(x)", [n(before.parameter), " − ", n(eta), "·", n(u)],
        before.parameter.addingProduct(-eta, u))
      return
    }
    let u = h.momentum * u0 + rate * g
    e.add(
      "u" + x, e.quantity(.uW, .uB), "μ·u\(x) + lr\(x)·\(gName)",
      [n(h.momentum), "·", n(u0), " + ", n(rate), "·", n(g)], u)
    guard h.nesterov else {
      e.add(
        p, e.quantity(.w, .b), "\(p) − u\(x)", [n(before.parameter), " − ", n(u)],
        before.parameter - u)
      return
    }
    let step = rate * g + h.momentum * u
    e.add(
      "step" + x, nil, "lr\(x)·\(gName) + μ·u\(x)",
      [n(rate), "·", n(g), " + ", n(h.momentum), "·", n(u)], step)
    e.add(
      p, e.quantity(.w, .b), "\(p) − step\(x)", [n(before.parameter), " − ", n(step)],
      before.parameter - step)
  }

  /// The line v = β·v + (1 − β)·g², shared with ``AdaDelta``; returns v.
  static func explainAverage(_ e: inout ExplanationBuilder, _ before: Coordinate) -> Double {
    let n = ExplanationBuilder.n
    let (x, h, g, v0) = (e.suffix, e.h, before.gradient, before.v)
    let v = h.beta * v0 + (1 - h.beta) * g * g
    let gName = e.ruleGradientName
    e.add(
      "v" + x, e.quantity(.vW, .vB), "β·v\(x) + (1 − β)·\(gName)²",
      [n(h.beta), "·", n(v0), " + ", n(1 - h.beta), "·", n(g), "²"], v)
    return v
  }
}
