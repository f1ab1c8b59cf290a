enum OptimizationPlaceholder {}
