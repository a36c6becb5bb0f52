/// The built-in policies by their scenario names: one explicit table, stable order.
///
/// To add a policy: write a `SchedulingPolicy` type in this folder, add one `Entry` below (its
/// name, the option keys it reads, and how to make it from `PolicyParameters`), and, if it takes
/// new options, a field in `PolicyParameters` and its reader in `SchedulerSectionReading`.
public enum PolicyRegistry {
    public struct Entry: Sendable {
        public var name: String
        /// The `scheduler.options` keys this policy reads.
        public var optionKeys: [String]
        public var make: @Sendable (PolicyParameters) -> any SchedulingPolicy
    }

    public static let entries: [Entry] = [
        Entry(name: "fifo", optionKeys: []) { _ in FIFOPolicy() },
        Entry(name: "easy-backfill", optionKeys: []) { _ in EASYBackfillPolicy() },
        Entry(name: "priority", optionKeys: ["preemption", "preemptible_only"]) { PriorityPolicy(parameters: $0) },
        Entry(name: "shortest-remaining-first", optionKeys: []) { _ in ShortestRemainingFirstPolicy() },
        Entry(name: "fair-share", optionKeys: ["weights", "default_weight"]) { FairSharePolicy(parameters: $0) },
        Entry(name: "best-platform", optionKeys: ["objective", "tolerance"]) { BestPlatformPolicy(parameters: $0) },
        Entry(name: "power-aware", optionKeys: ["reserve"]) { PowerAwarePolicy(parameters: $0) },
    ]

    public static let names = entries.map(\.name)

    public static func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// A fresh policy named `name` with `parameters`, or nil (the caller lists `names` in its message).
    public static func policy(named name: String, parameters: PolicyParameters = PolicyParameters()) -> (any SchedulingPolicy)? {
        entry(named: name)?.make(parameters)
    }
}
