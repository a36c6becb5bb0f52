/// How much of each kind of communication runs concurrently with computation.
///
/// **The rule.** A collective of duration c that may overlap a window of compute of duration w
/// costs exposed = max(0, c − f·w) on the critical path, where f ∈ [0, 1] is the fraction of
/// the window the framework actually uses to hide it (0 = fully serial, 1 = hidden as long as
/// it is shorter than the window). It is a fraction of the *window*, not of the collective,
/// so a collective longer than its window always shows, as measured traces do.
///
/// The windows (see `StepTime`): tensor-parallel and expert collectives overlap the compute of
/// the same micro-batch; pipeline sends the compute of the same micro-batch; data-parallel
/// gradient reduction the backward pass of the last micro-batch (ZeRO-3: every micro-batch's
/// compute, which its parameter gathers are prefetched under).
public struct CommunicationOverlap: Hashable, Sendable, Codable {
    public var tensorParallel: Double
    public var dataParallel: Double
    public var pipeline: Double
    public var expert: Double

    /// - Precondition: each fraction is in [0, 1].
    public init(tensorParallel: Double, dataParallel: Double, pipeline: Double, expert: Double) {
        for f in [tensorParallel, dataParallel, pipeline, expert] {
            precondition((0...1).contains(f), "an overlap fraction is in [0, 1] (got \(f))")
        }
        self.tensorParallel = tensorParallel
        self.dataParallel = dataParallel
        self.pipeline = pipeline
        self.expert = expert
    }

    /// Megatron-LM as of 2021: tensor all-reduces and pipeline sends on the critical path,
    /// gradient all-reduce after the pipeline flush (not overlapped), no experts.
    public static let none = CommunicationOverlap(tensorParallel: 0, dataParallel: 0, pipeline: 0, expert: 0)

    /// The default for a modern framework: gradient reduction bucketed under the backward pass
    /// (PyTorch DDP, Megatron-Core `--overlap-grad-reduce`, XLA async collectives), pipeline
    /// sends asynchronous, tensor-parallel and expert collectives exposed.
    public static let standard = CommunicationOverlap(tensorParallel: 0, dataParallel: 1, pipeline: 1, expert: 0)

    /// Everything overlapped where the window allows: NeMo with userbuffer TP overlap
    /// (`TP_COMM_OVERLAP=True`), DeepSeek-V3's DualPipe computation–communication overlap.
    public static let full = CommunicationOverlap(tensorParallel: 1, dataParallel: 1, pipeline: 1, expert: 1)

    /// The time a collective of `communication` seconds adds beside `window` seconds of compute
    /// it may hide under, at overlap fraction `fraction`: max(0, c − f·w).
    public static func exposed(_ communication: Double, window: Double, fraction: Double) -> Double {
        max(0, communication - fraction * window)
    }
}
