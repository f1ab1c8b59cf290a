/// An optimizer: its update of one coordinate and everything adalab says about it.
///
/// Every optimizer is one caseless enum conforming to this protocol, in a file of its own
/// under `Optimizers/`: the rule as the notes write it (its doc comment and ``rule``), the
/// update (``apply(_:_:)``), its `explain` lines (``explain(_:_:)``), its defaults per
/// convention, and the settings and quantities it uses. ``Optimizer`` is the list of their
/// names; ``Optimizer/updateRule`` maps a name to its type, in one place.
///
/// The engine's loop is generic over the rule's type, so the compiler emits one loop per
/// optimizer with ``apply(_:_:)`` inlined (see ``takeUpdates(_:of:)``).
protocol UpdateRule {
  /// The name users type and the engine stores.
  static var optimizer: Optimizer { get }

  /// The update of one coordinate: reads the coordinate's state before the step and the
  /// gradient, writes the state after it, its direction m̂ and its effective rate.
  static func apply(_ c: inout Coordinate, _ s: StepContext)

  /// The shared numbers of a step that this rule reads beyond t and η, with any settings.
  static var sharedNumbers: StepContext.Numbers { get }

  /// Those of ``sharedNumbers`` the rule reads with the switches of `h`: a run computes only
  /// these. Defaults to ``sharedNumbers`` (NAdam's form picks its own).
  static func sharedNumbers(for h: Hyperparameters) -> StepContext.Numbers

  /// The rule as the notes write it, one line per equation (g is the gradient, t counts
  /// updates from 1), followed by the one-line reason it exists: what `help NAME` prints.
  static var rule: [String] { get }

  /// One line saying what the optimizer is: what help and completion print beside its name.
  static var summary: String { get }

  /// The hyperparameters a fresh optimizer starts with under `convention`: the library's
  /// constructor defaults, and the notes' code listings for `lecture`.
  static func defaults(for convention: Convention) -> Hyperparameters

  /// The settings the rule reads (the training settings apply to every rule and are not
  /// listed).
  static var settings: Set<Setting> { get }

  /// Whether the rule reads `setting` under `convention`. Defaults to membership of
  /// ``settings`` unless ``missing(_:under:)`` gives a reason.
  static func reads(_ setting: Setting, under convention: Convention) -> Bool

  /// The value m starts from (0, the default; optax's Yogi starts it at its accumulator).
  static func initialFirstMoment(_ h: Hyperparameters, under convention: Convention) -> Double

  /// Why the library a convention names ships no such optimizer (nil, the default: it
  /// does). Such a convention is refused rather than run as another library's rule.
  static func unavailable(in convention: Convention) -> String?

  /// Why the library a convention names has no such option, for a setting the rule reads
  /// in another convention: such a setting is refused with this reason rather than
  /// accepted as a silent departure from the library's numbers. nil (the default): the
  /// convention has it. The lecture convention is adalab's own and refuses nothing.
  static func missing(_ setting: Setting, under convention: Convention) -> String?

  /// Why a setting the convention has would change nothing with the other settings as they
  /// are (`h`), so that setting it is refused instead of ignored. Defaults to nil.
  static func inert(_ setting: Setting, with h: Hyperparameters) -> String?

  /// What a quantity means for this rule where its general name would mislead (NAdam's
  /// m̂ is its look-ahead direction, not the corrected moment): `help NAME` prints these.
  /// Keyed by the weights' quantity; defaults to none.
  static var meanings: [(Quantity, String)] { get }

  /// The places ε can take in this rule, the first the usual one (empty: ε has one place).
  static var epsilonPlacements: [EpsilonPlacement] { get }

  /// The quantities the rule keeps or computes beyond w, b, their gradients and rates.
  static var quantities: Set<Quantity> { get }

  /// Those it keeps with the settings of `h`, where an option adds state (RMSProp's ḡ when
  /// centered, its u with momentum). Defaults to ``quantities``.
  static func quantities(for h: Hyperparameters) -> Set<Quantity>

  /// The settings that are library options, off by default (PyTorch's L2 `weight_decay`,
  /// RMSProp's `centered`): while off, `help` and `use` list them apart from the rule's
  /// own settings. Defaults to none.
  static var options: Set<Setting> { get }

  /// What each option does to the rule, one line in the notes' notation: what `help NAME`
  /// prints under the options. Defaults to none.
  static var optionRules: [Setting: String] { get }

