import Testing

@testable import Plotting

@Suite struct ChartTests {
  @Test func goldenAsciiChart() {
    let chart = LineChart(
      series: [Series(name: "loss", points: [Point(0, 4), Point(1, 1), Point(2, 0)])],
      title: "loss against t", rows: 5)
    let text = chart.text(width: 30, colour: false, braille: false)
    #expect(
      text == [
        "loss against t",
        "  +-----------------------+",
        "4 +**                     |",
        "3 +  ****                 |",
        "2 +      ****             |",
        "1 +          *******      |",
        "0 +                 ******|",
        "  ++----------+----------++",
        "   0          1          2  t",
        "  * loss",
      ])
  }

  @Test func goldenBrailleChartIsTheSameLayout() {
    let chart = LineChart(
      series: [Series(name: "loss", points: [Point(0, 4), Point(1, 1), Point(2, 0)])],
      title: "loss against t", rows: 5)
    let text = chart.text(width: 30, colour: false, braille: true)
    #expect(text.count == 9)
    #expect(text.allSatisfy { $0.count <= 30 })
    #expect(text[2].hasPrefix("4 ┤⠑⠢⢄"))
  }

  @Test func nonFiniteValuesLeaveAGap() {
    let points = (0...20).map { Point(Double($0), $0 >= 8 && $0 <= 12 ? .nan : 1) }
    let chart = LineChart(series: [Series(name: "x", points: points)], title: "", rows: 3)
    let text = chart.text(width: 30, colour: false, braille: false)
    let row = text.first { $0.contains("*") }!
    let marks = Array(row)
    let first = marks.firstIndex(of: "*")!
    let last = marks.lastIndex(of: "*")!
    let inside = marks[first...last]
    #expect(inside.contains(" "), "a gap at t = 8…12: \(row)")
  }

  @Test func logScaleSkipsNonPositiveValues() {
    let points = [Point(0, 100), Point(1, 0), Point(2, 1), Point(3, 0.01)]
    let chart = LineChart(
      series: [Series(name: "x", points: points)], title: "", logarithmic: true, rows: 5)
    #expect(chart.axes.y.isLogarithmic)
    #expect(chart.axes.y.lower == -2 && chart.axes.y.upper == 2)
    #expect(!chart.isDrawable(points[1]))
    let text = chart.text(width: 40, colour: false, braille: false)
    #expect(text.contains { $0.hasPrefix(" 100 +") })
    #expect(text.contains { $0.hasPrefix("0.01 +") })
  }

  @Test func fitsTheWidth() {
    let points = (0...500).map { Point(Double($0), Double($0 * $0)) }
    for width in [40, 80, 132] {
      for braille in [true, false] {
        let chart = LineChart(
          series: [Series(name: "a", points: points), Series(name: "b", points: points)],
          title: "t", rows: 8)
        let text = chart.text(width: width, colour: false, braille: braille)
        #expect(text.allSatisfy { $0.count <= width }, "\(width)")
      }
    }
  }

  @Test func contourLevelsShowThePlateau() {
    // A valley over 20% of the grid and a plateau between 0.40 and 0.42 over the rest,
    // like the sigmoid neuron's loss.
    let grid = (0..<50).map { row in
      (0..<50).map { column -> Double in
        column < 10 ? 0.4 * Double(column) / 10 : 0.40 + 0.02 * Double(column + row) / 100
      }
    }
    let levels = ContourPlot.levels(grid.flatMap { $0 }, count: 8)
    #expect(levels.count == 8)
    #expect(levels.filter { $0 > 0.4 }.count >= 6)
    #expect(zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 })
    // Evenly spaced levels over 0…0.42 would put at most one on the plateau.
    let even = (1...8).map { 0.42 * Double($0) / 9 }
    #expect(even.filter { $0 > 0.4 }.count <= 1)
  }

  @Test func contourPlotDrawsPathEnds() {
    let axes = Axes(x: NiceScale(minimum: -1, maximum: 1), y: NiceScale(minimum: -1, maximum: 1))
    let xs = ContourPlot.samples(of: axes.x, count: 21)
    let grid = xs.map { y in xs.map { x in x * x + y * y } }
    let path = Series(name: "gd", points: [Point(-0.8, -0.8), Point(0, 0)])
    let plot = ContourPlot(
      axes: axes, grid: grid, paths: [path], title: "bowl", xLabel: "w", yLabel: "b", rows: 10)
    let text = plot.text(width: 60, colour: false, braille: true)
    #expect(text.contains { $0.contains("o") })
    #expect(text.contains { $0.contains("x") })
    #expect(text.contains { $0.hasPrefix("  contours a ") })
    #expect(text.contains { $0.hasPrefix("  * lowest loss on the grid, ") })
    #expect(parsesAsXML(plot.svg).ok)
  }
}
