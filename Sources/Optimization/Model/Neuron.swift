import Dispatch

/// The notes' neuron f(x) = σ(w·x + b) on a data set, with a loss summed over points.
///
/// For the squared error L = Σᵢ ½(f(xᵢ) − yᵢ)² the gradient is
/// ∂L/∂wⱼ = Σᵢ (fᵢ − yᵢ)·fᵢ·(1 − fᵢ)·xᵢⱼ and ∂L/∂b = Σᵢ (fᵢ − yᵢ)·fᵢ·(1 − fᵢ): a weight
/// whose feature is zero for most points gets a zero contribution from most points.
/// Parameters are laid out as θ = (w₁, …, w_d, b).
///
/// Every point is evaluated in one order, z = b + w₁x₁ + … + w_d·x_d, and sums accumulate
/// point by point in data order, so results are the notes' to the last bit. A feature the
/// data set stores sparsely contributes only at its non-zero points (adding w·0 or slope·0
/// changes no finite sum). Sums over at least ``parallelThreshold`` points are split into
/// ``chunkCount`` fixed chunks summed concurrently and then added in chunk order: the
/// rounding then differs from one long sequential sum, but it is the same on every run and
/// every machine, so rewinding stays exact. Those large gradients also take e⁻ᶻ from
/// ``fastExp(_:)`` (vectorised, within 1 ulp of libm) and add each zᵢ's dense terms before
/// its sparse ones, in four-way partial sums: still deterministic, within about 1e-15 of the
/// plain loop. Everything below the threshold keeps libm's `exp` and the plain order.
struct Neuron {
  let dataset: Dataset
  let loss: LossFunction
  // The data set's arrays, held directly so that a gradient borrows them without copying
  // (and reference counting) the whole `Dataset` on every update.
  private let denseValues: [Double]
  private let denseCount: Int
  private let targets: [Double]
  private let storage: [FeatureStorage]
  private let sparse: SparseColumns

  init(dataset: Dataset, loss: LossFunction) {
    self.dataset = dataset
    self.loss = loss
    denseValues = dataset.denseValues
    denseCount = dataset.denseCount
    targets = dataset.targets
    storage = dataset.storage
    sparse = dataset.sparseColumns
  }

  /// Sums over this many points or more run in parallel chunks. The conformance fixtures
  /// (2 and 12 points) and mini-batches stay far below it.
  static let parallelThreshold = 65_536
  /// The fixed number of chunks of a parallel sum: a constant, not the core count, so the
  /// result does not depend on the machine. Sixteen keeps two to sixteen cores busy.
  static let chunkCount = 16

  /// The loss summed over every point at `parameters`.
  func totalLoss(at parameters: [Double]) -> Double {
    var total = 0.0
    withKernel(parameters) { kernel in
      let range = 0..<targets.count
      guard range.count >= Neuron.parallelThreshold else {
        total = kernel.loss(over: range)
        return
      }
      Neuron.inChunks(of: range, width: 1) { chunk, slot in
        slot[0] = kernel.loss(over: chunk)
      } combine: { slot in
        total += slot[0]
      }
    }
    return total
  }

  /// Writes into `gradient` the gradient at `parameters` summed over the points of `range`.
  func gradient(at parameters: [Double], over range: Range<Int>, into gradient: inout [Double]) {
    if range.count < Kernel.blockedMinimum && sparse.count == 0 {
      smallDenseGradient(at: parameters, over: range, into: &gradient)
      return
    }
    let width = dataset.dimension + 1
    withKernel(parameters) { kernel in
      gradient.withUnsafeMutableBufferPointer { g in
        guard range.count >= Neuron.parallelThreshold else {
          kernel.accumulateGradient(over: range, into: g)
          return
        }
        for j in 0..<width { g[j] = 0 }
        Neuron.inChunks(of: range, width: width) { chunk, slot in
          kernel.accumulateGradient(over: chunk, into: slot, fastExp: true)
        } combine: { slot in
          for j in 0..<width { g[j] += slot[j] }
        }
      }
    }
  }

