/// How one tensor element is stored: sets bytes moved and stored per element, and which peak
/// rate of the chip a matrix multiply can use. Serialized names are the raw values.
public enum NumericFormat: String, Hashable, Sendable, CaseIterable {
    case bf16
    case fp8
    case int8

    /// Storage size of one element.
    public var bytesPerElement: Double {
        switch self {
        case .bf16: return 2
        case .fp8, .int8: return 1
        }
    }
}
