import Optimization

/// `history v_b lr_b 0..100 every 10`: recorded values of quantities as a table.
public struct HistoryRequest: Equatable, Sendable {
  /// The columns after t, possibly one entry of a quantity (`v_w[2]`).
  public var quantities: [QuantityRef]
  /// The first and last update of the table; nil for the start and the current t.
  public var from: Int?
  public var to: Int?
  /// Every how many updates a row; nil lets the shell choose at most about 20 rows.
  public var every: Int?
  /// `to FILE.csv` or `to FILE.json`: where to write the table at full precision, nil to
  /// print it; `replace` lets it replace a file this session did not write.
  public var file: OutputFile?

  public init(
    quantities: [QuantityRef], from: Int? = nil, to: Int? = nil, every: Int? = nil,
    file: OutputFile? = nil
  ) {
    self.quantities = quantities
    self.from = from
    self.to = to
    self.every = every
    self.file = file
  }
}

/// `sweep eta 0.01..1 log 5 steps 200`: the current optimizer across a range of one setting.
public struct SweepRequest: Equatable, Sendable {
  /// A setting that takes a number.
  public var setting: Setting
  public var from: Double
  public var to: Double
  /// Whether the values are spaced evenly on a log scale.
  public var logarithmic: Bool
  /// How many values, both ends included; nil for the default.
  public var count: Int?
  /// Updates per run; nil for the default.
  public var steps: Int?

  public init(
    setting: Setting, from: Double, to: Double, logarithmic: Bool = false, count: Int? = nil,
    steps: Int? = nil
  ) {
    self.setting = setting
    self.from = from
    self.to = to
    self.logarithmic = logarithmic
    self.count = count
    self.steps = steps
  }
}
