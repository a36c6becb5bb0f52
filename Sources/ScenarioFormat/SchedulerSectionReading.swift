import Scheduling

/// The `scheduler` section: the policy by its registry name and that policy's options.
///
/// ```json5
/// scheduler: {
///   policy: "best-platform",                 // optional, default "fifo"; PolicyRegistry.names
///   options: { objective: "cost", tolerance: 0.1 },  // optional; only the policy's own keys
/// }
/// ```
///
/// Options per policy (`PolicyRegistry.entries` lists the keys; `PolicyParameters` the defaults):
/// `priority`: `preemption` (bool, true), `preemptible_only` (bool, false); `fair-share`:
/// `weights` (tenant → positive number), `default_weight` (positive, 1); `best-platform`:
/// `objective` (time | cost | energy | carbon, time), `tolerance` (≥ 0, 0); `power-aware`:
/// `reserve` (fraction of each site's limit kept free, 0 ≤ r < 1, 0). A key the chosen policy
/// does not read is an error that lists the keys it does read.
enum SchedulerSectionReading {
    struct Result {
        var policy: String
        var parameters: PolicyParameters
    }

    /// Every key any policy's options take, for the schema.
    static var optionKeys: [String] {
        var keys: [String] = []
        for entry in PolicyRegistry.entries { for key in entry.optionKeys where !keys.contains(key) { keys.append(key) } }
        return keys
    }

    static let reader = ValueReader<Result>.object("an object (the 'scheduler' section: policy, options)") { section in
        let named = section.optional("policy", .choice(PolicyRegistry.names, of: "scheduling policy"))
        // An invalid name is reported already; its options cannot be checked against it.
        let policy = named ?? (section.contains("policy") ? nil : "fifo")
        var parameters: PolicyParameters? = PolicyParameters()
        if let policy, let entry = PolicyRegistry.entry(named: policy) {
            parameters = section.optional("options", options(for: entry)) ?? (section.contains("options") ? nil : PolicyParameters())
        } else {
            section.allow("options")
        }
        section.finish()
        guard let policy, let parameters else { return nil }
        return Result(policy: policy, parameters: parameters)
    }

    /// The options object of one policy: its own keys only.
    static func options(for entry: PolicyRegistry.Entry) -> ValueReader<PolicyParameters> {
        .object("an object (options of the '\(entry.name)' policy)") { options in
            var parameters = PolicyParameters()
            var isValid = true
            func read<T>(_ key: String, _ reader: ValueReader<T>, into path: WritableKeyPath<PolicyParameters, T>) {
                guard options.contains(key) else { return }
                if let value = options.optional(key, reader) { parameters[keyPath: path] = value } else { isValid = false }
            }
            for key in entry.optionKeys {
                switch key {
                case "preemption": read(key, .bool, into: \.preemption)
                case "preemptible_only": read(key, .bool, into: \.preemptibleOnly)
                case "weights":
                    let weights = ValueReader<[(key: String, value: Double)]>.entries(of: .number(.positive))
                    read(key, weights.map { Dictionary($0, uniquingKeysWith: { $1 }) }, into: \.tenantWeights)
                case "default_weight": read(key, .number(.positive), into: \.defaultWeight)
                case "objective": read(key, .choice(PlatformObjective.self, of: "objective"), into: \.objective)
                case "tolerance": read(key, .number(.nonNegative), into: \.tolerance)
                case "reserve": read(key, .number(in: 0...0.999_999), into: \.powerReserve)
                default: preconditionFailure("policy \(entry.name) lists option '\(key)', which has no reader")
                }
            }
            options.finish(note: entry.optionKeys.isEmpty ? "the '\(entry.name)' policy takes no options" : nil)
            return isValid ? parameters : nil
        }
    }
}
