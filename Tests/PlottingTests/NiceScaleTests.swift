import Testing

@testable import Plotting

@Suite struct NiceScaleTests {
  @Test(arguments: [
    (1.2, false, 2.0), (1.0, false, 1.0), (4.9, false, 5.0), (5.1, false, 10.0),
    (1.2, true, 1.0), (1.6, true, 2.0), (3.2, true, 5.0), (7.5, true, 10.0), (0.0031, true, 0.005),
  ])
  func niceNumbers(_ x: Double, _ rounding: Bool, _ expected: Double) {
    #expect(abs(NiceScale.niceNumber(x, rounding: rounding) - expected) < 1e-12 * expected)
  }

  @Test func ticksAtRoundNumbersCoverTheData() {
    let scale = NiceScale(minimum: 0.3, maximum: 97.2)
    #expect(scale.ticks == [0, 20, 40, 60, 80, 100])
    #expect(scale.lower <= 0.3 && scale.upper >= 97.2)
    let unit = NiceScale(minimum: 0, maximum: 1)
    #expect(unit.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(unit.ticks.map(unit.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    let negative = NiceScale(minimum: -0.0123, maximum: 0.0071)
    #expect(negative.ticks == [-0.015, -0.01, -0.005, 0, 0.005, 0.01])
  }

  @Test func aConstantSeriesStillGetsAnAxis() {
    let scale = NiceScale(minimum: 3, maximum: 3)
    #expect(scale.lower < 3 && scale.upper > 3)
    let zero = NiceScale(minimum: 0, maximum: 0)
    #expect(zero.lower < 0 && zero.upper > 0)
  }

  @Test func linearMapping() {
    let scale = NiceScale(minimum: 0, maximum: 100)
    #expect(scale.fraction(of: 0) == 0)
    #expect(scale.fraction(of: 50) == 0.5)
    #expect(scale.fraction(of: 100) == 1)
    #expect(scale.fraction(of: .nan) == nil)
    #expect(scale.fraction(of: .infinity) == nil)
    #expect(scale.value(at: 0.25) == 25)
  }

  @Test func logarithmicScaleHasDecadeTicksAndSkipsNonPositiveValues() {
    let scale = NiceScale(logarithmicMinimum: 0.003, maximum: 42)
    #expect(scale.lower == -3 && scale.upper == 2)
    let ticks = scale.ticks
    #expect(ticks.count == 6)
    for (tick, expected) in zip(ticks, [1e-3, 1e-2, 0.1, 1, 10, 100]) {
      #expect(abs(tick - expected) < 1e-12 * expected)
    }
    #expect(abs(scale.fraction(of: 1)! - 0.6) < 1e-12)
    #expect(abs(scale.fraction(of: 1e-3)!) < 1e-12)
    #expect(scale.fraction(of: 0) == nil)
    #expect(scale.fraction(of: -1) == nil)
    #expect(ticks.map(scale.label) == ["0.001", "0.01", "0.1", "1", "10", "100"])
  }

  @Test func manyDecadesAreLabelledEveryFewDecades() {
    let scale = NiceScale(logarithmicMinimum: 1e-12, maximum: 1)
    #expect(scale.spacing == 3)
    // One style on one axis: every decade as a power once one of them needs it.
    #expect(scale.ticks.map(scale.label) == ["1e-12", "1e-9", "1e-6", "1e-3", "1e0"])
    let rates = NiceScale(logarithmicMinimum: 0.02, maximum: 1e7)
    #expect(rates.ticks.map(rates.label) == ["1e-2", "1e0", "1e2", "1e4", "1e6", "1e8"])
  }

  @Test func anAxisOfWholeNumbersHasNoFractionalTicks() {
    let two = NiceScale(minimum: 0, maximum: 2, wholeNumbers: true)
    #expect(two.ticks == [0, 1, 2])
    #expect(NiceScale(minimum: 0, maximum: 2).ticks == [0, 0.5, 1, 1.5, 2])
    #expect(NiceScale(minimum: 0, maximum: 1000, wholeNumbers: true).ticks.count == 6)
  }
}
