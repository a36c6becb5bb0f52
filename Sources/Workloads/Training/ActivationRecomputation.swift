/// What the backward pass recomputes instead of keeping in HBM (Korthikanti et al. 2022,
/// "Reducing Activation Recomputation in Large Transformer Models", arXiv 2205.05198).
public enum ActivationRecomputation: String, Hashable, Sendable, Codable, CaseIterable {
    /// Keep every activation: s·b·h·(34 + 5·a·s/h) bytes per layer.
    case none
    /// Recompute only the attention core (scores, softmax, dropout, ·V): drops the 5·a·s/h
    /// term for the cost of re-running the attention-core forward (4·s·heads·headDim FLOPs per
    /// token per layer). FlashAttention has the same memory profile.
    case selective
    /// Keep only each layer's input (2·s·b·h bytes) and re-run the whole forward in the
    /// backward pass: hardware FLOPs become 8·N instead of 6·N (Narayanan et al. 2021 §5.1).
    case full
}
