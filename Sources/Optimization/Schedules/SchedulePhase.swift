/// One schedule with its parameters: a whole schedule, or one scheduler of a PyTorch
/// `SequentialLR` chain.
public struct SchedulePhase: Equatable, Sendable {
  public let kind: ScheduleKind
  /// The parameters as typed, in the library's signature order; the others hold their
  /// default (``ScheduleParameter/defaultValue``).
  public let arguments: [(name: String, value: ScheduleValue)]

  /// Reads `arguments` (`name`, text as typed) against the kind's parameters, or throws a
  /// one-line error: an unknown or repeated name, a value of the wrong kind, a required
  /// parameter missing, or a combination the library rejects.
  public init(kind: ScheduleKind, arguments typed: [(name: String, text: String)])
    throws(ScheduleError)
  {
    let parameters = kind.parameters
    var values: [String: ScheduleValue] = [:]
    for (name, text) in typed {
      guard let parameter = parameters.first(where: { $0.name == name }) else {
        let names = parameters.map(\.name)
        let close = names.first { $0.lowercased() == name.lowercased() }
        let hint = close.map { "; did you mean '\($0)'?" } ?? ""
        throw ScheduleError(
          "expected a parameter of \(kind.rawValue) (\(names.joined(separator: ", "))), found '\(name)'\(hint)"
        )
      }
      guard values[name] == nil else {
        throw ScheduleError("expected '\(name)' once, found it twice")
      }
      values[name] = try parameter.read(text)
    }
    for parameter in parameters
    where parameter.defaultValue == .required && values[parameter.name] == nil {
      throw ScheduleError(
        "expected \(parameter.name)=… (\(parameter.kind.name)) for \(kind.rawValue), found none")
    }
    self.kind = kind
    self.arguments = parameters.compactMap { p in values[p.name].map { (p.name, $0) } }
    try check()
  }

  public static func == (a: SchedulePhase, b: SchedulePhase) -> Bool {
    a.kind == b.kind && a.arguments.map(\.name) == b.arguments.map(\.name)
      && a.arguments.map(\.value) == b.arguments.map(\.value)
  }

  /// The value of `name`: as typed, else the library's default; nil for a `None` default;
  /// `rate` for a default that is the session's η.
  func value(_ name: String, rate: Double) -> ScheduleValue? {
    if let typed = arguments.first(where: { $0.name == name }) { return typed.value }
    guard let defaultValue = Self.defaults[kind]?[name] else {
      preconditionFailure("\(kind.rawValue) has no parameter \(name)")
    }
    switch defaultValue {
    case .value(let v): return v
    case .sessionRate: return .number(rate)
    case .none, .required: return nil
    }
  }

  /// Every kind's defaults by parameter name, built once: a run reads them at every update.
  private static let defaults: [ScheduleKind: [String: ScheduleParameter.Default]] =
    Dictionary(
      uniqueKeysWithValues: ScheduleKind.allCases.map { kind in
        (
          kind,
          Dictionary(uniqueKeysWithValues: kind.parameters.map { ($0.name, $0.defaultValue) })
        )
      })

  /// A number parameter (a whole one read as a number).
  func number(_ name: String, _ rate: Double) -> Double { value(name, rate: rate)!.number }
  /// A whole-number parameter.
  func whole(_ name: String) -> Int { value(name, rate: 0)!.whole }
  /// A flag.
  func flag(_ name: String) -> Bool { value(name, rate: 0)!.flag }

  /// The combinations the library refuses, refused here with its reason.
  private func check() throws(ScheduleError) {
    switch kind {
    case .linearLR:
      let start = number("start_factor", 1)
      let end = number("end_factor", 1)
      guard start <= 1 else {
        throw ScheduleError("expected start_factor in (0, 1] (PyTorch's check), found \(start)")
      }
      guard end >= 0 && end <= 1 else {
        throw ScheduleError("expected end_factor in [0, 1] (PyTorch's check), found \(end)")
      }
    case .oneCycleLR:
      let pct = number("pct_start", 1)
      guard pct >= 0 && pct <= 1 else {
        throw ScheduleError("expected pct_start in [0, 1], found \(pct)")
      }
    case .reduceLROnPlateau:
      let factor = number("factor", 1)
      guard factor < 1 else {
        throw ScheduleError("expected factor < 1 (PyTorch's check), found \(factor)")
      }
    case .warmupCosineDecaySchedule:
      let (warmup, decay) = (whole("warmup_steps"), whole("decay_steps"))
      guard decay > warmup else {
        throw ScheduleError(
          "expected decay_steps > warmup_steps (decay_steps includes the warm-up), found \(decay) ≤ \(warmup)"
        )
      }
    case .piecewiseConstantDecay:
      guard case .wholes(let b) = value("boundaries", rate: 0)!,
        case .numbers(let v) = value("values", rate: 0)!
      else { return }
      guard v.count == b.count + 1 else {
        throw ScheduleError(
          "expected one more value than boundaries (Keras's check), found \(b.count) boundaries and \(v.count) values"
        )
      }
    default: break
    }
  }
}
