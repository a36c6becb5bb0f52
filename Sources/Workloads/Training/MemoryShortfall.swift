import Fleet
import Foundation

/// Why a job does not fit: what it needs per chip, part by part, against the HBM there is.
public struct MemoryShortfall: Hashable, Sendable, CustomStringConvertible {
    public var footprint: MemoryFootprint
    public var available: Bytes
    public var accelerator: String

    public init(footprint: MemoryFootprint, available: Bytes, accelerator: String) {
        self.footprint = footprint
        self.available = available
        self.accelerator = accelerator
    }

    /// How much is missing: total − available.
    public var deficit: Bytes { footprint.total - available }

    public var description: String {
        func gb(_ b: Bytes) -> String { String(format: "%.1f GB", b.value / 1e9) }
        let f = footprint
        return "needs \(gb(f.total)) per chip but \(accelerator) has \(gb(available)) of HBM "
            + "(short by \(gb(deficit))): weights \(gb(f.weights)), gradients \(gb(f.gradients)), "
            + "optimizer \(gb(f.optimizer)), activations \(gb(f.activations))"
    }
}
