import Foundation

@testable import Optimization

/// A conformance case recorded by `Fixtures/generate.py` from a real library run.
struct FixtureCase: CustomStringConvertible {
  var optimizer: Optimizer
  var convention: Convention
  var datasetName: String
  var dataset: Dataset
  var batch: SettingInput
  var settings: [(Setting, Double)]
  /// Settings that take a word (`amsgrad_max raw`), set after the numbers.
  var words: [(Setting, String)] = []
  var start: [Double]
  /// Quantity name → one value per update; per-feature quantities are flattened per step.
  var steps: [String: [[Double]]]

  var description: String {
    "\(optimizer.rawValue):\(convention.rawValue) on \(datasetName), batch \(batch)"
  }

  var stepCount: Int { steps["b"]?.count ?? 0 }

  /// The largest magnitude a quantity reaches in the case.
  func scale(of name: String) -> Double {
    // Plain loops: a debug build spent more time in `joined()` than in the rule's updates.
    var largest = 0.0
    for row in steps[name]! {
      for x in row { largest = max(largest, abs(x)) }
    }
    return largest
  }

  /// The library's state after update `k + 1` (0-based `k`), on top of `state` for what the
  /// library does not record (the derived values, NAdam's running product).
  func state(after k: Int, continuing state: OptimizerState) -> OptimizerState {
    var s = state
    func row(_ weights: String, _ bias: String) -> [Double]? {
      guard let w = steps[weights]?[k], let b = steps[bias]?[k] else { return nil }
      return w + b
    }
    if let x = row("w", "b") { s.parameters = x }
    if let x = row("dw", "db") { s.gradient = x }
    if let x = row("m_w", "m_b") { s.m = x }
    if let x = row("v_w", "v_b") { s.v = x }
    if let x = row("u_w", "u_b") { s.u = x }
    if let x = row("vmax_w", "vmax_b") { s.vMax = x }
    return s
  }

  /// A session configured exactly as the library run was.
  func makeSession() throws -> Session {
    var session = Session(
      setup: RunSetup(dataset: dataset, optimizer: optimizer, convention: convention, start: start))
    try session.set(.batch, to: batch)
    for (setting, value) in settings {
      // A library's L2 weight decay of 0 is a no-op that adalab's optimizer has no name for.
      if value == 0 && !setting.applies(to: optimizer, convention: convention) { continue }
      try session.set(setting, to: .number(value))
    }
    for (setting, word) in words {
      try session.set(setting, to: .word(word))
    }
    return session
  }
}

