import Testing
@testable import Fleet

@Suite("TPUPodGeometry")
struct TPUPodGeometryTests {
    static func geometry(_ id: AcceleratorID) -> TPUPodGeometry { TPUPodGeometry(try! Catalog.builtIn.spec(id))! }

    struct Expected: Sendable, CustomTestStringConvertible {
        var generation: AcceleratorID
        var shape: String
        var chips: Int
        var cubes: Int?
        var hosts: Int
        var iciLinks: Int
        var testDescription: String { "\(generation) \(shape)" }
    }

    // ICI links: per dimension of size n, (chips / n) lines × (n if it wraps, else n − 1).
    static let valid: [Expected] = [
        // 4x4x4 torus: 3 dims × 16 lines × 4 links = 192; 64 chips / 4 per host = 16 hosts
        Expected(generation: "tpu-v4", shape: "4x4x4", chips: 64, cubes: 1, hosts: 16, iciLinks: 192),
        // 4x4x8 torus: 32×4 + 32×4 + 16×8 = 384
        Expected(generation: "tpu-v4", shape: "4x4x8", chips: 128, cubes: 2, hosts: 32, iciLinks: 384),
        // 2x2x1 mesh: 2×1 + 2×1 + 0 = 4
        Expected(generation: "tpu-v4", shape: "2x2x1", chips: 4, cubes: 1, hosts: 1, iciLinks: 4),
        // 2x2x4 mesh: 8×1 + 8×1 + 4×3 = 28
        Expected(generation: "tpu-v4", shape: "2x2x4", chips: 16, cubes: 1, hosts: 4, iciLinks: 28),
        // 16x16x16 = whole pod: 4096 × 3 = 12288
        Expected(generation: "tpu-v4", shape: "16x16x16", chips: 4096, cubes: 64, hosts: 1024, iciLinks: 12_288),
        // 8x16x16 torus: 2048 × 3 = 6144
        Expected(generation: "tpu-v4", shape: "8x16x16", chips: 2048, cubes: 32, hosts: 512, iciLinks: 6_144),
        // v5p largest slice 16x16x24 = 6144 chips, 96 cubes, 1536 hosts, 18432 links
        Expected(generation: "tpu-v5p", shape: "16x16x24", chips: 6144, cubes: 96, hosts: 1536, iciLinks: 18_432),
        Expected(generation: "tpu-v5p", shape: "2x4x4", chips: 32, cubes: 1, hosts: 8, iciLinks: 16 + 8 * 3 + 8 * 3),
        // Ironwood full pod 16x24x24 = 9216 chips, 144 cubes, 2304 hosts
        Expected(generation: "tpu-v7", shape: "16x24x24", chips: 9216, cubes: 144, hosts: 2304, iciLinks: 27_648),
        // v5e 16x16 full 2D torus: 2 × 16 × 16 = 512; 256 / 8 = 32 hosts
        Expected(generation: "tpu-v5e", shape: "16x16", chips: 256, cubes: nil, hosts: 32, iciLinks: 512),
        // 8x16: dim 8 mesh 16 × 7 = 112, dim 16 wraps 8 × 16 = 128 → 240
        Expected(generation: "tpu-v5e", shape: "8x16", chips: 128, cubes: nil, hosts: 16, iciLinks: 240),
        // 4x4 mesh: 4×3 + 4×3 = 24; 16 / 8 = 2 hosts
        Expected(generation: "tpu-v6e", shape: "4x4", chips: 16, cubes: nil, hosts: 2, iciLinks: 24),
        // 1x1: one chip, still one host, no links
        Expected(generation: "tpu-v6e", shape: "1x1", chips: 1, cubes: nil, hosts: 1, iciLinks: 0),
    ]

