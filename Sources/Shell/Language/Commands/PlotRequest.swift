import Optimization

/// What `plot` draws and where: `plot loss lr_b log`, `plot surface over w[1] b to s.svg`.
public struct PlotRequest: Equatable, Sendable {
  /// The picture.
  public enum Subject: Equatable, Sendable {
    /// Quantities against t, or one entry of one (`v_w[2]`).
    case quantities([QuantityRef])
    /// The error surface over two parameters (`w[1]`, `b`; empty for the default pair).
    case surface(over: [QuantityRef])
    /// The Lᵖ unit curves for `powers` (∞ for AdaMax's max), and the floating-point table
    /// for `gradient` (nil: the gradient of the last update).
    case norms(powers: [Double], gradient: [Double]?)
    /// Adam's m_b and m_hat_b against the running mean of db.
    case bias
  }

  public var subject: Subject
  /// The first t to draw (`from T`).
  public var from: Int?
  /// The last t to draw (`to T`).
  public var to: Int?
  /// `log`: y on a log scale.
  public var isLogarithmic = false
  /// `ascii`: ASCII marks instead of braille.
  public var isAscii = false
  /// `to FILE.svg [replace]`: also write the picture as SVG.
  public var file: OutputFile?
  /// `around w=1.8 b=-2.3`: the centre of a surface's window, by parameter (`w`, `w[2]`, `b`).
  public var around: [ParameterValue] = []
  /// `width 2`: how much of each parameter a surface's window spans.
  public var windowWidth: Double?

  public init(_ subject: Subject) {
    self.subject = subject
  }
}

/// A parameter and a value for it: `w=1.8`, `w[2]=0.5`, `b=-2.3`.
public struct ParameterValue: Equatable, Sendable {
  /// `w` (the only weight), `w[i]` or `b`.
  public var parameter: QuantityRef
  public var value: Double

  public init(parameter: QuantityRef, value: Double) {
    self.parameter = parameter
    self.value = value
  }
}
