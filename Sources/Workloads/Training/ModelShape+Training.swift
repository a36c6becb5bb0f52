// Derived sizes the training model needs that `ModelShape` does not store.

extension ModelShape {
    /// Weights of one routed expert summed over all layers: (N − N_active) / (E − k), since
    /// N = shared + E·P_e and N_active = shared + k·P_e. Zero for a dense model.
    public var parametersPerExpert: Double {
        guard isMixtureOfExperts else { return 0 }
        return (parameters - activeParameters) / Double(experts - expertsPerToken)
    }

    /// Weights every token uses (attention, embeddings, shared experts): N_active − k·P_e.
    public var sharedParameters: Double { activeParameters - Double(expertsPerToken) * parametersPerExpert }

    /// All routed-expert weights: E·P_e.
    public var expertParameters: Double { Double(experts) * parametersPerExpert }

    /// Width of the feed-forward GEMM that dominates a layer. Dense: 4·h (the GPT convention;
    /// gated MLPs differ by < 10% in GEMM shape). MoE: one expert's intermediate width,
    /// P_e / (layers × 3h) for a gated (SwiGLU) expert of three h × w matrices.
    public var feedForwardWidth: Double {
        guard isMixtureOfExperts else { return 4 * Double(hiddenSize) }
        return parametersPerExpert / (Double(layers) * 3 * Double(hiddenSize))
    }
}
