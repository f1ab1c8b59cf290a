/// An optimizer's update of one coordinate, as a type rather than a closure, so that the
/// loop of ``Run/step(count:)``, generic over it, is specialised per optimizer with the rule
/// inlined; a closure passed into the nested buffer closures stayed an indirect call.
protocol CoordinateRule {
  static func apply(_ c: inout Coordinate, _ s: StepContext)
}

enum GradientDescentRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyGradientDescent(s)
  }
}

enum MomentumRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyMomentum(s)
  }
}

enum NesterovRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyNesterov(s)
  }
}

enum AdaGradRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyAdaGrad(s) }
}

enum RMSPropRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyRMSProp(s) }
}

enum AdaDeltaRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) {
    c.applyAdaDelta(s)
  }
}

enum AdamRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyAdam(s) }
}

enum AdaMaxRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyAdaMax(s) }
}

enum MaxPropRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyMaxProp(s) }
}

enum NAdamRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyNAdam(s) }
}

enum AMSGradRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyAMSGrad(s) }
}

enum AdamWRule: CoordinateRule {
  @inline(__always) static func apply(_ c: inout Coordinate, _ s: StepContext) { c.applyAdamW(s) }
}
