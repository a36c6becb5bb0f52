import Fleet
import Workloads

/// The fluid models of a run, shared by every service with the same replica, chip and mean
/// lengths (a fleet study runs many copies of a few configurations), with the steady states
/// already solved for each per-replica rate.
struct FluidModels {
    struct Key: Hashable {
        var replica: InferenceReplicaSpec
        var accelerator: AcceleratorID
        var meanPrompt: Double
        var meanOutput: Double
        var meanCached: Double
    }
    struct Entry {
        let model: FluidServiceModel
        let saturated: FluidServiceModel.State
        /// The model's mean lengths, kept apart so a step reads two numbers, not the model.
        let meanPrompt: Double
        let meanOutput: Double
        var states: [Double: FluidServiceModel.State] = [:]
    }
    private var index: [Key: Int] = [:]
    private(set) var entries: [Entry] = []

    /// The entry for `performance` at these mean lengths, created on first use.
    mutating func entry(for performance: ReplicaPerformanceModel, meanPrompt: Double, meanOutput: Double, meanCached: Double = 0) -> Int {
        let key = Key(replica: performance.replica, accelerator: performance.accelerator.id, meanPrompt: meanPrompt, meanOutput: meanOutput,
                      meanCached: meanCached)
        if let known = index[key] { return known }
        let model = FluidServiceModel(performance: performance, meanPromptTokens: meanPrompt, meanOutputTokens: meanOutput,
                                      meanCachedTokens: meanCached)
        entries.append(Entry(model: model, saturated: model.saturated, meanPrompt: meanPrompt, meanOutput: meanOutput))
        index[key] = entries.count - 1
        return entries.count - 1
    }

    /// The steady state of entry `e` at `rate` requests/s per replica, solved once per rate.
    mutating func state(_ e: Int, rate: Double) -> FluidServiceModel.State {
        if let known = entries[e].states[rate] { return known }
        let state = entries[e].model.state(rate: rate)
        if entries[e].states.count >= 65_536 { entries[e].states.removeAll(keepingCapacity: true) }
        entries[e].states[rate] = state
        return state
    }
}
