/// How many points feed one update.
public enum BatchSize: Equatable, Sendable, CustomStringConvertible {
  /// One update per pass, the gradient summed over every point (the notes' formulas).
  case full
  /// One update per k points, in data order (k = 1 is the notes' code listings).
  case points(Int)

  public var description: String {
    switch self {
    case .full: return "full"
    case .points(let k): return String(k)
    }
  }
}

/// How a run consumes the data: the batch size, the order, and the loss.
public struct TrainingSetup: Equatable, Sendable {
  /// Points per update.
  public var batch: BatchSize = .full
  /// Whether each epoch visits the points in a fresh random order.
  public var shuffle: Bool = false
  /// The seed of the shuffle; the same seed always gives the same orders.
  public var seed: UInt64 = 0
  /// The loss that is summed over the points of a batch.
  public var loss: LossFunction = .squared

  /// The default: full batch, data order, squared error.
  public init() {}

  /// Updates in one pass over `count` points: 1 for a full batch, ⌈n/k⌉ otherwise.
  public func updatesPerEpoch(count: Int) -> Int {
    switch batch {
    case .full: return 1
    case .points(let k): return max(1, (count + k - 1) / k)
    }
  }

  /// Points one update uses at most.
  public func pointsPerUpdate(count: Int) -> Int {
    switch batch {
    case .full: return count
    case .points(let k): return min(k, count)
    }
  }
}
