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
  var start: [Double]
  /// Quantity name → one value per update; per-feature quantities are flattened per step.
  var steps: [String: [[Double]]]

  var description: String {
    "\(optimizer.rawValue):\(convention.rawValue) on \(datasetName), batch \(batch)"
  }

  var stepCount: Int { steps["b"]?.count ?? 0 }

  /// The largest magnitude a quantity reaches in the case.
  func scale(of name: String) -> Double {
    steps[name]!.joined().reduce(0) { max($0, abs($1)) }
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
    return session
  }
}

/// Reading the committed fixture files.
enum Fixtures {
  /// The repository's `Fixtures/` folder, found from this source file.
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func json(_ relativePath: String) throws -> [String: Any] {
    let data = try Data(contentsOf: folder.appendingPathComponent(relativePath))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }

  static func datasets(in file: [String: Any]) -> [String: Dataset] {
    var result: [String: Dataset] = [:]
    for (name, value) in file["datasets"] as! [String: Any] {
      let table = value as! [String: Any]
      let rows = (table["x"] as! [[Any]]).map { $0.map(number) }
      let targets = (table["y"] as! [Any]).map(number)
      let names = (1...rows[0].count).map { "x\($0)" }
      result[name] = Dataset(name: name, featureNames: names, rows: rows, targets: targets)
    }
    return result
  }

  static func number(_ value: Any) -> Double {
    (value as! NSNumber).doubleValue
  }

  /// Per-step values as rows: a scalar per step becomes a one-element row.
  static func series(_ value: Any) -> [[Double]] {
    (value as! [Any]).map { entry in
      if let list = entry as? [Any] { return list.map(number) }
      return [number(entry)]
    }
  }

  /// Every conformance case of one optimizer.
  static func cases(of optimizer: Optimizer) throws -> [FixtureCase] {
    let file = try json("conformance/\(optimizer.rawValue).json")
    let datasets = datasets(in: file)
    return (file["cases"] as! [[String: Any]]).map { raw in
      let datasetName = raw["dataset"] as! String
      let init_ = raw["init"] as! [String: Any]
      let batch: SettingInput =
        (raw["batch"] as? String).map { .word($0) } ?? .number(number(raw["batch"]!))
      let settings = (raw["settings"] as! [String: Any]).map { key, value in
        (Setting(rawValue: key)!, number(value))
      }.sorted { $0.0.rawValue < $1.0.rawValue }
      var steps: [String: [[Double]]] = [:]
      for (name, value) in raw["steps"] as! [String: Any] { steps[name] = series(value) }
      return FixtureCase(
        optimizer: Optimizer(rawValue: raw["optimizer"] as! String)!,
        convention: Convention(rawValue: raw["convention"] as! String)!,
        datasetName: datasetName, dataset: datasets[datasetName]!, batch: batch,
        settings: settings,
        start: (init_["w"] as! [Any]).map(number) + [number(init_["b"]!)],
        steps: steps)
    }
  }
}