/// Reading the committed fixture files.
///
/// Decoded with `JSONDecoder`, which parses every number exactly; Foundation's
/// `JSONSerialization` on Linux can be one ulp off, which would show up as a
/// convention difference that is not there.
enum Fixtures {
  /// The repository's `Fixtures/` folder, found from this source file.
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func decode<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
    let data = try Data(contentsOf: folder.appendingPathComponent(relativePath))
    return try JSONDecoder().decode(type, from: data)
  }

  struct Table: Decodable {
    var x: [[Double]]
    var y: [Double]

    func dataset(named name: String) -> Dataset {
      Dataset(
        name: name, featureNames: (1...x[0].count).map { "x\($0)" }, rows: x, targets: y)
    }
  }

  /// A per-step value: one number, or one per feature.
  struct Row: Decodable {
    var values: [Double]

    init(values: [Double]) {
      self.values = values
    }

    /// Tries a list first, then a number. A file of many rows is decoded by
    /// ``Case/init(from:)`` instead, which knows each row's shape from its name and so
    /// throws no error per number (under swift-testing every thrown error records a
    /// backtrace, which made decoding the fixtures most of the suites' time).
    init(from decoder: Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let list = try? container.decode([Double].self) {
        values = list
      } else {
        values = [try container.decode(Double.self)]
      }
    }
  }

  /// `"full"` or a whole number.
  struct Batch: Decodable {
    var input: SettingInput

    init(from decoder: Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let word = try? container.decode(String.self) {
        input = .word(word)
      } else {
        input = .number(try container.decode(Double.self))
      }
    }
  }

  struct Start: Decodable {
    var w: [Double]
    var b: Double
  }

  struct Case: Decodable {
    var optimizer: String
    var convention: String
    var dataset: String
    var batch: Batch
    var settings: [String: Double]
    var start: Start

    enum CodingKeys: String, CodingKey {
      case optimizer, convention, dataset, batch, settings, steps
      case start = "init"
    }
    var steps: [String: [Row]]

    /// A step's name.
    struct Name: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      optimizer = try container.decode(String.self, forKey: .optimizer)
      convention = try container.decode(String.self, forKey: .convention)
      dataset = try container.decode(String.self, forKey: .dataset)
      batch = try container.decode(Batch.self, forKey: .batch)
      settings = try container.decode([String: Double].self, forKey: .settings)
      start = try container.decode(Start.self, forKey: .start)
      // The weights' quantities (w, dw, m_w, …) have a number per feature, the others one.
      let named = try container.nestedContainer(keyedBy: Name.self, forKey: .steps)
      steps = [:]
      for key in named.allKeys {
        let name = key.stringValue
        if name == "w" || name == "dw" || name.hasSuffix("_w") {
          steps[name] = try named.decode([[Double]].self, forKey: key).map(Row.init(values:))
        } else {
          steps[name] = try named.decode([Double].self, forKey: key).map { Row(values: [$0]) }
        }
      }
    }
  }

  struct File: Decodable {
    var datasets: [String: Table]
    var cases: [Case]
    /// `"buffer"` where the file records momentum's u as the library's own buffer
    /// (generate_momentum_schedules.py); absent where u is in the notes' scale, η·b.
    var u: String?
  }

  /// Every conformance case of one optimizer.
  static func cases(of optimizer: Optimizer) throws -> [FixtureCase] {
    try cases(in: "conformance/\(optimizer.rawValue).json")
  }

  /// Every case of one fixture file (a path under `Fixtures/`).
  static func cases(in relativePath: String) throws -> [FixtureCase] {
    let file = try decode(File.self, relativePath)
    return file.cases.map { raw in
      var fixture = FixtureCase(
        optimizer: Optimizer(rawValue: raw.optimizer)!,
        convention: Convention(rawValue: raw.convention)!,
        datasetName: raw.dataset,
        dataset: file.datasets[raw.dataset]!.dataset(named: raw.dataset),
        batch: raw.batch.input,
        settings: raw.settings.map { (Setting(rawValue: $0.key)!, $0.value) }
          .sorted { $0.0.rawValue < $1.0.rawValue },
        start: raw.start.w + [raw.start.b],
        steps: raw.steps.mapValues { $0.map(\.values) })
      if file.u != "buffer" { fixture.readBuffersInGradientUnits() }
      return fixture
    }
  }
}

extension FixtureCase {
  /// The fixtures record momentum's and NAG's history in the notes' scale, u = η·b (η the
  /// case's constant `eta`), from PyTorch's `momentum_buffer` and optax's `trace` b, and
  /// PyTorch RMSprop's the same way. Where adalab keeps b itself (``MomentumForm``) the
  /// recorded u is divided by η again, which gives b back to within an ulp, far inside 1e-12.
  mutating func readBuffersInGradientUnits() {
    let h = Hyperparameters.defaults(for: optimizer, convention: convention)
    guard h.momentumForm != .velocity,
      optimizer == .momentum || optimizer == .nag || optimizer == .rmsprop,
      let eta = settings.first(where: { $0.0 == .eta })?.1
    else { return }
    for name in ["u_w", "u_b"] {
      steps[name] = steps[name]?.map { row in row.map { $0 / eta } }
    }
  }
}
