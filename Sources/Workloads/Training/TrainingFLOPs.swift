/// FLOP counts of one training token, split into the part that runs as weight GEMMs and the
/// attention core (scores and the weighted sum), which runs at a different efficiency.
///
/// **Model FLOPs** (what MFU counts; PaLM, Chowdhery et al. 2022, appendix B):
///
///     6·N_active + 12·L·H·Q·T   per token
///
/// with L layers, H heads, Q head width, T sequence length: 2 FLOPs per weight per token
/// forward, twice that backward (6·N), plus QKᵀ and A·V, 2·2·T·H·Q forward per token per layer,
/// ×3 for forward + backward. Megatron-LM writes the same as 72·B·s·l·h²·(1 + s/6h + V/12lh).
///
/// **Hardware FLOPs** add what recomputation re-runs: full recomputation repeats the forward
/// (+2·N + 4·L·H·Q·T, so 8·N; Narayanan et al. 2021 §5.1), selective recomputation only the
/// attention core (+4·L·H·Q·T; Korthikanti et al. 2022 §5).
public struct TrainingFLOPs: Hashable, Sendable {
    /// Weight-GEMM FLOPs per token (6·N_active, or 8·N_active with full recomputation).
    public var linear: Double
    /// Attention-core FLOPs per token (12·L·H·Q·T, or 16·L·H·Q·T when recomputed).
    public var attention: Double

    public init(linear: Double, attention: Double) {
        self.linear = linear
        self.attention = attention
    }

    public var total: Double { linear + attention }

    /// Model FLOPs per token (no recomputation): 6·N_active + 12·L·H·Q·T.
    public static func model(_ model: ModelShape, sequenceLength: Int) -> TrainingFLOPs {
        TrainingFLOPs(linear: 6 * model.activeParameters,
                      attention: 12 * Double(model.layers) * Double(model.attentionWidth) * Double(sequenceLength))
    }

    /// Hardware FLOPs per token: the model FLOPs plus what `recomputation` re-runs.
    public static func hardware(_ model: ModelShape, sequenceLength: Int,
                                recomputation: ActivationRecomputation) -> TrainingFLOPs {
        let base = Self.model(model, sequenceLength: sequenceLength)
        let attentionForward = base.attention / 3
        switch recomputation {
        case .none: return base
        case .selective: return TrainingFLOPs(linear: base.linear, attention: base.attention + attentionForward)
        case .full: return TrainingFLOPs(linear: base.linear * 8 / 6, attention: base.attention + attentionForward)
        }
    }
}
