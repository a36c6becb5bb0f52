/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
///
/// Used to expand one 64-bit seed into well-mixed state words; its output function is also the
/// 64-bit finaliser used to derive stream seeds.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    @inlinable public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function: a bijective avalanche of 64 bits.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Names one independent random stream: a domain (what the draws are for) and an entity index.
///
/// Keys hash with FNV-1a, never Swift's `Hasher` (which is seeded per process), so a key maps to
/// the same stream on every run and every machine.
public struct StreamKey: Hashable, Sendable, CustomStringConvertible {
    public var domain: String
    public var index: UInt64

    public init(_ domain: String, _ index: UInt64 = 0) {
        self.domain = domain
        self.index = index
    }

    /// A stable 64-bit digest of the key.
    public var digest: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a offset basis
        for byte in domain.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return SplitMix64.mix(hash ^ SplitMix64.mix(index &+ 0x9E37_79B9_7F4A_7C15))
    }

    public var description: String { "\(domain)#\(index)" }
}

/// A xoshiro256** generator (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// 2021): 256 bits of state, period 2^256 − 1, fast and statistically strong for simulation.
///
/// Every random quantity in a simulation comes from a stream derived from `(seed, key)`, so an
/// entity's draws depend only on the scenario seed and its own key — not on how many other
/// entities exist or in which order they draw. Two variants of a scenario therefore share their
/// common entities' random numbers (common random numbers), which makes comparisons fair.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A stream seeded directly from one 64-bit value (expanded with SplitMix64).
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        s0 = expander.next(); s1 = expander.next(); s2 = expander.next(); s3 = expander.next()
        // SplitMix64 never yields four zero words in a row, but the all-zero state is absorbing:
        // guard it explicitly so the invariant does not rest on that fact.
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The stream for `key` under the scenario `seed`.
    public init(seed: UInt64, key: StreamKey) {
        self.init(seed: SplitMix64.mix(seed) ^ key.digest)
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform Double in (0, 1]: safe to take the logarithm of.
    @inlinable
    public mutating func nextOpenUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's multiply-shift method).
    /// - Precondition: `bound > 0`.
    @inlinable
    public mutating func nextIndex(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "nextIndex(below:) needs a positive bound")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}

@inlinable
func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 &- k))
}
