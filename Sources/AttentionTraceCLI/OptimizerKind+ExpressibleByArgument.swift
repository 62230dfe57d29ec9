import ArgumentParser
import AttentionTraining

/// `--optimizer adam|sgd`.
extension OptimizerKind: ExpressibleByArgument {}
