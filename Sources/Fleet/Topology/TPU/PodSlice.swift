/// A validated TPU slice and what it is made of: chips, 4x4x4 cubes, hosts and ICI links.
///
/// Built by `TPUPodGeometry.slice(_:)`, which applies the generation's rules.
///
/// **ICI link rule.** Along a dimension of size n there are (chips / n) lines of chips. A line has
/// n links when that dimension wraps around (a torus ring) and n − 1 when it does not (a mesh
/// line); n = 1 has none, and n = 2 never counts a wraparound (it would join the same pair twice).
/// A dimension wraps when the slice is a full torus in it: for 3D generations, when every
/// dimension is a multiple of 4 (the optical circuit switches close the ring between cubes); for
/// 2D generations, only where the dimension spans the whole 16-chip pod edge.
public struct PodSlice: Hashable, Sendable {
    public var generation: AcceleratorID
    public var shape: SliceShape
    /// Per dimension: true when the dimension is a torus ring.
    public var wraps: [Bool]
    /// 4x4x4 cubes occupied (a sub-cube slice occupies part of 1); nil for 2D generations.
    public var cubes: Int?
    /// Hosts holding the slice (rounded up: a 1x1 slice still occupies a host).
    public var hosts: Int

    public var chips: Int { shape.chips }

    /// ICI links inside the slice (see the rule above). O(dimensions).
    public var iciLinks: Int {
        var total = 0
        for (i, n) in shape.dimensions.enumerated() where n > 1 {
            let lines = chips / n
            total += lines * ((wraps[i] && n > 2) ? n : n - 1)
        }
        return total
    }

    /// True when every dimension wraps (a full 2D/3D torus).
    public var isFullTorus: Bool { wraps.allSatisfy { $0 } }
}
