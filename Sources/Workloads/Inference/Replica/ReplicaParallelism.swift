/// How one inference replica splits the model over its chips.
///
/// Chips per replica = tensor × pipeline × expert. Tensor parallelism splits every layer (two
/// all-reduces per layer on the scale-up links); pipeline parallelism splits the layers into
/// stages (adds memory, not per-iteration speed: one batch crosses the stages in turn); expert
/// parallelism spreads MoE experts (two all-to-alls per layer).
public struct ReplicaParallelism: Hashable, Sendable {
    public var tensor: Int
    public var pipeline: Int
    public var expert: Int

    /// - Precondition: every degree is at least 1.
    public init(tensor: Int = 1, pipeline: Int = 1, expert: Int = 1) {
        precondition(tensor >= 1 && pipeline >= 1 && expert >= 1,
                     "parallelism degrees must be ≥ 1 (got tp \(tensor), pp \(pipeline), ep \(expert))")
        self.tensor = tensor
        self.pipeline = pipeline
        self.expert = expert
    }

    /// Chips in the replica.
    public var chips: Int { tensor * pipeline * expert }

    /// Chips working on one pipeline stage at a time: the ones whose compute and bandwidth add
    /// up within an iteration.
    public var chipsPerStage: Int { tensor * expert }
}
