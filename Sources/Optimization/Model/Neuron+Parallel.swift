import Dispatch

/// The parallel sums of the neuron: sums over at least ``parallelThreshold`` points are
/// split into ``chunkCount`` fixed chunks summed concurrently and then added in chunk order.
/// The rounding differs from one long sequential sum, but it is the same on every run and
/// every machine, so rewinding stays exact.
extension Neuron {
  /// Sums over this many points or more run in parallel chunks. The conformance fixtures
  /// (2 and 12 points) and mini-batches stay far below it.
  static let parallelThreshold = 65_536
  /// The fixed number of chunks of a parallel sum: a constant, not the core count, so the
  /// result does not depend on the machine. Sixteen keeps two to sixteen cores busy.
  static let chunkCount = 16

  /// Runs `work` on the ``chunkCount`` chunks of `range` concurrently, each writing `width`
  /// numbers into its own slot, then calls `combine` on the slots in chunk order.
  ///
  /// Slots are a cache line apart, so the threads never write to the same line.
  static func inChunks(
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

  /// Chunk `k` of ``chunkCount`` nearly equal, consecutive parts of `range`.
  static func chunk(_ k: Int, of range: Range<Int>) -> Range<Int> {
    let n = range.count
    return (range.lowerBound + k * n / chunkCount)..<(range.lowerBound + (k + 1) * n / chunkCount)
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
