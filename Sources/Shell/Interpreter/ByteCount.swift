/// Sizes in memory for messages: `800 MB`, `8 TB` (decimal units, 3 significant digits).
enum ByteCount {
  static func text(_ bytes: Double) -> String {
    let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
    var value = bytes
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    let rounded = value >= 100 ? value.rounded() : (value * 10).rounded() / 10
    let number = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    return "\(number) \(units[unit])"
  }
}
