import Optimization

extension Interpreter {
  /// Reads a CSV file, with or without a header row.
  ///
  /// A first row made only of numbers is data, not column names: the columns are then named
  /// x1, x2, ... and y (the last, unless `target=` names another), and a note says so. Errors
  /// name the file's own line numbers either way.
  static func readCSV(
    _ text: String, path: String, target: String?, isCancelled: () -> Bool = { false }
  ) throws(ShellError) -> (dataset: Dataset, notes: [String]) {
    let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
    let fields = firstLine.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0.filter { !$0.isWhitespace })
    }
    let isHeaderless =
      fields.count >= 2
      && fields.allSatisfy { field in Double(field).map { $0.isFinite } ?? false }
    guard isHeaderless else {
      do throws(DataError) {
        return (
          try Dataset.parsingCSV(text, name: path, target: target, isCancelled: isCancelled), []
        )
      } catch {
        throw ShellError(error.message)
      }
    }
    let names = (1..<fields.count).map { "x\($0)" } + ["y"]
    do throws(DataError) {
      let dataset = try Dataset.parsingCSV(
        names.joined(separator: ",") + "\n" + text, name: path, target: target,
        isCancelled: isCancelled)
      return (
        dataset,
        [
          "no header row (the first row is numbers): read as data, columns named "
            + names.joined(separator: ", ")
        ]
      )
    } catch {
      throw ShellError(shiftingLineNumbers(of: error.message, in: path))
    }
  }

  /// `data.csv:12: ...` → `data.csv:11: ...`: the line numbers of a file read with a header
  /// row put in front of it.
  private static func shiftingLineNumbers(of message: String, in path: String) -> String {
    let prefix = path + ":"
    guard message.hasPrefix(prefix) else { return message }
    let rest = message.dropFirst(prefix.count)
    let digits = rest.prefix { $0.isASCII && $0.isNumber }
    guard let line = Int(digits), rest.dropFirst(digits.count).hasPrefix(":") else {
      return message
    }
    return prefix + String(line - 1) + rest.dropFirst(digits.count)
  }

  /// A word of warning when targets lie outside [0, 1]: the sigmoid neuron's output never
  /// leaves (0, 1), so with either loss such a target cannot be fitted and the loss cannot
  /// reach 0.
  static func targetNotes(_ data: Dataset) -> [String] {
    let outside = data.targets.filter { $0 < 0 || $0 > 1 }
    guard let low = data.targets.min(), let high = data.targets.max(), !outside.isEmpty else {
      return []
    }
    return [
      "warning: \(outside.count) of \(data.count) targets lie outside [0, 1] (\(data.targetName) "
        + "from \(NumberFormat.text(low)) to \(NumberFormat.text(high))); the sigmoid's output "
        + "stays in (0, 1), so the loss cannot reach 0"
    ]
  }

  /// The first rows of the data, as `show data` prints them after its summary.
  func firstRows(_ count: Int = 5) -> [String] {
    let data = session.setup.dataset
    let shown = min(count, data.count)
    var table = TextTable(header: data.featureNames + [data.targetName])
    for i in 0..<shown {
      table.rows.append(
        data.point(i).map { NumberFormat.text($0) } + [NumberFormat.text(data.targets[i])])
    }
    let what =
      data.count == 1
      ? "its only row"
      : shown == data.count ? "all \(shown) rows" : "the first \(shown) of \(data.count) rows"
    return ["\(what):"] + table.lines(fitting: screen.width, keeping: 0, indent: "  ")
  }
}
