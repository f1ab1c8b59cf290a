/// A rule with a plain update: the option-free arithmetic of each convention, which a run
/// takes in place of ``UpdateRule/apply(_:_:)`` when none of the rule's options is on, so
/// that the loop tests no option per coordinate.
///
/// The rule's ``UpdateRule/takeUpdates(_:of:)`` tests ``isPlain(_:)`` once per call and
/// lands in the loop of ``PlainPath`` or of the rule itself. The plain update must give
/// the bits of ``UpdateRule/apply(_:_:)`` with those options off, convention by convention
/// (the conformance suites hold it to the libraries either way).
protocol PlainUpdate: UpdateRule {
  /// Whether every option ``applyPlain(_:_:)`` leaves out is off in `h`. The settings it
  /// reads stay fixed through a run (schedules change η, β₁ and β₂ only).
  static func isPlain(_ h: Hyperparameters) -> Bool

  /// ``UpdateRule/apply(_:_:)`` with the options off.
  static func applyPlain(_ c: inout Coordinate, _ s: StepContext)
}

extension PlainUpdate {
  /// Dispatches once per call: the plain loop when no option is on, the full rule else.
  static func takeUpdates(_ count: Int, of run: inout Run) -> (taken: Int, divergence: Divergence?)
  {
    isPlain(run.setup.hyperparameters)
      ? run.takeUpdates(count, PlainPath<Self>.self) : run.takeUpdates(count, Self.self)
  }
}

/// `Base` with its plain update: every declaration is `Base`'s, only ``apply(_:_:)`` is
/// ``PlainUpdate/applyPlain(_:_:)``. A run's loop is specialised for it as for any rule.
enum PlainPath<Base: PlainUpdate>: UpdateRule {
  static var optimizer: Optimizer { Base.optimizer }

  @inline(__always)
  static func apply(_ c: inout Coordinate, _ s: StepContext) { Base.applyPlain(&c, s) }

  static var sharedNumbers: StepContext.Numbers { Base.sharedNumbers }
  static func sharedNumbers(for h: Hyperparameters) -> StepContext.Numbers {
    Base.sharedNumbers(for: h)
  }
  static var rule: [String] { Base.rule }
  static var summary: String { Base.summary }
  static func defaults(for convention: Convention) -> Hyperparameters {
    Base.defaults(for: convention)
  }
  static var settings: Set<Setting> { Base.settings }
  static func reads(_ setting: Setting, under convention: Convention) -> Bool {
    Base.reads(setting, under: convention)
  }
  static func initialFirstMoment(_ h: Hyperparameters, under convention: Convention) -> Double {
    Base.initialFirstMoment(h, under: convention)
  }
  static func unavailable(in convention: Convention) -> String? {
    Base.unavailable(in: convention)
  }
  static func missing(_ setting: Setting, under convention: Convention) -> String? {
    Base.missing(setting, under: convention)
  }
  static func inert(_ setting: Setting, with h: Hyperparameters) -> String? {
    Base.inert(setting, with: h)
  }
  static var meanings: [(Quantity, String)] { Base.meanings }
  static var epsilonPlacements: [EpsilonPlacement] { Base.epsilonPlacements }
  static var quantities: Set<Quantity> { Base.quantities }
  static func quantities(for h: Hyperparameters) -> Set<Quantity> { Base.quantities(for: h) }
  static var options: Set<Setting> { Base.options }
  static var optionRules: [Setting: String] { Base.optionRules }
  static func takesGradientAtLookahead(_ h: Hyperparameters) -> Bool {
    Base.takesGradientAtLookahead(h)
  }
  static func schedulesMomentum(_ h: Hyperparameters) -> Bool { Base.schedulesMomentum(h) }
  static func explainShared(_ e: inout ExplanationBuilder) { Base.explainShared(&e) }
  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate) {
    Base.explain(&e, before)
  }

  static func takeUpdates(_ count: Int, of run: inout Run) -> (taken: Int, divergence: Divergence?)
  {
    run.takeUpdates(count, Self.self)
  }
}
