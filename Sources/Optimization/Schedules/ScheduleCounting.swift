/// What a schedule counts, and so when it moves on.
///
/// PyTorch's schedulers advance when user code calls `scheduler.step()`: once per epoch in
/// the documentation's loop (the default here), once per update in some code (OneCycleLR's
/// own documentation). optax's schedules read the optimizer's update count and Keras's read
/// `optimizer.iterations`: both count updates, from 0 at the first.
public enum ScheduleCounting: String, Equatable, Sendable, CaseIterable {
  /// `scheduler.step()` after each pass over the data.
  case perEpoch = "per epoch"
  /// `scheduler.step()` after each update; optax's and Keras's only counting.
  case perUpdate = "per update"
}
