import Fleet

/// The number formats a replica serves in: weights, KV cache and matrix-multiply compute.
///
/// Kept separate because engines mix them: FP8 weights with a BF16 KV cache, or INT8
/// weight-only quantisation (weights stored in INT8, multiplied in BF16 after dequantising).
/// Activations and the tensor-parallel all-reduce payload are always BF16 (2 bytes), as in
/// vLLM and TensorRT-LLM defaults.
public struct InferencePrecision: Hashable, Sendable {
    public var weights: NumericFormat
    public var kvCache: NumericFormat
    /// The format the matrix multiplies run in; picks the chip's peak rate.
    public var compute: NumericFormat

    /// Bytes of one activation element (all-reduce and pipeline payloads).
    public static let activationBytes: Double = 2

    /// `compute` defaults to FP8 when the weights are FP8 and BF16 otherwise (INT8 weights are
    /// weight-only quantisation unless `compute: .int8` is given).
    public init(weights: NumericFormat = .bf16, kvCache: NumericFormat = .bf16, compute: NumericFormat? = nil) {
        self.weights = weights
        self.kvCache = kvCache
        self.compute = compute ?? (weights == .fp8 ? .fp8 : .bf16)
    }

    /// BF16 everywhere.
    public static let bf16 = InferencePrecision()
    /// FP8 weights, KV cache and compute (the MLPerf Inference Llama-2-70B setting on Hopper).
    public static let fp8 = InferencePrecision(weights: .fp8, kvCache: .fp8)

    /// The dense peak the matrix multiplies reach on `chip`. A chip without an FP8 (or INT8)
    /// unit runs those formats at its BF16 rate (weights are upcast, as FP8 checkpoints run on
    /// A100 and TPU v4), so the format still saves memory and bandwidth but not FLOPs.
    public func peakRate(on chip: AcceleratorSpec) -> FlopsPerSecond {
        switch compute {
        case .bf16: return chip.peakBF16.value
        case .fp8: return chip.peakFP8?.value ?? chip.peakBF16.value
        case .int8: return chip.peakINT8?.value ?? chip.peakBF16.value
        }
    }
}
