/// A schedule as a run reads it, one update after another: PyTorch's recursion carried
/// forward one `scheduler.step()` at a time, so a run of n updates costs n steps of it, and
/// the same value at the same count whatever came before (a count below the last one read
/// restarts the recursion from the scheduler's construction, as a rewind needs).
struct ScheduleCursor {
  let schedule: LearningRateSchedule
  /// The optimizer's η when the scheduler was made (PyTorch's `initial_lr`), and the
  /// default of optax's and Keras's initial values.
  let base: Double
  /// Added to the run's own update and epoch (counted from the rule's origin) to give the
  /// schedule's count: see ``rate(update:epoch:)``.
  let updateOffset: Int
  let epochOffset: Int
  /// SequentialLR's milestones (``LearningRateSchedule/milestones``).
  let milestones: [Int]
  /// The count whose value ``lr`` holds, −1 before any.
  private var count = -1
  private var lr = 0.0

  init(_ schedule: LearningRateSchedule, base: Double, updateOffset: Int = 0, epochOffset: Int = 0)
  {
    self.schedule = schedule
    self.base = base
    self.updateOffset = updateOffset
    self.epochOffset = epochOffset
    self.milestones = schedule.milestones
  }

  /// A run's cursor: the run's rule counts from `origin` (its epochs from `originEpoch`) and
  /// the schedule from the later of where it was set and `origin`.
  init(_ schedule: LearningRateSchedule, base: Double, origin: Int, updatesPerEpoch: Int) {
    let start = max(schedule.startsAfter, origin)
    self.init(
      schedule, base: base, updateOffset: start - origin,
      epochOffset: start / updatesPerEpoch - origin / updatesPerEpoch)
  }

  /// ηₜ of the run's update `update` (1-based from the rule's origin), in its epoch `epoch`
  /// (0-based from the origin's epoch).
  @inline(__always)
  mutating func rate(update: Int, epoch: Int) -> Double {
    let k = count(update: update, epoch: epoch)
    return k == count ? lr : rate(atCount: k)
  }

  /// The schedule's count at the run's update `update`, in its epoch `epoch`.
  @inline(__always)
  func count(update: Int, epoch: Int) -> Int {
    schedule.counting == .perUpdate ? update - 1 - updateOffset : epoch - epochOffset
  }

  /// η at count `k`.
  mutating func rate(atCount k: Int) -> Double {
    let phases = schedule.phases
    // ReduceLROnPlateau's lr comes from the run's state (``Run/usePlateauRate``).
    guard !schedule.followsLoss else { return base }
    guard schedule.library == .pytorch else {
      lr =
        schedule.library == .optax
        ? OptaxSchedule.value(phases[0], k, rate: base)
        : KerasSchedule.value(phases[0], k, rate: base)
      count = k
      return lr
    }
    if k < count || count < 0 {
      lr = TorchScheduler.initial(phases[0], base)
      count = 0
    }
    while count < k {
      count += 1
      let index = milestones.lastIndex { $0 <= count }.map { $0 + 1 } ?? 0
      let begins = index == 0 ? 0 : milestones[index - 1]
      lr =
        index > 0 && begins == count
        ? TorchScheduler.closedFormAtStart(phases[index], base)
        : TorchScheduler.next(phases[index], lr, count - begins, base: base)
    }
    return lr
  }
}
