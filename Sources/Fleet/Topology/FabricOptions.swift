/// The knobs of a scale-out fabric: switch radix, leaf oversubscription, rails.
public struct FabricOptions: Hashable, Sendable, Codable {
    /// Ports per switch (all tiers). 64 is an NDR-class InfiniBand switch; an assumption, not a
    /// catalog figure: set it per scenario.
    public var radix: Int
    /// Leaf downlink : uplink bandwidth ratio (1 = non-blocking, 3 = 3:1).
    public var oversubscription: Double
    /// True for a rail-optimised fabric: NIC r of every host goes to rail r's leaves.
    public var isRailOptimized: Bool

    public init(radix: Int = 64, oversubscription: Double = 1, isRailOptimized: Bool = false) {
        precondition(radix >= 2 && radix % 2 == 0, "switch radix must be an even number ≥ 2 (got \(radix))")
        precondition(oversubscription >= 1, "oversubscription is a ratio ≥ 1 (got \(oversubscription))")
        self.radix = radix
        self.oversubscription = oversubscription
        self.isRailOptimized = isRailOptimized
    }

    /// Leaf ports facing hosts (d) and facing spines (u): u = ⌊k / (1 + o)⌋, d = min(k − u, ⌊u·o⌋),
    /// so d/u ≈ o and d + u ≤ k. k = 64: o = 1 → 32/32, o = 3 → 48/16, o = 2 → 42/21.
    public var leafPorts: (down: Int, up: Int) {
        let up = Int((Double(radix) / (1 + oversubscription)).rounded(.down))
        let down = min(radix - up, Int((Double(up) * oversubscription).rounded(.down)))
        return (down, up)
    }
}
