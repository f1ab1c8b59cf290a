/// A number adalab can show, plot or test in a condition, named as the notes name it.
public enum Quantity: String, CaseIterable, Sendable {
  /// The weights w₁…w_d.
  case w
  /// The bias b.
  case b
  /// The gradient ∂L/∂w of the last update.
  case dw
  /// The gradient ∂L/∂b of the last update.
  case db
  /// The clipped gradient ĝ of the weights that the rule used (only with clipping on).
  case gW = "g_w"
  /// The clipped gradient ĝ of the bias that the rule used.
  case gB = "g_b"
  /// The first moment m of the weights (Adam family).
  case mW = "m_w"
  /// The first moment m of the bias.
  case mB = "m_b"
  /// The second moment or accumulator v of the weights.
  case vW = "v_w"
  /// The second moment or accumulator v of the bias.
  case vB = "v_b"
  /// AdaDelta's accumulated updates, or the momentum velocity, of the weights.
  case uW = "u_w"
  /// AdaDelta's accumulated updates, or the momentum velocity, of the bias.
  case uB = "u_b"
  /// AMSGrad's running maximum for the weights.
  case vmaxW = "vmax_w"
  /// AMSGrad's running maximum for the bias.
  case vmaxB = "vmax_b"
  /// The bias-corrected first moment m̂ (or NAdam's look-ahead direction) of the weights.
  case mHatW = "m_hat_w"
  /// The bias-corrected first moment of the bias.
  case mHatB = "m_hat_b"
  /// The bias-corrected second moment v̂ of the weights.
  case vHatW = "v_hat_w"
  /// The bias-corrected second moment v̂ of the bias.
  case vHatB = "v_hat_b"
  /// ηₜ, the learning rate the last update used (before the first, the one update 1 will
  /// use): η itself unless `lr_decay`, a schedule or a mid-run `set` changed it.
  case eta
  /// The effective learning rate of each weight in the last update.
  case lrW = "lr_w"
  /// The effective learning rate of the bias in the last update.
  case lrB = "lr_b"
  /// Adafactor's β₂ₜ = 1 − tᶜ of the last update (kept in the v̂ array, which it does not use).
  case beta2T = "beta2_t"
  /// Adafactor's parameter scale of w, max(ε₂, RMS(w)) over the tensor (kept in the u array).
  case scaleW = "scale_w"
  /// Adafactor's parameter scale of b, max(ε₂, |b|).
  case scaleB = "scale_b"
  /// Adafactor's clip factor of w, max(1, RMS(u)/d) over the tensor (kept in vmax).
  case clipW = "clip_w"
  /// Adafactor's clip factor of b.
  case clipB = "clip_b"
  /// The number of updates taken.
  case t
  /// The number of completed passes over the data.
  case epoch
  /// The loss at the current parameters, summed over every point.
  case loss

  /// Whether the value has one entry per feature (w, dw, v_w, …) rather than one number.
  public var isPerFeature: Bool {
    switch self {
    case .w, .dw, .gW, .mW, .vW, .uW, .vmaxW, .mHatW, .vHatW, .lrW: return true
    default: return false
    }
  }

  /// Whether the value describes the last update, and so has no value before the first one.
  public var describesLastUpdate: Bool {
    switch self {
    case .dw, .db, .gW, .gB, .mHatW, .mHatB, .vHatW, .vHatB, .lrW, .lrB, .beta2T, .scaleW, .scaleB,
      .clipW, .clipB:
      return true
    default: return false
    }
  }

  /// Whether `optimizer` keeps or computes this quantity: w, b, their gradients and rates,
  /// ηₜ, t, the epoch and the loss for every optimizer, the rest as its file lists them.
  public func exists(for optimizer: Optimizer) -> Bool {
    switch self {
    case .w, .b, .dw, .db, .eta, .lrW, .lrB, .t, .epoch, .loss: return true
    default: return optimizer.updateRule.quantities.contains(self)
    }
  }

  /// Whether a run with `setup` keeps or computes this quantity: as ``exists(for:)``, with
  /// the state its options add (RMSProp's m only when centered), and the clipped gradient
  /// g_w, g_b when clipping is on.
  public func exists(in setup: RunSetup) -> Bool {
    switch self {
    case .w, .b, .dw, .db, .eta, .lrW, .lrB, .t, .epoch, .loss: return true
    case .gW, .gB: return setup.hyperparameters.clipping.isOn
    default:
      return setup.optimizer.updateRule.quantities(for: setup.hyperparameters).contains(self)
    }
  }
}

/// The value of a quantity: one number, or one number per feature.
public enum QuantityValue: Equatable, Sendable {
  case scalar(Double)
  case vector([Double])

  /// The number of a scalar value; nil for a vector.
  public var scalar: Double? {
    guard case .scalar(let x) = self else { return nil }
    return x
  }

  /// The numbers of a vector value; nil for a scalar.
  public var vector: [Double]? {
    guard case .vector(let xs) = self else { return nil }
    return xs
  }
}

extension OptimizerState {
  /// The value of a state quantity (everything but `loss` and `epoch`, which need the data).
  public func value(of quantity: Quantity) -> QuantityValue {
    let d = parameterCount - 1
    func split(_ array: [Double], weights: Bool) -> QuantityValue {
      weights ? .vector(Array(array[0..<d])) : .scalar(array[d])
    }
    switch quantity {
    case .w: return split(parameters, weights: true)
    case .b: return split(parameters, weights: false)
    case .dw: return split(gradient, weights: true)
    case .db: return split(gradient, weights: false)
    case .mW: return split(m, weights: true)
    case .mB: return split(m, weights: false)
    case .vW: return split(v, weights: true)
    case .vB: return split(v, weights: false)
    case .uW: return split(u, weights: true)
    case .uB: return split(u, weights: false)
    case .vmaxW: return split(vMax, weights: true)
    case .vmaxB: return split(vMax, weights: false)
    case .mHatW: return split(mHat, weights: true)
    case .mHatB: return split(mHat, weights: false)
    case .vHatW: return split(vHat, weights: true)
    case .vHatB: return split(vHat, weights: false)
    case .lrW: return split(rate, weights: true)
    case .lrB: return split(rate, weights: false)
    case .eta: return .scalar(learningRate)
    case .beta2T: return .scalar(vHat[d])
    case .scaleW: return .scalar(u[0])
    case .scaleB: return .scalar(u[d])
    case .clipW: return .scalar(vMax[0])
    case .clipB: return .scalar(vMax[d])
    case .t: return .scalar(Double(updateCount))
    case .epoch, .loss:
      preconditionFailure("\(quantity.rawValue) needs the data: ask the session")
    case .gW, .gB:
      preconditionFailure("\(quantity.rawValue) needs the setup's clipping: ask the session")
    }
  }
}