  /// Runs `work` on the ``chunkCount`` chunks of `range` concurrently, each writing `width`
  /// numbers into its own slot, then calls `combine` on the slots in chunk order.
  ///
  /// Slots are a cache line apart, so the threads never write to the same line.
  private static func inChunks(
    of range: Range<Int>, width: Int,
    _ work: (Range<Int>, UnsafeMutableBufferPointer<Double>) -> Void,
    combine: (UnsafeMutableBufferPointer<Double>) -> Void
  ) {
    let stride = (width + 7) / 8 * 8 + 8
    withUnsafeTemporaryAllocation(of: Double.self, capacity: chunkCount * stride) { memory in
      let slots = Slots(memory: memory, stride: stride, width: width)
      withoutActuallyEscaping(work) { work in
        let shared = UncheckedSendable(work)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { k in
          shared.value(chunk(k, of: range), slots[k])
        }
      }
      for k in 0..<chunkCount { combine(slots[k]) }
    }
  }

  /// The gradient over a few points of dense data (the notes' per-point listings): the
  /// plain loop, with the four buffers it needs and nothing else, since at one point per
  /// update setting up the general kernel cost more than the point itself.
  private func smallDenseGradient(
    at parameters: [Double], over range: Range<Int>, into gradient: inout [Double]
  ) {
    let d = denseCount
    parameters.withUnsafeBufferPointer { p in
      denseValues.withUnsafeBufferPointer { x in
        targets.withUnsafeBufferPointer { y in
          gradient.withUnsafeMutableBufferPointer { g in
            Neuron.denseGradient(loss, at: p, over: range, x, y, d: d, into: g)
          }
        }
      }
    }
  }

  /// The plain loop over a few dense points, on buffers: z = b + Σ wⱼxⱼ in feature order,
  /// then g += ∂ℓ/∂z·(x, 1) point by point. The per-point update loop of ``Run`` calls it on
  /// buffers it already holds, so both paths run the same operations in the same order.
  @inline(__always)
  static func denseGradient(
    _ loss: LossFunction, at p: UnsafeBufferPointer<Double>, over range: Range<Int>,
    _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, d: Int,
    into g: UnsafeMutableBufferPointer<Double>
  ) {
    guard let first = range.first else {
      for j in 0...d { g[j] = 0 }
      return
    }
    // The first point writes 0 + its term instead of adding to zeros stored first: the same
    // bits, without a store and a reload on the path from one update to the next.
    var z = p[d]
    var row = first &* d
    for j in 0..<d { z += p[j] * x[row &+ j] }
    var slope = loss.slope(z: z, target: y[first])
    for j in 0..<d { g[j] = 0 + slope * x[row &+ j] }
    g[d] = 0 + slope
    for i in range.dropFirst() {
      z = p[d]
      row = i &* d
      for j in 0..<d { z += p[j] * x[row &+ j] }
      slope = loss.slope(z: z, target: y[i])
      for j in 0..<d { g[j] += slope * x[row &+ j] }
      g[d] += slope
    }
  }

  /// Writes into `gradient` the gradient at `parameters` summed over the points `indices`
  /// yields, in that order (a shuffled epoch's batch).
  func gradient<Points: Sequence<Int>>(
    at parameters: [Double], over indices: Points, into gradient: inout [Double]
  ) {
    withKernel(parameters) { kernel in
      gradient.withUnsafeMutableBufferPointer { g in
        kernel.accumulateGradient(at: indices, into: g)
      }
    }
  }

  /// Chunk `k` of ``chunkCount`` nearly equal, consecutive parts of `range`.
  static func chunk(_ k: Int, of range: Range<Int>) -> Range<Int> {
    let n = range.count
    return (range.lowerBound + k * n / chunkCount)..<(range.lowerBound + (k + 1) * n / chunkCount)
  }

