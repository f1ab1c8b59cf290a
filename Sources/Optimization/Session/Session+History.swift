/// One recorded point of a run: the update count and the values asked for.
public struct HistoryPoint: Equatable, Sendable {
  /// The update after which the values were taken (0 is the start).
  public var t: Int
  /// One value per quantity asked for, in the order asked.
  public var values: [QuantityValue]
}

extension Session {
  /// The values of `quantities` after the updates `from`, `from + every`, … up to `to`
  /// (clamped to 0…t), recomputed exactly from the trajectory's checkpoints: the same
  /// numbers the run showed on the way. The session itself does not move.
  ///
  /// Quantities that describe the last update (dw, lr_w, …) have no value at t = 0;
  /// the point at t = 0 is skipped when one of them is asked for.
  public func history(
    of quantities: [Quantity], from: Int = 0, to: Int? = nil, every: Int = 1
  ) -> [HistoryPoint] {
    let last = min(to ?? t, t)
    let first = max(0, from)
    let stride = max(1, every)
    guard first <= last else { return [] }
    let needsUpdate = quantities.contains(where: \.describesLastUpdate)
    var replay = self
    replay.rewind(to: first)
    var points: [HistoryPoint] = []
    points.reserveCapacity((last - first) / stride + 1)
    var position = first
    while true {
      if !(needsUpdate && position == 0) {
        points.append(
          HistoryPoint(t: position, values: quantities.map { replay.value(of: $0) }))
      }
      let next = position + stride
      guard next <= last else { break }
      _ = replay.step(next - position)
      position = next
    }
    return points
  }

  /// An evenly spaced sample of at most `count` points over the whole run, always
  /// including the last update: what a plot of a long run draws.
  public func sampledHistory(of quantities: [Quantity], count: Int) -> [HistoryPoint] {
    let every = max(1, (t + count - 1) / max(1, count))
    var points = history(of: quantities, every: every)
    if let last = points.last, last.t != t {
      points += history(of: quantities, from: t, to: t)
    }
    return points
  }
}
