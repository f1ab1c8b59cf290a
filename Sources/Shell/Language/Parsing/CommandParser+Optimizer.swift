import Optimization

extension CommandParser {
  /// `OPTIMIZER[:CONVENTION][[NAME=VALUE, ...]]`: `adam`, `adam:keras`,
  /// `adam:pytorch[beta2=0.99, eps=1e-7]`. Blanks around `:` and `[` are allowed.
  mutating func parseSpec() throws(ParseError) -> OptimizerSpec {
    var spec = OptimizerSpec(
      optimizer: try parseName("optimizer", in: Vocabulary.optimizers).meaning(Optimizer.self))
    if skip(symbol: ":") {
      spec.convention = try parseName("convention", in: Vocabulary.conventions).meaning(
        Convention.self)
    }
    if skip(symbol: "[") {
      spec.overrides = try parseOverrides()
    }
    return spec
  }

  /// `NAME=VALUE, ...]` after `[`: each setting at most once; `[]` is allowed.
  private mutating func parseOverrides() throws(ParseError) -> [SettingAssignment] {
    var overrides: [SettingAssignment] = []
    if skip(symbol: "]") { return overrides }
    while true {
      let column = nextColumn
      let assignment = try parseAssignment()
      if overrides.contains(where: { $0.setting == assignment.setting }) {
        throw ParseError("setting '\(assignment.setting.rawValue)' given twice", column: column)
      }
      overrides.append(assignment)
      if skip(symbol: "]") { return overrides }
      guard skip(symbol: ",") else { throw expected("',' or ']'") }
    }
  }

  /// `compare SPEC SPEC... [steps N] [at T,T...] [reach LOSS] [show NAME,NAME...]`.
  mutating func parseCompare() throws(ParseError) -> Command {
    var specs: [OptimizerSpec] = []
    while let token = next, !["steps", "at", "reach", "show"].contains(where: token.isWord) {
      specs.append(try parseSpec())
    }
    guard specs.count >= 2 else {
      let found = specs.isEmpty ? "nothing" : "only '\(specs[0].optimizer.rawValue)'"
      throw ParseError(
        "expected at least two optimizers to compare, found \(found)", column: nextColumn)
    }
    let steps = skip(keyword: "steps") ? try parseCount(of: "steps", after: "steps") : nil
    let at = skip(keyword: "at") ? try parseUpdateList(after: "at") : []
    let reach = skip(keyword: "reach") ? try parseNumber(after: "reach") : nil
    var show: [QuantityRef] = []
    if skip(keyword: "show") {
      repeat {
        guard next?.kind == .word else { throw expected("a quantity such as 'loss' or 'lr_b'") }
        show.append(try parseQuantity())
      } while skip(symbol: ",")
    }
    return .compare(specs, steps: steps, at: at, reach: reach, show: show)
  }
}