    @Test("valid shapes count chips, cubes, hosts and ICI links", arguments: valid)
    func validShape(_ e: Expected) throws {
        let slice = try Self.geometry(e.generation).slice(e.shape)
        #expect(slice.chips == e.chips)
        #expect(slice.cubes == e.cubes)
        #expect(slice.hosts == e.hosts)
        #expect(slice.iciLinks == e.iciLinks)
    }

    @Test("every documented 2D shape is valid on v5e and v6e",
          arguments: ["tpu-v5e", "tpu-v6e"] as [AcceleratorID], ["1x1", "2x2", "2x4", "4x4", "4x8", "8x8", "8x16", "16x16"])
    func documented2D(generation: AcceleratorID, shape: String) throws {
        #expect(throws: Never.self) { try Self.geometry(generation).slice(shape) }
    }

    static let invalid: [(AcceleratorID, String, SliceShapeError)] = [
        ("tpu-v4", "4x4x6", .notCubeMultiple(SliceShape(4, 4, 6), generation: "tpu-v4", smallShapes: TPUPodGeometry.subCubeShapes)),
        ("tpu-v4", "3x3x3", .notCubeMultiple(SliceShape(3, 3, 3), generation: "tpu-v4", smallShapes: TPUPodGeometry.subCubeShapes)),
        ("tpu-v4", "16x16x32", .exceedsMaximumSlice(SliceShape(16, 16, 32), maximumChips: 4096, generation: "tpu-v4")),
        ("tpu-v5p", "16x16x28", .exceedsMaximumSlice(SliceShape(16, 16, 28), maximumChips: 6144, generation: "tpu-v5p")),
        ("tpu-v4", "8x8", .wrongDimensionality(SliceShape(8, 8), expected: 3, generation: "tpu-v4")),
        ("tpu-v5e", "4x4x4", .wrongDimensionality(SliceShape(4, 4, 4), expected: 2, generation: "tpu-v5e")),
        ("tpu-v5e", "4x2", .notDocumented(SliceShape(4, 2), generation: "tpu-v5e", valid: TPUPodGeometry.twoDShapes)),
        ("tpu-v6e", "16x32", .notDocumented(SliceShape(16, 32), generation: "tpu-v6e", valid: TPUPodGeometry.twoDShapes)),
    ]

    @Test("invalid shapes are rejected with the rule they break", arguments: invalid)
    func invalidShape(generation: AcceleratorID, shape: String, error: SliceShapeError) {
        #expect(throws: error) { try Self.geometry(generation).slice(shape) }
    }

    @Test("malformed text is a clear parse error", arguments: ["4x4x", "axb", "4", "4x0x4", "4x4x4x4", ""])
    func malformed(_ text: String) {
        #expect(throws: SliceShapeError.self) { try SliceShape.parse(text) }
        #expect(SliceShape(text) == nil)
    }

    @Test("a parse error names the offending part")
    func parseMessage() {
        do {
            _ = try SliceShape.parse("4xfourx8")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.description == "slice shape '4xfourx8': 'four' is not a positive integer")
        }
    }

    @Test("multislice over DCN is bounded by the v5p limit of 18,432 chips")
    func multislice() throws {
        let spec = try Catalog.builtIn.spec("tpu-v5p")
        let g = TPUPodGeometry(spec)!
        let slice = try g.slice("16x16x24")
        let three = try TPUMultislice(slice: slice, count: 3, geometry: g, spec: spec)
        #expect(three.chips == 18_432)
        // DCN per slice: 6144 chips × 50 Gb/s = 307.2 Tb/s = 3.84e13 B/s
        #expect(three.dcnBandwidthPerSlice == BytesPerSecond(3.84e13))
        #expect(throws: SliceShapeError.self) { try TPUMultislice(slice: slice, count: 4, geometry: g, spec: spec) }
    }

    @Test("pods count ICI links as chips × ports / 2")
    func podLinks() {
        #expect(Self.geometry("tpu-v4").podICILinks == 4096 * 3)
        #expect(Self.geometry("tpu-v5e").podICILinks == 256 * 2)
    }
}
