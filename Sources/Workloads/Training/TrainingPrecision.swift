import Fleet

/// The arithmetic a training job's matrix multiplies run in; serialized kebab-case.
///
/// Master weights, optimizer state and gradient reductions stay in higher precision whatever
/// the case (mixed-precision training, Micikevicius et al. 2018); this only selects which peak
/// rate the linear-layer GEMMs can reach and how many bytes their operands move.
public enum TrainingPrecision: String, Hashable, Sendable, Codable, CaseIterable {
    case bf16
    /// FP8 GEMMs (Transformer Engine "hybrid" recipe, DeepSeek-V3 block-scaled FP8).
    case fp8
    /// 8-bit integer GEMMs by quantization-aware training (TPU AQT, as in Google's MLPerf
    /// v3.1 GPT-3 submission on TPU v5e, experiment `…Int8`).
    case int8

    /// Bytes of one GEMM operand element.
    public var bytesPerElement: Double { self == .bf16 ? 2 : 1 }

    /// The chip's dense peak at this precision, or nil when the chip has no such unit
    /// (A100 and TPU v4/v5e have no FP8).
    public func peak(on spec: AcceleratorSpec) -> FlopsPerSecond? {
        switch self {
        case .bf16: return spec.peakBF16.value
        case .fp8: return spec.peakFP8?.value
        case .int8: return spec.peakINT8?.value
        }
    }
}