  /// Calls `body` with the data set's and the parameters' arrays as buffers.
  private func withKernel(_ parameters: [Double], _ body: (Kernel) -> Void) {
    parameters.withUnsafeBufferPointer { p in
      denseValues.withUnsafeBufferPointer { dense in
        targets.withUnsafeBufferPointer { y in
          storage.withUnsafeBufferPointer { storage in
            sparse.starts.withUnsafeBufferPointer { starts in
              sparse.indices.withUnsafeBufferPointer { indices in
                sparse.values.withUnsafeBufferPointer { values in
                  body(
                    Kernel(
                      loss: loss, parameters: p, dense: dense, denseCount: denseCount,
                      targets: y, storage: storage, sparseStarts: starts,
                      sparseIndices: indices, sparseValues: values))
                }
              }
            }
          }
        }
      }
    }
  }
}

/// The per-chunk output slots of a parallel sum: each iteration writes only its own slot.
private struct Slots: @unchecked Sendable {
  let memory: UnsafeMutableBufferPointer<Double>
  let stride: Int
  let width: Int

  subscript(k: Int) -> UnsafeMutableBufferPointer<Double> {
    UnsafeMutableBufferPointer(rebasing: memory[(k * stride)..<(k * stride + width)])
  }
}

/// A value handed to the threads of a parallel sum that only read it (the kernel's buffers
/// and the work closure): concurrentPerform returns only when every iteration has finished.
private struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// The neuron's inner loops over buffers: no bounds or uniqueness checks, no reference
/// counting, safe to share between the threads of a parallel sum (it only reads, and each
/// thread writes its own slot).
private struct Kernel: @unchecked Sendable {
  let loss: LossFunction
  let parameters: UnsafeBufferPointer<Double>
  let dense: UnsafeBufferPointer<Double>
  let denseCount: Int
  let targets: UnsafeBufferPointer<Double>
  let storage: UnsafeBufferPointer<FeatureStorage>
  let sparseStarts: UnsafeBufferPointer<Int>
  let sparseIndices: UnsafeBufferPointer<Int>
  let sparseValues: UnsafeBufferPointer<Double>

  var dimension: Int { storage.count }
  var hasSparseFeatures: Bool { sparseStarts.count > 1 }

  /// Ranges at least this long go through the blocked loops.
  static let blockedMinimum = 64
  /// Points per block of the blocked loops (two blocks of numbers live on the stack).
  static let blockSize = 256

  /// Σ ℓ(zᵢ, yᵢ) over `range`, in order.
  func loss(over range: Range<Int>) -> Double {
    var total = 0.0
    guard range.count >= Kernel.blockedMinimum else {
      forEachPoint(in: range) { i, z, _ in total += loss.value(z: z, target: targets[i]) }
      return total
    }
    inBlocks(of: range) { block, z, _, _ in
      for i in block { total += loss.value(z: z[i - block.lowerBound], target: targets[i]) }
    }
    return total
  }

