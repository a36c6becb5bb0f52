/// The shape of a TPU slice in chips per torus dimension, written `4x4x8` (3D) or `8x16` (2D).
///
/// Order matters and is kept as written: `4x8` and `8x4` are different requests (Cloud TPU lists
/// topologies in one canonical order). Whether a shape is allowed depends on the generation; see
/// `TPUPodGeometry.validate(_:)`.
public struct SliceShape: Hashable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// Chips along each dimension (2 or 3 entries, each ≥ 1).
    public var dimensions: [Int]

    /// - Precondition: 2 or 3 dimensions, each ≥ 1 (use `parse` for untrusted text).
    public init(_ dimensions: [Int]) {
        precondition((2...3).contains(dimensions.count) && dimensions.allSatisfy { $0 >= 1 },
                     "a slice shape has 2 or 3 positive dimensions (got \(dimensions))")
        self.dimensions = dimensions
    }

    public init(_ x: Int, _ y: Int) { self.init([x, y]) }
    public init(_ x: Int, _ y: Int, _ z: Int) { self.init([x, y, z]) }

    /// Parses `"4x4x8"`; throws `SliceShapeError.malformed` saying what is wrong.
    public static func parse(_ text: String) throws(SliceShapeError) -> SliceShape {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else {
            throw .malformed(text, reason: "expected 2 or 3 sizes joined by 'x', e.g. 4x4x8 or 8x16")
        }
        var dims: [Int] = []
        for part in parts {
            guard let n = Int(part), n >= 1 else {
                throw .malformed(text, reason: "'\(part)' is not a positive integer")
            }
            dims.append(n)
        }
        return SliceShape(dims)
    }

    public init?(_ description: String) {
        guard let shape = try? SliceShape.parse(description) else { return nil }
        self = shape
    }

    /// Chips in the slice: the product of the dimensions.
    public var chips: Int { dimensions.reduce(1, *) }

    public var description: String { dimensions.map(String.init).joined(separator: "x") }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try SliceShape.parse(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Why a slice shape is not valid for a TPU generation.
public enum SliceShapeError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String, reason: String)
    case wrongDimensionality(SliceShape, expected: Int, generation: AcceleratorID)
    /// A 3D shape that is neither a documented small shape nor a multiple of 4 in every dimension.
    case notCubeMultiple(SliceShape, generation: AcceleratorID, smallShapes: [SliceShape])
    case exceedsMaximumSlice(SliceShape, maximumChips: Int, generation: AcceleratorID)
    /// A 2D shape not in the documented list.
    case notDocumented(SliceShape, generation: AcceleratorID, valid: [SliceShape])
    case invalidMultislice(String)

    public var description: String {
        switch self {
        case .malformed(let text, let reason):
            return "slice shape '\(text)': \(reason)"
        case .wrongDimensionality(let shape, let expected, let gen):
            return "slice shape \(shape): \(gen) slices have \(expected) dimensions"
        case .notCubeMultiple(let shape, let gen, let small):
            return "slice shape \(shape): \(gen) slices need every dimension a multiple of 4 (4x4x4 cubes), or one of the small shapes \(small.map(\.description).joined(separator: ", "))"
        case .exceedsMaximumSlice(let shape, let max, let gen):
            return "slice shape \(shape): \(shape.chips) chips exceeds the \(gen) maximum single slice of \(max) chips"
        case .notDocumented(let shape, let gen, let valid):
            return "slice shape \(shape): not a documented \(gen) shape; valid: \(valid.map(\.description).joined(separator: ", "))"
        case .invalidMultislice(let reason):
            return "multislice: \(reason)"
        }
    }
}
