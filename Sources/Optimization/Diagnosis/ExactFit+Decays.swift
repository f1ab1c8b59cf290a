/// The decays of an ``ExactFit``: β₁, β₂ (or β) from consecutive moments, and AdamW's λ
/// when it is coupled to the gradient.
extension ExactFit {
  mutating func measureDecays(
    _ state: TraceState, pairs: [(Int, Int)], gradients: [[Double]], optimizer: Optimizer
  ) {
    var firstDamped = true
    var secondDamped = true
    if case .dampingMissing(let first, let second)? = variant {
      firstDamped = !first
      secondDamped = !second
    }
    let fromM = ExactFit.decay(
      state.m, pairs, gradients, damped: firstDamped, square: false)
    let fromV: (Double, Double)?
    if optimizer == .adamax || optimizer == .maxprop {
      fromV = ExactFit.maximumDecay(state.v, pairs, gradients)
    } else if optimizer == .adagrad {
      fromV = nil
    } else {
      fromV = ExactFit.decay(state.v, pairs, gradients, damped: secondDamped, square: true)
    }
    if optimizer.isAdamFamily {
      let swapped = variant == .betasSwapped
      if let (value, spread) = fromM {
        if swapped { h.beta2 = value } else { h.beta1 = value }
        decays.append((swapped ? "β₂" : "β₁", "m", spread))
      }
      if let (value, spread) = fromV {
        if swapped { h.beta1 = value } else { h.beta2 = value }
        decays.append((swapped ? "β₁" : "β₂", "v", spread))
      }
    } else if let (value, spread) = fromV {
      h.beta = value
      decays.append(("β", "v", spread))
    }
  }

  /// β from x ← β·x + (1 − β)·q (damped) or x ← β·x + q, with q = g or g², at every row
  /// pair and coordinate whose numbers determine it well: the median and the largest
  /// relative difference from it.
  static func decay(
    _ x: [[Double?]], _ pairs: [(Int, Int)], _ gradients: [[Double]], damped: Bool,
    square: Bool
  ) -> (Double, Double)? {
    var estimates: [Double] = []
    for ((before, row), g) in zip(pairs, gradients) {
      for i in g.indices {
        guard let p = x[before][i], let n = x[row][i] else { continue }
        let q = square ? g[i] * g[i] : g[i]
        let numerator = n - q
        let denominator = damped ? p - q : p
        guard denominator != 0, numerator != 0 else { continue }
        // The rounding of the inputs, relative to what is left after the subtraction.
        let error =
          (abs(n) + abs(q)) / abs(numerator) + (abs(p) + abs(q)) / abs(denominator)
        guard error * 2.3e-16 < 1e-7 else { continue }
        estimates.append(numerator / denominator)
      }
    }
    return summary(estimates)
  }

  /// β from AdaMax's v ← max(β·v, |g|), at the rows where β·v is the larger.
  static func maximumDecay(_ v: [[Double?]], _ pairs: [(Int, Int)], _ gradients: [[Double]])
    -> (Double, Double)?
  {
    var estimates: [Double] = []
    for ((before, row), g) in zip(pairs, gradients) {
      for i in g.indices {
        guard let p = v[before][i], let n = v[row][i], p > 0, n > abs(g[i]) * (1 + 1e-4)
        else { continue }
        estimates.append(n / p)
      }
    }
    return summary(estimates)
  }

  /// The median of estimates and their largest relative difference from it.
  static func summary(_ estimates: [Double]) -> (Double, Double)? {
    let finite = estimates.filter(\.isFinite).sorted()
    guard !finite.isEmpty else { return nil }
    let median = finite[finite.count / 2]
    guard median != 0 else { return (0, 0) }
    let spread = finite.map { abs($0 / median - 1) }.max()!
    return (median, spread)
  }

  /// λ of weight decay coupled to the gradient, from m: with g' = g + λ·θ,
  /// mₜ − gₜ = β₁·(mₜ₋₁ − gₜ) + (1 − β₁)·λ·θₜ₋₁, linear in β₁ and c = (1 − β₁)·λ, solved by
  /// least squares over the rows.
  static func coupledDecay(_ state: TraceState, pairs: [(Int, Int)], gradients: [[Double]])
    -> Double?
  {
    var rows: [(x: Double, z: Double, y: Double)] = []
    for ((before, row), g) in zip(pairs, gradients) {
      for i in g.indices {
        guard let p = state.m[before][i], let n = state.m[row][i] else { continue }
        rows.append((p - g[i], state.parameters[before]![i], n - g[i]))
      }
    }
    guard let (beta, c) = leastSquares(rows), beta != 1 else { return nil }
    return c / (1 - beta)
  }

  /// a and c minimising Σ (y − a·x − c·z)², weighted by 1/y² (relative residuals).
  static func leastSquares(_ rows: [(x: Double, z: Double, y: Double)]) -> (Double, Double)? {
    var (sxx, sxz, szz, sxy, szy) = (0.0, 0.0, 0.0, 0.0, 0.0)
    for r in rows where r.y != 0 {
      let w = 1 / (r.y * r.y)
      sxx += w * r.x * r.x
      sxz += w * r.x * r.z
      szz += w * r.z * r.z
      sxy += w * r.x * r.y
      szy += w * r.z * r.y
    }
    let det = sxx * szz - sxz * sxz
    guard det != 0, det.isFinite else { return nil }
    return ((sxy * szz - szy * sxz) / det, (szy * sxx - sxy * sxz) / det)
  }

}