  /// The gradient summed over `range` into `g` (d + 1 entries, overwritten).
  ///
  /// With `fastExp` (the parallel sums only) the blocked loop evaluates σ with ``fastExp(_:)``,
  /// vectorised, instead of libm's `exp`: within 1 ulp, so the sums move by about 1e-16
  /// relative, and still the same bits on every run and machine.
  func accumulateGradient(
    over range: Range<Int>, into g: UnsafeMutableBufferPointer<Double>, fastExp: Bool = false
  ) {
    let d = dimension
    for j in 0...d { g[j] = 0 }
    guard range.count >= Kernel.blockedMinimum else {
      forEachPoint(in: range) { i, z, sparsePositions in
        let slope = loss.slope(z: z, target: targets[i])
        addSlope(slope, point: i, sparsePositions, into: g)
      }
      return
    }
    withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, denseCount)) { sums in
      for k in 0..<denseCount { sums[k] = 0 }
      var bias = 0.0
      inBlocks(of: range, denseFirst: fastExp) { block, z, slopes, firstEntries in
        let start = block.lowerBound
        if fastExp {
          fastSlopes(of: block, z: z, into: slopes)
          addBlockSums(of: block, slopes: slopes, into: sums, bias: &bias)
        } else {
          for i in block {
            slopes[i - start] = loss.slope(z: z[i - start], target: targets[i])
          }
          // Each sum is its own chain, accumulated point by point in data order as before;
          // the dense features' chains run side by side, the sparse ones over their entries.
          for i in block {
            let slope = slopes[i - start]
            let row = i &* denseCount
            for k in 0..<denseCount { sums[k] += slope * dense[row &+ k] }
            bias += slope
          }
        }
        for j in 0..<d {
          guard case .sparse(let k) = storage[j] else { continue }
          var e = firstEntries[k]
          while e < sparseStarts[k + 1] && sparseIndices[e] < block.upperBound {
            g[j] += slopes[sparseIndices[e] - start] * sparseValues[e]
            e += 1
          }
        }
      }
      for j in 0..<d {
        if case .dense(let k) = storage[j] { g[j] = sums[k] }
      }
      g[d] = bias
    }
  }

  /// ∂ℓ/∂z at the block's points into `slopes`, with σ(z) = 1/(1 + e⁻ᶻ) and e⁻ᶻ from
  /// ``fastExp(_:)``: straight-line arithmetic the compiler vectorises, one division a point.
  @inline(__always)
  private func fastSlopes(
    of block: Range<Int>, z: UnsafeMutableBufferPointer<Double>,
    into slopes: UnsafeMutableBufferPointer<Double>
  ) {
    let start = block.lowerBound
    let count = block.count
    for i in 0..<count { slopes[i] = fastExp(-z[i]) }
    switch loss {
    case .squared:
      for i in 0..<count {
        let f = 1 / (1 + slopes[i])
        slopes[i] = (f - targets[start &+ i]) * f * (1 - f)
      }
    case .crossEntropy:
      for i in 0..<count { slopes[i] = 1 / (1 + slopes[i]) - targets[start &+ i] }
    }
  }

  /// Adds the block's Σ slopeᵢ·xᵢₖ to `sums[k]` for the dense features and Σ slopeᵢ to `bias`,
  /// each through four partial sums (points i ≡ 0, 1, 2, 3 mod 4) added as (s₀ + s₁) + (s₂ + s₃):
  /// four independent chains instead of one, in an order fixed by the block alone.
  @inline(__always)
  private func addBlockSums(
    of block: Range<Int>, slopes: UnsafeMutableBufferPointer<Double>,
    into sums: UnsafeMutableBufferPointer<Double>, bias: inout Double
  ) {
    let count = block.count
    let whole = count & ~3
    for k in 0..<denseCount {
      let x = dense.baseAddress! + (block.lowerBound &* denseCount &+ k)
      let step = denseCount
      var s0 = 0.0
      var s1 = 0.0
      var s2 = 0.0
      var s3 = 0.0
      var i = 0
      while i < whole {
        s0 += slopes[i] * x[i &* step]
        s1 += slopes[i &+ 1] * x[(i &+ 1) &* step]
        s2 += slopes[i &+ 2] * x[(i &+ 2) &* step]
        s3 += slopes[i &+ 3] * x[(i &+ 3) &* step]
        i &+= 4
      }
      while i < count {
        s0 += slopes[i] * x[i &* step]
        i &+= 1
      }
      sums[k] += (s0 + s1) + (s2 + s3)
    }
    var s0 = 0.0
    var s1 = 0.0
    var s2 = 0.0
    var s3 = 0.0
    var i = 0
    while i < whole {
      s0 += slopes[i]
      s1 += slopes[i &+ 1]
      s2 += slopes[i &+ 2]
      s3 += slopes[i &+ 3]
      i &+= 4
    }
    while i < count {
      s0 += slopes[i]
      i &+= 1
    }
    bias += (s0 + s1) + (s2 + s3)
  }

  /// z[i] = b + Σₖ wₖ·x₍start+i₎ₖ over the dense columns k in order, four points at a time so
  /// that four independent sums are in flight.
  @inline(__always)
  private func denseTerms(
    of block: Range<Int>, bias b: Double, weights: UnsafeMutablePointer<Double>,
    into z: UnsafeMutableBufferPointer<Double>
  ) {
    let count = block.count
    let step = denseCount
    let rows = dense.baseAddress! + block.lowerBound &* step
    var i = 0
    while i &+ 4 <= count {
      let row = rows + i &* step
      var s0 = b
      var s1 = b
      var s2 = b
      var s3 = b
      for k in 0..<step {
        let w = weights[k]
        s0 += w * row[k]
        s1 += w * row[step &+ k]
        s2 += w * row[2 &* step &+ k]
        s3 += w * row[3 &* step &+ k]
      }
      z[i] = s0
      z[i &+ 1] = s1
      z[i &+ 2] = s2
      z[i &+ 3] = s3
      i &+= 4
    }
    while i < count {
      let row = rows + i &* step
      var sum = b
      for k in 0..<step { sum += weights[k] * row[k] }
      z[i] = sum
      i &+= 1
    }
  }

  /// Calls `body(block, z, slopes, firstEntries)` for consecutive blocks of `range`, with
  /// `z[i − block.lowerBound]` = zᵢ for the block's points, scratch room for their slopes,
  /// and per sparse column the position of its first entry in the block.
  ///
  /// zᵢ = b + w₁xᵢ₁ + … is built one feature at a time over the whole block: every zᵢ still
  /// adds its terms in feature order, so the bits are those of the point-by-point loop, but
  /// the loop over points has no dependency between iterations (the compiler vectorises it),
  /// and the exp calls that follow run back to back instead of between dependent sums.
  ///
  /// With `denseFirst` (the fast-exp path, which need not match the plain loop's bits) each zᵢ
  /// is instead b + (its dense terms, in column order) + (its sparse terms), the dense part
  /// in one pass over the row held in a register rather than one pass over z per feature.
  @inline(__always)
  private func inBlocks(
    of range: Range<Int>, denseFirst: Bool = false,
    _ body: (
      Range<Int>, UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>,
      UnsafeMutableBufferPointer<Int>
    ) -> Void
  ) {
    let d = dimension
    let size = Kernel.blockSize
    let sparseCount = sparseStarts.count - 1
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * size + denseCount) { scratch in
      let z = UnsafeMutableBufferPointer(rebasing: scratch[0..<size])
      let slopes = UnsafeMutableBufferPointer(rebasing: scratch[size..<(2 * size)])
      let denseWeights = scratch.baseAddress! + 2 * size
      for j in 0..<d {
        if case .dense(let k) = storage[j] { denseWeights[k] = parameters[j] }
      }
      withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, sparseCount)) { cursors in
        for k in 0..<sparseCount {
          cursors[k] = firstPosition(column: k, atOrAfter: range.lowerBound)
        }
        var start = range.lowerBound
        while start < range.upperBound {
          let block = start..<min(start + size, range.upperBound)
          let b = parameters[d]
          if denseFirst {
            denseTerms(of: block, bias: b, weights: denseWeights, into: z)
          } else {
            for i in 0..<block.count { z[i] = b }
          }
          for j in 0..<d {
            let w = parameters[j]
            switch storage[j] {
            case .dense(let k):
              if denseFirst { continue }
              for i in block { z[i &- start] += w * dense[i &* denseCount &+ k] }
            case .sparse(let k):
              var e = cursors[k]
              while e < sparseStarts[k + 1] && sparseIndices[e] < block.upperBound {
                z[sparseIndices[e] &- start] += w * sparseValues[e]
                e += 1
              }
            }
          }
          body(block, z, slopes, cursors)
          for k in 0..<sparseCount {
            var e = cursors[k]
            while e < sparseStarts[k + 1] && sparseIndices[e] < block.upperBound { e += 1 }
            cursors[k] = e
          }
          start = block.upperBound
        }
      }
    }
  }

  /// The gradient summed over `indices`, in their order, into `g` (overwritten). A sparse
  /// feature's value is found by binary search, since the points come in any order.
  func accumulateGradient<Points: Sequence<Int>>(
    at indices: Points, into g: UnsafeMutableBufferPointer<Double>
  ) {
    let d = dimension
    for j in 0...d { g[j] = 0 }
    for i in indices {
      var z = parameters[d]
      for j in 0..<d { z += parameters[j] * value(feature: j, point: i) }
      let slope = loss.slope(z: z, target: targets[i])
      for j in 0..<d { g[j] += slope * value(feature: j, point: i) }
      g[d] += slope
    }
  }

  /// Calls `body(i, zᵢ, cursors)` for every point of `range` in order, where `cursors`
  /// holds, per sparse column, the position of its first entry at a point ≥ i.
  ///
  /// Without sparse features this is the plain row-major loop. With them, each sparse column
  /// keeps a cursor on its next non-zero entry, so a point whose value is zero costs one
  /// compare.
  @inline(__always)
  private func forEachPoint(
    in range: Range<Int>, _ body: (Int, Double, UnsafeMutableBufferPointer<Int>) -> Void
  ) {
    let d = dimension
    let sparseCount = sparseStarts.count - 1
    withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, sparseCount)) { cursors in
      for k in 0..<sparseCount {
        cursors[k] = firstPosition(column: k, atOrAfter: range.lowerBound)
      }
      if !hasSparseFeatures {
        for i in range {
          var z = parameters[d]
          let row = i * d
          for j in 0..<d { z += parameters[j] * dense[row + j] }
          body(i, z, cursors)
        }
        return
      }
      let row = denseCount
      for i in range {
        var z = parameters[d]
        for j in 0..<d {
          switch storage[j] {
          case .dense(let k): z += parameters[j] * dense[i * row + k]
          case .sparse(let k):
            let e = cursors[k]
            if e < sparseStarts[k + 1] && sparseIndices[e] == i {
              z += parameters[j] * sparseValues[e]
            }
          }
        }
        body(i, z, cursors)
        for k in 0..<sparseCount {
          let e = cursors[k]
          if e < sparseStarts[k + 1] && sparseIndices[e] == i { cursors[k] = e + 1 }
        }
      }
    }
  }

  /// g += slope·xᵢ, and the bias's slope; `cursors` are those of point i.
  @inline(__always)
  private func addSlope(
    _ slope: Double, point i: Int, _ cursors: UnsafeMutableBufferPointer<Int>,
    into g: UnsafeMutableBufferPointer<Double>
  ) {
    let d = dimension
    if !hasSparseFeatures {
      let row = i * d
      for j in 0..<d { g[j] += slope * dense[row + j] }
    } else {
      for j in 0..<d {
        switch storage[j] {
        case .dense(let k): g[j] += slope * dense[i * denseCount + k]
        case .sparse(let k):
          let e = cursors[k]
          if e < sparseStarts[k + 1] && sparseIndices[e] == i {
            g[j] += slope * sparseValues[e]
          }
        }
      }
    }
    g[d] += slope
  }

  /// Feature `j` of point `i`, wherever it is stored.
  @inline(__always)
  private func value(feature j: Int, point i: Int) -> Double {
    switch storage[j] {
    case .dense(let k): return dense[i * denseCount + k]
    case .sparse(let k):
      let e = firstPosition(column: k, atOrAfter: i)
      return e < sparseStarts[k + 1] && sparseIndices[e] == i ? sparseValues[e] : 0
    }
  }

  /// The position of sparse column `k`'s first entry at a point ≥ `i`.
  private func firstPosition(column k: Int, atOrAfter i: Int) -> Int {
    var low = sparseStarts[k]
    var high = sparseStarts[k + 1]
    while low < high {
      let middle = (low + high) / 2
      if sparseIndices[middle] < i { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