  /// Whether the gradient is taken at the look-ahead point θ − β·u rather than at θ.
  /// Defaults to false.
  static func takesGradientAtLookahead(_ h: Hyperparameters) -> Bool

  /// Whether the rule carries NAdam's running product Πμ from update to update. Defaults
  /// to false.
  static func schedulesMomentum(_ h: Hyperparameters) -> Bool

  /// The shared lines of `explain` (ηₜ, 1 − β₁ᵗ, μₜ, …), before any parameter's. Defaults to
  /// none.
  static func explainShared(_ e: inout ExplanationBuilder)

  /// The lines of `explain` for one parameter, from its state before the update (`before`
  /// holds the gradient of the update): every value computed in ``apply(_:_:)``'s order of
  /// operations, so it equals the engine's bit for bit.
  static func explain(_ e: inout ExplanationBuilder, _ before: Coordinate)

  /// One update of every coordinate of `old` into `new` (the update's gradient already in
  /// `new.gradient`); returns whether every value written is finite. Provided: ``apply(_:_:)``
  /// one coordinate at a time (``Run/update(_:into:_:_:)``). Adafactor, whose update reads
  /// whole tensors, writes its own.
  static func updateCoordinates(
    _ old: StateBuffers, into new: StateBuffers, _ context: StepContext
  ) -> Bool

  /// Takes up to `count` updates of `run` with this rule. Provided: a rule does not write it
  /// (Adafactor, which has no per-coordinate update for the tight loop, does). A requirement rather than an extension method so that a call through
  /// ``Optimizer/updateRule`` lands in the loop specialised for the rule.
  static func takeUpdates(_ count: Int, of run: inout Run) -> (taken: Int, divergence: Divergence?)
}

extension UpdateRule {
  static func reads(_ setting: Setting, under convention: Convention) -> Bool {
    settings.contains(setting) && missing(setting, under: convention) == nil
  }

  static func sharedNumbers(for h: Hyperparameters) -> StepContext.Numbers { sharedNumbers }

  static func quantities(for h: Hyperparameters) -> Set<Quantity> { quantities }

  static var options: Set<Setting> { [] }

  static var optionRules: [Setting: String] { [:] }

  static func missing(_ setting: Setting, under convention: Convention) -> String? { nil }

  static func unavailable(in convention: Convention) -> String? { nil }

  static func initialFirstMoment(_ h: Hyperparameters, under convention: Convention) -> Double {
    0
  }

  static func inert(_ setting: Setting, with h: Hyperparameters) -> String? { nil }

  static var meanings: [(Quantity, String)] { [] }

  static func takesGradientAtLookahead(_ h: Hyperparameters) -> Bool { false }

  static func schedulesMomentum(_ h: Hyperparameters) -> Bool { false }

  static func explainShared(_ e: inout ExplanationBuilder) {}

  @inline(__always)
  static func updateCoordinates(
    _ old: StateBuffers, into new: StateBuffers, _ context: StepContext
  ) -> Bool {
    Run.update(old, into: new, context, Self.self)
  }

  static func takeUpdates(_ count: Int, of run: inout Run) -> (taken: Int, divergence: Divergence?)
  {
    run.takeUpdates(count, Self.self)
  }
}

extension StepContext {
  /// The powers a step may compute for its rule, each costing a `pow` call or more.
  struct Numbers: OptionSet {
    let rawValue: Int

    // Computed rather than stored, so that a test in the update loop is a constant mask,
    // not a read of a lazily initialised global.

    /// 1 − β₁ᵏ.
    static var correction1: Numbers { Numbers(rawValue: 1 << 0) }
    /// 1 − β₂ᵏ.
    static var correction2: Numbers { Numbers(rawValue: 1 << 1) }
    /// 1 − β₁ᵏ⁺¹ (optax's NAdam).
    static var correction1Next: Numbers { Numbers(rawValue: 1 << 2) }
    /// μₜ, μₜ₊₁, Πμ and Πμ·μₜ₊₁ (the NAdam schedule of PyTorch and Keras).
    static var momentumSchedule: Numbers { Numbers(rawValue: 1 << 3) }

    /// 1 − β₁ᵗ and 1 − β₂ᵗ, the bias corrections of the Adam family.
    static var biasCorrections: Numbers { [.correction1, .correction2] }
    /// 1 − β₁ᵗ⁺¹ and the momentum schedule μₜ, μₜ₊₁, Πμ: NAdam's look-ahead.
    static var nadamLookahead: Numbers { [.correction1Next, .momentumSchedule] }
  }
}
