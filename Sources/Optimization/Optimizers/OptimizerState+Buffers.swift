/// The nine arrays of an ``OptimizerState`` as mutable buffers, for the update loop.
struct StateBuffers {
  var parameters: UnsafeMutableBufferPointer<Double>
  var gradient: UnsafeMutableBufferPointer<Double>
  var m: UnsafeMutableBufferPointer<Double>
  var v: UnsafeMutableBufferPointer<Double>
  var u: UnsafeMutableBufferPointer<Double>
  var vMax: UnsafeMutableBufferPointer<Double>
  var mHat: UnsafeMutableBufferPointer<Double>
  var vHat: UnsafeMutableBufferPointer<Double>
  var rate: UnsafeMutableBufferPointer<Double>

  /// The number of parameters, d + 1.
  var count: Int { parameters.count }

  /// Coordinate `i` as an update starts it: θ and the histories of this (the old) state,
  /// `gradient` (the update's, which waits in the new state), and no outputs yet.
  @inline(__always)
  func coordinate(_ i: Int, gradient: Double) -> Coordinate {
    Coordinate(
      parameter: parameters[i], gradient: gradient, m: m[i], v: v[i], u: u[i], vMax: vMax[i],
      mHat: 0, vHat: 0, rate: 0)
  }

  /// Stores what an update made of coordinate `i`: θ, the histories and the outputs. The
  /// gradient stays as the update computed it (a rule may change its own copy, PyTorch's
  /// L2 term g + λ·w).
  @inline(__always)
  func store(_ c: Coordinate, at i: Int) {
    parameters[i] = c.parameter
    m[i] = c.m
    v[i] = c.v
    u[i] = c.u
    vMax[i] = c.vMax
    mHat[i] = c.mHat
    vHat[i] = c.vHat
    rate[i] = c.rate
  }
}

extension OptimizerState {
  /// Calls `body` with every array of the state as a mutable buffer.
  ///
  /// Writing `state.m[i] = x` checks the index and the array's uniqueness (copy on write)
  /// on every store; a per-point update stores nine numbers per coordinate, and those checks
  /// were a measurable share of its time. Here each array pays them once per call. The
  /// buffers must not escape `body`. In debug builds the buffers still check their indices.
  @inline(__always)
  mutating func withMutableBuffers<Result>(_ body: (inout StateBuffers) -> Result) -> Result {
    Self.withBuffers(
      &parameters, &gradient, &m, &v, &u, &vMax, &mHat, &vHat, &rate, body)
  }

  // The arrays are passed as separate inout arguments, which Swift's exclusivity rules
  // allow for distinct stored properties, and nested one closure per array.
  @inline(__always)
  private static func withBuffers<Result>(
    _ parameters: inout [Double], _ gradient: inout [Double], _ m: inout [Double],
    _ v: inout [Double], _ u: inout [Double], _ vMax: inout [Double],
    _ mHat: inout [Double], _ vHat: inout [Double], _ rate: inout [Double],
    _ body: (inout StateBuffers) -> Result
  ) -> Result {
    parameters.withUnsafeMutableBufferPointer { parameters in
      gradient.withUnsafeMutableBufferPointer { gradient in
        m.withUnsafeMutableBufferPointer { m in
          v.withUnsafeMutableBufferPointer { v in
            u.withUnsafeMutableBufferPointer { u in
              vMax.withUnsafeMutableBufferPointer { vMax in
                mHat.withUnsafeMutableBufferPointer { mHat in
                  vHat.withUnsafeMutableBufferPointer { vHat in
                    rate.withUnsafeMutableBufferPointer { rate in
                      var buffers = StateBuffers(
                        parameters: parameters, gradient: gradient, m: m, v: v, u: u,
                        vMax: vMax, mHat: mHat, vHat: vHat, rate: rate)
                      return body(&buffers)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

extension Coordinate {
  /// Whether every number of the coordinate is finite.
  ///
  /// x − x is 0 for a finite x and NaN for ±∞ or NaN, so when the sum of the nine is finite
  /// all nine are, with one branch; only a sum that overflowed (or a non-finite number)
  /// sends the check to the nine numbers one by one. The sum is a tree, four additions
  /// deep rather than eight, so that it does not hold up the next update.
  @inline(__always)
  var isFinite: Bool {
    let sum = self.sum
    return sum - sum == 0 || eachIsFinite
  }

  /// ``isFinite`` of two coordinates with one branch: the sum of their eighteen numbers.
  @inline(__always)
  static func areFinite(_ a: Coordinate, _ b: Coordinate) -> Bool {
    let sum = a.sum + b.sum
    return sum - sum == 0 || (a.eachIsFinite && b.eachIsFinite)
  }

  /// The sum of the nine numbers, as a tree.
  @inline(__always)
  private var sum: Double {
    ((parameter + gradient) + (m + v)) + ((u + vMax) + (mHat + vHat)) + rate
  }

  private var eachIsFinite: Bool {
    parameter.isFinite && gradient.isFinite && m.isFinite && v.isFinite && u.isFinite
      && vMax.isFinite && mHat.isFinite && vHat.isFinite && rate.isFinite
  }
}

extension OptimizerState {
  /// Calls `body` with every array of the state as a buffer to read.
  ///
  /// The buffers have the mutable type so that the update loop can take the old state and
  /// the new one alike, but `body` must only read them: they point into arrays this state
  /// may share with a checkpoint. Reading through them costs no bounds check.
  @inline(__always)
  func withBuffersForReading<Result>(_ body: (StateBuffers) -> Result) -> Result {
    parameters.withUnsafeBufferPointer { parameters in
      gradient.withUnsafeBufferPointer { gradient in
        m.withUnsafeBufferPointer { m in
          v.withUnsafeBufferPointer { v in
            u.withUnsafeBufferPointer { u in
              vMax.withUnsafeBufferPointer { vMax in
                mHat.withUnsafeBufferPointer { mHat in
                  vHat.withUnsafeBufferPointer { vHat in
                    rate.withUnsafeBufferPointer { rate in
                      body(
                        StateBuffers(
                          parameters: .init(mutating: parameters),
                          gradient: .init(mutating: gradient), m: .init(mutating: m),
                          v: .init(mutating: v), u: .init(mutating: u),
                          vMax: .init(mutating: vMax), mHat: .init(mutating: mHat),
                          vHat: .init(mutating: vHat), rate: .init(mutating: rate)))
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
