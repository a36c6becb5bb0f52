/// How a chip spends its time while it runs work: the input of the activity power model.
///
/// Fractions of wall time, summing to at most 1 (the rest is idle: pipeline bubbles, waiting
/// for a batch): `compute` in math kernels at `computeUtilization` of the chip's peak FLOP/s,
/// `memory` in memory-bound kernels (decode, optimizer, element-wise), `communication` waiting
/// on exposed collectives. Training derives it from `StepTimeBreakdown`, inference from an
/// iteration's roofline (Workloads `+Activity`), so the two share one power model.
public struct ChipActivity: Hashable, Sendable {
    public var compute: Double
    /// Achieved FLOP/s over peak while computing (0 … 1).
    public var computeUtilization: Double
    public var memory: Double
    public var communication: Double

    /// - Precondition: fractions in 0 … 1, their sum at most 1 (1e-9 slack for rounding).
    public init(compute: Double, computeUtilization: Double, memory: Double = 0, communication: Double = 0) {
        precondition([compute, computeUtilization, memory, communication].allSatisfy { (0...1).contains($0) },
                     "activity fractions are in 0 … 1 (got \(compute), \(computeUtilization), \(memory), \(communication))")
        precondition(compute + memory + communication <= 1 + 1e-9, "activity fractions sum to more than 1")
        self.compute = compute
        self.computeUtilization = computeUtilization
        self.memory = memory
        self.communication = communication
    }

    /// Time with nothing to do.
    public var idle: Double { max(0, 1 - compute - memory - communication) }

    /// No work at all: the chip draws its idle power.
    public static let none = ChipActivity(compute: 0, computeUtilization: 0)
}
