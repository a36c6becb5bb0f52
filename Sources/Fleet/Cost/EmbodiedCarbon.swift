import SimKernel

/// A chip's manufacturing emissions (its share of the server included), amortised evenly over
/// its service lifetime: each chip-hour in service carries grams / lifetime hours.
public struct EmbodiedCarbon: Hashable, Sendable {
    public var gramsPerChip: Double
    public var lifetime: SimDuration

    /// - Precondition: grams ≥ 0, lifetime > 0.
    public init(gramsPerChip: Double, lifetime: SimDuration) {
        precondition(gramsPerChip >= 0 && lifetime > .zero, "embodied carbon needs grams ≥ 0 and a positive lifetime")
        self.gramsPerChip = gramsPerChip
        self.lifetime = lifetime
    }

    /// Grams per chip-second in service.
    public var gramsPerChipSecond: Double { gramsPerChip / lifetime.seconds }
}
