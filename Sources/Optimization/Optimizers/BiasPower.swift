/// What t in the bias corrections 1 − βᵗ counts.
public enum BiasPower: String, CaseIterable, Sendable {
  /// The number of updates so far: every library, and the notes' formulas.
  case update
  /// The number of the current epoch (pass over the data), from 1: the notes' Adam listing,
  /// which raises β to i + 1 with i the epoch while it updates once per point.
  case epoch
}
