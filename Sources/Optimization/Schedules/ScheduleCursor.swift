/// A schedule as a run reads it, one update after another: PyTorch's recursion carried
/// forward one `scheduler.step()` at a time, so a run of n updates costs n steps of it, and
/// the same value at the same count whatever came before (a count below the last one read
/// restarts the recursion from the scheduler's construction, as a rewind needs).
///
/// The schedule's parameters are read once, typed, when the cursor is made (``Formula``), and
/// a chain's current phase is carried forward with the count: an update reads no parameter
/// by name and searches no milestone.
struct ScheduleCursor {
  /// The schedule's formula with its parameters in typed form. Indirect (one reference):
  /// held inline, its many spare bits made `ScheduleCursor?`'s nil test an out-of-line call
  /// on every update of a run without a schedule (callgrind: 9 instructions an update).
  indirect enum Formula {
    /// PyTorch's scheduler, or SequentialLR's schedulers in order.
    case pytorch([TorchScheduler])
    case optax(OptaxSchedule)
    case keras(KerasSchedule)
    /// ReduceLROnPlateau: its lr comes from the run's state (``Run/usePlateauRate``).
    case followsLoss
  }

  let schedule: LearningRateSchedule
  let formula: Formula
  /// Whether the count counts updates (else epochs).
  let perUpdate: Bool
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
  /// The PyTorch phase that `count` falls in: the number of milestones ≤ `count`.
  private var phase = 0

  init(_ schedule: LearningRateSchedule, base: Double, updateOffset: Int = 0, epochOffset: Int = 0)
  {
    self.schedule = schedule
    self.base = base
    self.updateOffset = updateOffset
    self.epochOffset = epochOffset
    self.milestones = schedule.milestones
    self.perUpdate = schedule.counting == .perUpdate
    let phases = schedule.phases
    if schedule.followsLoss {
      formula = .followsLoss
    } else {
      switch schedule.library {
      case .pytorch: formula = .pytorch(phases.map { TorchScheduler($0, base: base) })
      case .optax: formula = .optax(OptaxSchedule(phases[0], rate: base))
      case .keras: formula = .keras(KerasSchedule(phases[0], rate: base))
      }
    }
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
    perUpdate ? update - 1 - updateOffset : epoch - epochOffset
  }

  /// η at count `k`.
  mutating func rate(atCount k: Int) -> Double {
    switch formula {
    case .followsLoss: return base
    case .optax(let formula): lr = formula.value(k)
    case .keras(let formula): lr = formula.value(k)
    case .pytorch(let schedulers): stepPyTorch(schedulers, to: k)
    }
    count = k
    return lr
  }

  /// Carries PyTorch's recursion to count `k`, one `scheduler.step()` at a time, from the
  /// scheduler's construction when `k` is below the count reached (a rewind).
  private mutating func stepPyTorch(_ schedulers: [TorchScheduler], to k: Int) {
    if k < count || count < 0 {
      lr = schedulers[0].initial(base)
      count = 0
      phase = 0
    }
    while count < k {
      count += 1
      while phase < milestones.count && milestones[phase] <= count { phase += 1 }
      let begins = phase == 0 ? 0 : milestones[phase - 1]
      lr =
        phase > 0 && begins == count
        ? schedulers[phase].closedFormAtStart(base)
        : schedulers[phase].next(lr, count - begins, base: base)
    }
  }
}
