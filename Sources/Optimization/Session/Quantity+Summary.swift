/// What `help` and completion say about each quantity: derived by the shell's vocabulary from
/// `Quantity.allCases`, so a new quantity is typed, completed and documented from here.
extension Quantity {
  /// One line saying what the quantity is.
  public var summary: String {
    switch self {
    case .w: return "the weights"
    case .b: return "the bias"
    case .dw: return "the gradient of the loss with respect to w"
    case .db: return "the gradient of the loss with respect to b"
    case .gW: return "the clipped gradient for w that the rule used (with clipping on)"
    case .gB: return "the clipped gradient for b that the rule used (with clipping on)"
    case .mW: return "the first moment (momentum history) for w"
    case .mB: return "the first moment (momentum history) for b"
    case .vW: return "the second moment (squared-gradient history) for w"
    case .vB: return "the second moment (squared-gradient history) for b"
    case .uW:
      return
        "momentum's and nag's velocity for w (pytorch, optax: their buffer; see help momentum), adadelta's history of squared updates"
    case .uB:
      return
        "momentum's and nag's velocity for b (pytorch, optax: their buffer; see help momentum), adadelta's history of squared updates"
    case .vmaxW: return "amsgrad's running maximum of v_w (adamw's, with amsgrad_max)"
    case .vmaxB: return "amsgrad's running maximum of v_b (adamw's, with amsgrad_max)"
    case .mHatW:
      return
        "the direction of the step for w: m_w after bias correction (nadam: its look-ahead, see help nadam)"
    case .mHatB:
      return
        "the direction of the step for b: m_b after bias correction (nadam: its look-ahead, see help nadam)"
    case .vHatW:
      return
        "the second moment in the denominator for w: v_w after bias correction (amsgrad, and adamw with amsgrad_max: from vmax_w, see help amsgrad)"
    case .vHatB:
      return
        "the second moment in the denominator for b: v_b after bias correction (amsgrad, and adamw with amsgrad_max: from vmax_b, see help amsgrad)"
    case .eta:
      return
        "the eta the last update used (lr_decay or a schedule may vary it)"
    case .lrW: return "the effective learning rate of each weight"
    case .lrB: return "the effective learning rate of the bias"
    case .beta2T: return "adafactor's decay of v in the last update, 1 - t^c"
    case .scaleW: return "adafactor's parameter scale of w: max(eps2, rms(w))"
    case .scaleB: return "adafactor's parameter scale of b: max(eps2, |b|)"
    case .clipW: return "adafactor's clip factor of w's update: max(1, rms(u)/d)"
    case .clipB: return "adafactor's clip factor of b's update: max(1, |u|/d)"
    case .t: return "the number of updates taken"
    case .epoch: return "the number of passes over the data completed"
    case .loss: return "the loss on the whole data set"
    }
  }
}
