extension Session {
  /// The last update written out equation by equation with its numbers: the state before it
  /// is recomputed exactly (``state(at:)``), and each equation is evaluated again from that
  /// state and the hyperparameters, in the engine's order, so every value equals the engine's.
  /// Nil at t = 0.
  public func explainLastUpdate() -> UpdateExplanation? {
    guard t > 0 else { return nil }
    let previous = state(at: t - 1)
    let h = setup.hyperparameters
    let epochIndex = run.epochIndex(ofUpdate: t)
    let power = h.biasPower == .epoch ? epochIndex + 1 : t
    let context = StepContext(
      h: h, t: t, biasPowerT: power, previousMomentumProduct: previous.momentumProduct)
    var builder = ExplanationBuilder(
      optimizer: setup.optimizer, h: h, s: context, power: power,
      dimension: setup.dataset.dimension)
    builder.shared()
    for i in 0..<previous.parameterCount {
      builder.coordinate(i, before: previous, gradient: state.gradient[i])
    }
    return UpdateExplanation(t: t, biasPower: power, lines: builder.lines)
  }
}

/// Writes the equations of one update; each `add` records a value computed in the
/// engine's order of operations.
struct ExplanationBuilder {
  typealias Piece = ExplainedLine.Piece
  let optimizer: Optimizer
  let h: Hyperparameters
  let s: StepContext
  let power: Int
  let dimension: Int
  var lines: [ExplainedLine] = []
  private var index = 0

  init(optimizer: Optimizer, h: Hyperparameters, s: StepContext, power: Int, dimension: Int) {
    self.optimizer = optimizer
    self.h = h
    self.s = s
    self.power = power
    self.dimension = dimension
  }

  private static func n(_ x: Double) -> Piece { .number(x) }

  private mutating func add(
    _ name: String, _ quantity: Quantity?, shared: Bool = false, _ formula: String,
    _ pieces: [Piece], _ value: Double
  ) {
    lines.append(
      ExplainedLine(
        name: name, quantity: quantity, parameterIndex: shared ? nil : index, formula: formula,
        substituted: pieces, value: value))
  }

  /// `η` or, with a decay, `ηₜ`.
  private var eta: String { h.learningRateDecay != 0 && optimizer == .adagrad ? "ηₜ" : "η" }
  private var usesCorrection: Bool {
    optimizer.isAdamFamily && h.biasCorrection
  }

  /// The numbers every parameter shares: ηₜ, 1 − β₁ᵗ, 1 − β₂ᵗ, NAdam's μ.
  mutating func shared() {
    let n = Self.n
    if optimizer == .adagrad && h.learningRateDecay != 0 {
      let value = h.learningRate / (1 + (s.t - 1) * h.learningRateDecay)
      add(
        "ηₜ", nil, shared: true, "η/(1 + (t − 1)·lr_decay)",
        [n(h.learningRate), "/(1 + (", n(s.t), " − 1)·", n(h.learningRateDecay), ")"], value)
    }
    guard optimizer.isAdamFamily else { return }
    let p = Double(power)
    if usesCorrection {
      add("1 − β₁ᵗ", nil, shared: true, "", ["1 − ", n(h.beta1), "^", n(p)], 1 - pow(h.beta1, p))
      if optimizer != .adamax {
        add(
          "1 − β₂ᵗ", nil, shared: true, "", ["1 − ", n(h.beta2), "^", n(p)], 1 - pow(h.beta2, p))
      }
      if optimizer == .nadam && h.nadamForm == .optax {
        add(
          "1 − β₁ᵗ⁺¹", nil, shared: true, "", ["1 − ", n(h.beta1), "^", n(p + 1)],
          1 - pow(h.beta1, p + 1))
      }
    }
    if optimizer == .nadam && h.nadamForm == .schedule {
      let psi = h.momentumDecay
      add(
        "μₜ", nil, shared: true, "β₁·(1 − ½·0.96^(t·ψ))",
        [n(h.beta1), "·(1 − 0.5·0.96^(", n(s.t), "·", n(psi), "))"], s.mu)
      add(
        "μₜ₊₁", nil, shared: true, "β₁·(1 − ½·0.96^((t + 1)·ψ))",
        [n(h.beta1), "·(1 − 0.5·0.96^(", n(s.t + 1), "·", n(psi), "))"], s.muNext)
      add(
        "Πμ", nil, shared: true, "Πμ·μₜ", [n(s.muProduct / s.mu), "·", n(s.mu)], s.muProduct)
    }
  }

  // MARK: - Names of parameter i

  private var isBias: Bool { index == dimension }
  private var suffix: String {
    isBias ? "_b" : dimension == 1 ? "_w" : "_w[\(index + 1)]"
  }
  private var parameterName: String {
    isBias ? "b" : dimension == 1 ? "w" : "w[\(index + 1)]"
  }
  private var gradientName: String { "d" + parameterName }
  private func quantity(_ weight: Quantity, _ bias: Quantity) -> Quantity {
    isBias ? bias : weight
  }

