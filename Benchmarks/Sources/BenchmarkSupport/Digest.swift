/// FNV-1a (64-bit) of a byte sequence, as 16 hex digits: a short fingerprint for "did this output
/// change", not a cryptographic hash (nothing here defends against a chosen collision).
public enum Digest {
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
