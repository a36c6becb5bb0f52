/// FNV-1a (64-bit) of a byte sequence, as 16 hex digits: a short fingerprint for "did this output
/// change", not a cryptographic hash (nothing here defends against a chosen collision).
public struct Digest {
    private var hash: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    /// Folds `bytes` in (feeding a file in parts gives the digest of the parts joined).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var h = hash
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash = h
    }

    /// The digest so far, 16 lowercase hex digits.
    public var hex: String {
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var digest = Digest()
        Array(bytes).withUnsafeBytes { digest.update($0) }
        return digest.hex
    }
}
