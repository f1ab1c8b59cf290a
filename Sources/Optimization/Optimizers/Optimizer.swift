/// The optimizers adalab can step, in the order the notes build them up: the names users
/// type. Each one's mathematics, defaults and explanation live in its own file, on the type
/// ``updateRule`` names.
///
/// Every rule is elementwise: each weight wⱼ and the bias b keep their own state and their
/// own effective learning rate. ∇wₜ is the gradient of update t, t counts updates from 1.
public enum Optimizer: String, CaseIterable, Sendable {
  /// Plain gradient descent (``GradientDescent``).
  case gd
  /// Momentum (``Momentum``).
  case momentum
  /// Nesterov accelerated gradient (``Nesterov``).
  case nag
  /// AdaGrad (``AdaGrad``).
  case adagrad
  /// RMSProp (``RMSProp``).
  case rmsprop
  /// AdaDelta (``AdaDelta``).
  case adadelta
  /// Adam (``Adam``).
  case adam
  /// AdaMax (``AdaMax``).
  case adamax
  /// MaxProp (``MaxProp``).
  case maxprop
  /// NAdam (``NAdam``).
  case nadam
  /// AMSGrad (``AMSGrad``).
  case amsgrad
  /// AdamW (``AdamW``).
  case adamw
  /// RAdam (``RAdam``).
  case radam
  /// AdaBelief (``AdaBelief``).
  case adabelief
  /// Yogi (``Yogi``).
  case yogi
  /// Lion (``Lion``).
  case lion
  /// Adafactor (``Adafactor``).
  case adafactor

  /// The type that holds this optimizer's rule: the one place a name maps to a rule.
  var updateRule: any UpdateRule.Type {
    switch self {
    case .gd: return GradientDescent.self
    case .momentum: return Momentum.self
    case .nag: return Nesterov.self
    case .adagrad: return AdaGrad.self
    case .rmsprop: return RMSProp.self
    case .adadelta: return AdaDelta.self
    case .adam: return Adam.self
    case .adamax: return AdaMax.self
    case .maxprop: return MaxProp.self
    case .nadam: return NAdam.self
    case .amsgrad: return AMSGrad.self
    case .adamw: return AdamW.self
    case .radam: return RAdam.self
    case .adabelief: return AdaBelief.self
    case .yogi: return Yogi.self
    case .lion: return Lion.self
    case .adafactor: return Adafactor.self
    }
  }

  /// The update rule as the notes write it, one line per equation (g is the gradient,
  /// t counts updates from 1), followed by the one-line reason it exists.
  public var rule: [String] { updateRule.rule }

  /// One line saying what the optimizer is, beside its name in help and completion.
  public var summary: String { updateRule.summary }

  /// Why the library `convention` names ships no such optimizer; nil when it does.
  public func unavailable(in convention: Convention) -> String? {
    updateRule.unavailable(in: convention)
  }

  /// What the rule's quantities mean where their general names would mislead (NAdam's
  /// `m_hat_w` is its look-ahead direction): the weights' quantity and one line.
  public var meanings: [(quantity: Quantity, meaning: String)] {
    updateRule.meanings.map { (quantity: $0.0, meaning: $0.1) }
  }

  /// The library options of the rule that are off by default (PyTorch's L2 `weight_decay`,
  /// RMSProp's `centered`, …): `help` and `use` list them apart while they are off.
  public var options: Set<Setting> { updateRule.options }

  /// What an option does to the rule, one line (nil: its setting's summary says it).
  public func optionRule(_ option: Setting) -> String? { updateRule.optionRules[option] }

  /// Optimizers that keep Adam's first moment m and its bias correction.
  public var isAdamFamily: Bool { updateRule.sharedNumbers.contains(.correction1) }
}
