import Workloads

/// Reading a model: a published shape by name, or a shape written inline.
extension WorkloadsReading {
    /// `"llama-2-70b"` (see `ModelShape.named`) or `{ parameters, layers, hidden, heads, … }`.
    static let model = ValueReader<ModelShape>(
        expecting: "a published model name (\(ModelShape.named.map(\.name).joined(separator: ", "))) or a model object"
    ) { node, context in
        switch node.kind {
        case .string:
            return ValueReader<ModelShape>.lookup(ModelShape.named.map { ($0.name, $0.shape) }, of: "model").read(node, in: context)
        case .object:
            return inlineModel.read(node, in: context)
        default:
            context.mismatch(expected: "a published model name or a model object (parameters, layers, hidden, heads, …)", got: node)
            return nil
        }
    }

    /// `{ name?, parameters, active_parameters?, layers, hidden, heads, kv_heads?, head_dim?,
    /// vocab?, experts?, experts_per_token? }`; vocab defaults to 32,000 (the Llama tokenizer).
    static let inlineModel = ValueReader<ModelShape>.object("a model object (parameters, layers, hidden, heads, …)") { m in
        let name = m.optional("name", .nonEmptyString) ?? "custom"
        let parameters = m.required("parameters", count("number of parameters"))
        let active = m.optional("active_parameters", count("number of parameters"))
        let layers = m.required("layers", .integer(.positive))
        let hidden = m.required("hidden", .integer(.positive))
        let heads = m.required("heads", .integer(.positive))
        let kvHeads = m.optional("kv_heads", .integer(.positive))
        let headDim = m.optional("head_dim", .integer(.positive))
        let vocab = m.optional("vocab", .integer(.positive)) ?? 32_000
        let experts = m.optional("experts", .integer(.positive)) ?? 1
        let perToken = m.optional("experts_per_token", .integer(.positive)) ?? 1
        m.finish()
        let anyMissing = [m.node["parameters"], m.node["layers"], m.node["hidden"], m.node["heads"]].contains { $0 == nil }
        guard let parameters, let layers, let hidden, let heads, !anyMissing else { return nil }
        var isValid = true
        func reject(_ key: String, _ message: String) {
            m.context.appending(key).error(message, at: (m.node[key] ?? m.node).location)
            isValid = false
        }
        if let active, active > parameters {
            reject("active_parameters", "active parameters (\(active)) exceed the model's \(parameters) parameters")
        }
        if let kvHeads, heads % kvHeads != 0 {
            reject("kv_heads", "\(kvHeads) KV heads must divide \(heads) attention heads")
        }
        if headDim == nil && hidden < heads {
            reject("hidden", "hidden size \(hidden) is smaller than \(heads) heads; give head_dim")
        }
        if perToken > experts {
            reject("experts_per_token", "\(perToken) experts per token exceed \(experts) experts")
        }
        if experts > 1 && m.node["active_parameters"] == nil {
            reject("active_parameters", "a mixture-of-experts model (experts \(experts)) needs active_parameters")
        }
        guard isValid, m.node["active_parameters"] == nil || active != nil, m.node["kv_heads"] == nil || kvHeads != nil,
              m.node["head_dim"] == nil || headDim != nil else { return nil }
        return ModelShape(name: name, parameters: parameters, activeParameters: active, layers: layers, hiddenSize: hidden,
                          attentionHeads: heads, kvHeads: kvHeads ?? heads, headDim: headDim, vocabularySize: vocab,
                          experts: experts, expertsPerToken: perToken)
    }
}
