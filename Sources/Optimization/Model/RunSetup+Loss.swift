extension RunSetup {
  /// The loss L(θ) summed over every point of the data at any parameters θ = (w₁, …, w_d, b):
  /// the error surface a plot draws, independent of where a run has got to.
  public func loss(at parameters: [Double]) -> Double {
    precondition(parameters.count == dataset.dimension + 1, "θ has d + 1 entries")
    return Neuron(dataset: dataset, loss: training.loss).totalLoss(at: parameters)
  }
}