  /// The equations of parameter `i`, from the state before the update.
  mutating func coordinate(_ i: Int, before: OptimizerState, gradient g: Double) {
    index = i
    let n = Self.n
    let p = parameterName
    let gName = gradientName
    let x = suffix
    let p0 = before.parameters[i]
    let v0 = before.v[i]
    let u0 = before.u[i]
    let lookahead = optimizer == .nag && h.nesterovForm == .lookahead
    add(
      gName, quantity(.dw, .db),
      lookahead ? "∂L/∂\(p) at the look-ahead \(p) − β·u\(x)" : "∂L/∂\(p)", [], g)
    let eta = s.learningRate
    switch optimizer {
    case .gd:
      let rate = h.learningRate
      add("lr" + x, quantity(.lrW, .lrB), "η", [], rate)
      add(
        p, quantity(.w, .b), "\(p) − lr\(x)·\(gName)", [n(p0), " − ", n(rate), "·", n(g)],
        p0 - rate * g)
    case .momentum, .nag:
      let rate = h.learningRate
      add("lr" + x, quantity(.lrW, .lrB), "η", [], rate)
      let u = h.beta * u0 + rate * g
      add(
        "u" + x, quantity(.uW, .uB), "β·u\(x) + η·\(gName)",
        [n(h.beta), "·", n(u0), " + ", n(rate), "·", n(g)], u)
      if optimizer == .nag && h.nesterovForm == .reformulated {
        let move = rate * g + h.beta * u
        add(
          p, quantity(.w, .b), "\(p) − (η·\(gName) + β·u\(x))",
          [n(p0), " − (", n(rate), "·", n(g), " + ", n(h.beta), "·", n(u), ")"], p0 - move)
      } else {
        add(p, quantity(.w, .b), "\(p) − u\(x)", [n(p0), " − ", n(u)], p0 - u)
      }
    case .adagrad, .rmsprop:
      let v: Double
      if optimizer == .adagrad {
        v = v0 + g * g
        add("v" + x, quantity(.vW, .vB), "v\(x) + \(gName)²", [n(v0), " + ", n(g), "²"], v)
      } else {
        v = h.beta * v0 + (1 - h.beta) * g * g
        add(
          "v" + x, quantity(.vW, .vB), "β·v\(x) + (1 − β)·\(gName)²",
          [n(h.beta), "·", n(v0), " + ", n(1 - h.beta), "·", n(g), "²"], v)
      }
      let rate = rootRate(eta, v: v, name: "v" + x)
      add(
        p, quantity(.w, .b), "\(p) − lr\(x)·\(gName)", [n(p0), " − ", n(rate), "·", n(g)],
        p0 - rate * g)
    case .adadelta:
      let v = h.beta * v0 + (1 - h.beta) * g * g
      add(
        "v" + x, quantity(.vW, .vB), "β·v\(x) + (1 − β)·\(gName)²",
        [n(h.beta), "·", n(v0), " + ", n(1 - h.beta), "·", n(g), "²"], v)
      let ratio = (u0 + h.epsilon).squareRoot() / (v + h.epsilon).squareRoot()
      let delta = ratio * g
      add(
        "Δ" + x, nil, "√(u\(x) + ε)/√(v\(x) + ε)·\(gName)",
        ["√(", n(u0), " + ", n(h.epsilon), ")/√(", n(v), " + ", n(h.epsilon), ")·", n(g)], delta)
      let rate = h.learningRate * ratio
      add(
        "lr" + x, quantity(.lrW, .lrB), "η·√(u\(x) + ε)/√(v\(x) + ε)",
        [n(h.learningRate), "·", n(ratio)], rate)
      add(
        p, quantity(.w, .b), "\(p) − η·Δ\(x)", [n(p0), " − ", n(h.learningRate), "·", n(delta)],
        p0 - h.learningRate * delta)
      add(
        "u" + x, quantity(.uW, .uB), "β·u\(x) + (1 − β)·Δ\(x)²",
        [n(h.beta), "·", n(u0), " + ", n(1 - h.beta), "·", n(delta), "²"],
        h.beta * u0 + (1 - h.beta) * delta * delta)
    case .maxprop:
      let v: Double
      let rate: Double
      if h.epsilonPlacement == .max {
        v = Swift.max(h.beta * v0, abs(g) + h.epsilon)
        add(
          "v" + x, quantity(.vW, .vB), "max(β·v\(x), |\(gName)| + ε)",
          ["max(", n(h.beta), "·", n(v0), ", |", n(g), "| + ", n(h.epsilon), ")"], v)
        rate = eta / v
        add("lr" + x, quantity(.lrW, .lrB), "η/v\(x)", [n(eta), "/", n(v)], rate)
      } else {
        v = Swift.max(h.beta * v0, abs(g))
        add(
          "v" + x, quantity(.vW, .vB), "max(β·v\(x), |\(gName)|)",
          ["max(", n(h.beta), "·", n(v0), ", |", n(g), "|)"], v)
        rate = eta / (v + h.epsilon)
        add(
          "lr" + x, quantity(.lrW, .lrB), "η/(v\(x) + ε)",
          [n(eta), "/(", n(v), " + ", n(h.epsilon), ")"], rate)
      }
      add(
        p, quantity(.w, .b), "\(p) − lr\(x)·\(gName)", [n(p0), " − ", n(rate), "·", n(g)],
        p0 - rate * g)
    case .adam, .adamw, .amsgrad, .nadam, .adamax:
      adamFamily(before: before, gradient: g)
    }
  }

