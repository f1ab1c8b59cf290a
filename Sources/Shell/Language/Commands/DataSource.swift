/// Where `load` takes its data from.
public enum DataSource: Equatable, Sendable {
  /// The notes' small example data set.
  case toy
  /// Synthetic data with one sparse feature: `n` points, `density` the fraction of points where
  /// the sparse feature is non-zero, `seed` for the random generator. Each is nil when not given.
  case sparse(count: Int?, density: Double?, seed: UInt64?)
  /// A CSV file; `target` names the label column (nil: the engine's default, the last column).
  case csv(path: String, target: String?)
}
