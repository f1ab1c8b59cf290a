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
///
/// This file holds the model and its plain loop (``denseGradient(_:at:over:_:_:d:into:)``),
/// which the notes' per-point listings run; the fast paths are apart from it:
/// `Neuron+Parallel.swift` (the chunked sums), `NeuronKernel.swift` (the loops over
/// buffers), `NeuronKernel+Blocked.swift` (a block of points at a time) and
/// `NeuronKernel+Sparse.swift` (sparse features, points in any order).
struct Neuron {
  let dataset: Dataset
  let loss: LossFunction
  // The data set's arrays, held directly so that a gradient borrows them without copying
  // (and reference counting) the whole `Dataset` on every update.
  let denseValues: [Double]
  let denseCount: Int
  let targets: [Double]
  let storage: [FeatureStorage]
  let sparse: SparseColumns

  init(dataset: Dataset, loss: LossFunction) {
    self.dataset = dataset
    self.loss = loss
    denseValues = dataset.denseValues
    denseCount = dataset.denseCount
    targets = dataset.targets
    storage = dataset.storage
    sparse = dataset.sparseColumns
  }

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
    if range.count < NeuronKernel.blockedMinimum && sparse.count == 0 {
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
    // The first point stores 0 + its term rather than adding it to a zeroed g: the same
    // bits (0 + −0 is +0 either way), without a pass that zeroes g first.
    let slope = denseSlope(loss, at: p, point: first, x, y, d: d)
    for j in 0..<d { g[j] = 0 + slope * x[first &* d &+ j] }
    g[d] = 0 + slope
    for i in (first + 1)..<range.upperBound {
      let slope = denseSlope(loss, at: p, point: i, x, y, d: d)
      let row = i &* d
      for j in 0..<d { g[j] += slope * x[row &+ j] }
      g[d] += slope
    }
  }

  /// ∂ℓ/∂z at dense point `i`, with z = b + Σ wⱼxᵢⱼ in feature order.
  @inline(__always)
  private static func denseSlope(
    _ loss: LossFunction, at p: UnsafeBufferPointer<Double>, point i: Int,
    _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, d: Int
  ) -> Double {
    var z = p[d]
    let row = i &* d
    for j in 0..<d { z += p[j] * x[row &+ j] }
    return loss.slope(z: z, target: y[i])
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

  /// Calls `body` with the data set's and the parameters' arrays as buffers.
  private func withKernel(_ parameters: [Double], _ body: (NeuronKernel) -> Void) {
    parameters.withUnsafeBufferPointer { p in
      denseValues.withUnsafeBufferPointer { dense in
        targets.withUnsafeBufferPointer { y in
          storage.withUnsafeBufferPointer { storage in
            sparse.starts.withUnsafeBufferPointer { starts in
              sparse.indices.withUnsafeBufferPointer { indices in
                sparse.values.withUnsafeBufferPointer { values in
                  body(
                    NeuronKernel(
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