  /// lr = η/(√v + ε) or η/√(v + ε), as the placement says; returns the rate.
  private mutating func rootRate(_ eta: Double, v: Double, name: String) -> Double {
    let n = Self.n
    let x = suffix
    let etaName = self.eta
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

  private mutating func adamFamily(before: OptimizerState, gradient g: Double) {
    let n = Self.n
    let x = suffix
    let p = parameterName
    let gName = gradientName
    let eta = s.learningRate
    var p0 = before.parameters[index]
    let m0 = before.m[index]
    let v0 = before.v[index]
    if optimizer == .adamw {
      let decayed = p0 * (1 - eta * h.weightDecay)
      add(
        p + " decayed", nil, "\(p)·(1 − η·λ)",
        [n(p0), "·(1 − ", n(eta), "·", n(h.weightDecay), ")"], decayed)
      p0 = decayed
    }
    let m = h.beta1 * m0 + (1 - h.beta1) * g
    add(
      "m" + x, quantity(.mW, .mB), "β₁·m\(x) + (1 − β₁)·\(gName)",
      [n(h.beta1), "·", n(m0), " + ", n(1 - h.beta1), "·", n(g)], m)
    let c1 = s.correction1
    let c2 = s.correction2
    let hat1 = usesCorrection ? "m\(x)/(1 − β₁ᵗ)" : "m\(x) (no bias correction)"
    if optimizer == .adamax {
      let mHat = m / c1
      add("m_hat" + x, quantity(.mHatW, .mHatB), hat1, [n(m), "/", n(c1)], mHat)
      let v: Double
      let rate: Double
      if h.epsilonPlacement == .max {
        v = Swift.max(h.beta2 * v0, abs(g) + h.epsilon)
        add(
          "v" + x, quantity(.vW, .vB), "max(β₂·v\(x), |\(gName)| + ε)",
          ["max(", n(h.beta2), "·", n(v0), ", |", n(g), "| + ", n(h.epsilon), ")"], v)
        rate = eta / v
        add("lr" + x, quantity(.lrW, .lrB), "η/v\(x)", [n(eta), "/", n(v)], rate)
      } else {
        v = Swift.max(h.beta2 * v0, abs(g))
        add(
          "v" + x, quantity(.vW, .vB), "max(β₂·v\(x), |\(gName)|)",
          ["max(", n(h.beta2), "·", n(v0), ", |", n(g), "|)"], v)
        rate = eta / (v + h.epsilon)
        add(
          "lr" + x, quantity(.lrW, .lrB), "η/(v\(x) + ε)",
          [n(eta), "/(", n(v), " + ", n(h.epsilon), ")"], rate)
      }
      update(p0, rate: rate, direction: mHat)
      return
    }
    let v = h.beta2 * v0 + (1 - h.beta2) * g * g
    add(
      "v" + x, quantity(.vW, .vB), "β₂·v\(x) + (1 − β₂)·\(gName)²",
      [n(h.beta2), "·", n(v0), " + ", n(1 - h.beta2), "·", n(g), "²"], v)
    let hat2 = usesCorrection ? "v\(x)/(1 − β₂ᵗ)" : "v\(x) (no bias correction)"
    if optimizer != .nadam {
      add("m_hat" + x, quantity(.mHatW, .mHatB), hat1, [n(m), "/", n(c1)], m / c1)
    }
    var raw = v
    let vHat: Double
    if optimizer == .amsgrad {
      let vMax0 = before.vMax[index]
      if h.amsgradMaximum == .raw {
        let vMax = Swift.max(vMax0, v)
        add(
          "vmax" + x, quantity(.vmaxW, .vmaxB), "max(vmax\(x), v\(x))",
          ["max(", n(vMax0), ", ", n(v), ")"], vMax)
        vHat = vMax / c2
        add(
          "v_hat" + x, quantity(.vHatW, .vHatB),
          usesCorrection ? "vmax\(x)/(1 − β₂ᵗ)" : "vmax\(x)", [n(vMax), "/", n(c2)], vHat)
        raw = vMax
      } else {
        let vMax = Swift.max(vMax0, v / c2)
        add(
          "vmax" + x, quantity(.vmaxW, .vmaxB), "max(vmax\(x), \(hat2))",
          ["max(", n(vMax0), ", ", n(v), "/", n(c2), ")"], vMax)
        vHat = vMax
        add("v_hat" + x, quantity(.vHatW, .vHatB), "vmax\(x)", [], vHat)
        raw = vMax * c2
      }
    } else {
      vHat = v / c2
      add("v_hat" + x, quantity(.vHatW, .vHatB), hat2, [n(v), "/", n(c2)], vHat)
    }
    let mHat: Double
    if optimizer == .nadam {
      switch h.nadamForm {
      case .lecture:
        mHat = h.beta1 * m / c1 + (1 - h.beta1) * g / c1
        add(
          "m_hat" + x, quantity(.mHatW, .mHatB), "β₁·m\(x)/(1 − β₁ᵗ) + (1 − β₁)·\(gName)/(1 − β₁ᵗ)",
          [n(h.beta1), "·", n(m), "/", n(c1), " + ", n(1 - h.beta1), "·", n(g), "/", n(c1)], mHat)
      case .optax:
        let c1Next = s.correction1Next
        mHat = h.beta1 * m / c1Next + (1 - h.beta1) * g / c1
        add(
          "m_hat" + x, quantity(.mHatW, .mHatB),
          "β₁·m\(x)/(1 − β₁ᵗ⁺¹) + (1 − β₁)·\(gName)/(1 − β₁ᵗ)",
          [n(h.beta1), "·", n(m), "/", n(c1Next), " + ", n(1 - h.beta1), "·", n(g), "/", n(c1)],
          mHat)
      case .schedule:
        let gradientWeight = (1 - s.mu) / (1 - s.muProduct)
        let momentWeight = s.muNext / (1 - s.muProductNext)
        mHat = gradientWeight * g + momentWeight * m
        add(
          "m_hat" + x, quantity(.mHatW, .mHatB),
          "(1 − μₜ)/(1 − Πμ)·\(gName) + μₜ₊₁/(1 − Πμ·μₜ₊₁)·m\(x)",
          [n(gradientWeight), "·", n(g), " + ", n(momentWeight), "·", n(m)], mHat)
        let rate = adamRate(raw: raw, corrected: vHat)
        let denominator = eta / rate
        var parameter = p0
        parameter -= eta * gradientWeight * g / denominator
        parameter -= eta * momentWeight * m / denominator
        add(
          p, quantity(.w, .b), "\(p) − lr\(x)·m_hat\(x)",
          [n(p0), " − ", n(rate), "·", n(mHat)], parameter)
        return
      }
    } else {
      mHat = m / c1
    }
    let rate = adamRate(raw: raw, corrected: vHat)
    update(p0, rate: rate, direction: mHat)
  }

  /// Adam's rate with its line: η/(√v̂ + ε), η/√(v̂ + ε), or Keras's η·√(1 − β₂ᵗ)/(√v + ε).
  private mutating func adamRate(raw: Double, corrected: Double) -> Double {
    let n = Self.n
    let x = suffix
    let eta = s.learningRate
    let vName = optimizer == .amsgrad ? "vmax\(x)" : "v\(x)"
    switch h.epsilonPlacement {
    case .hat:
      let c2 = s.correction2
      let rate = eta * c2.squareRoot() / (raw.squareRoot() + h.epsilon)
      add(
        "lr" + x, quantity(.lrW, .lrB), "η·√(1 − β₂ᵗ)/(√\(vName) + ε)",
        [n(eta), "·√", n(c2), "/(√", n(raw), " + ", n(h.epsilon), ")"], rate)
      return rate
    case .inside:
      let rate = eta / (corrected + h.epsilon).squareRoot()
      add(
        "lr" + x, quantity(.lrW, .lrB), "η/√(v_hat\(x) + ε)",
        [n(eta), "/√(", n(corrected), " + ", n(h.epsilon), ")"], rate)
      return rate
    case .outside, .max:
      let rate = eta / (corrected.squareRoot() + h.epsilon)
      add(
        "lr" + x, quantity(.lrW, .lrB), "η/(√v_hat\(x) + ε)",
        [n(eta), "/(√", n(corrected), " + ", n(h.epsilon), ")"], rate)
      return rate
    }
  }

  private mutating func update(_ p0: Double, rate: Double, direction: Double) {
    let n = Self.n
    let x = suffix
    let p = parameterName
    add(
      p, quantity(.w, .b), "\(p) − lr\(x)·m_hat\(x)", [n(p0), " − ", n(rate), "·", n(direction)],
      p0 - rate * direction)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
