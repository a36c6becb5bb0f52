/// A least-recently-used cache of prompt-block hashes: which prompt prefixes a replica can reuse
/// instead of prefilling them again.
///
/// A prompt is a chain of fixed-size blocks, each named by a hash of its content *and* its
/// predecessors (as vLLM's automatic prefix caching and the Mooncake trace's `hash_ids` do), so a
/// hit is the longest run of leading blocks present. Lookups and insertions touch blocks from
/// the last to the first, leaving the first block most recent: the tail of a prefix is evicted
/// before its head, which keeps shared system prompts resident.
///
/// Storage is three parallel arrays (a doubly linked list by index) plus a dictionary used only
/// for lookup, never iterated, so eviction order is deterministic.
public struct PrefixCache: Sendable {
    /// Blocks the cache holds.
    public let capacityBlocks: Int
    /// Prompt tokens per block.
    public let blockTokens: Int
    /// Hit accounting since creation.
    public private(set) var statistics = PrefixCacheStatistics()

    private var slotOfHash: [UInt64: Int32] = [:]
    private var hashOfSlot: [UInt64] = []
    private var newer: [Int32] = []   // towards the most recent end
    private var older: [Int32] = []   // towards the least recent end
    private var mostRecent: Int32 = -1
    private var leastRecent: Int32 = -1

    /// - Precondition: both are positive.
    public init(capacityBlocks: Int, blockTokens: Int) {
        precondition(capacityBlocks > 0 && blockTokens > 0, "prefix cache needs positive capacity and block size")
        self.capacityBlocks = capacityBlocks
        self.blockTokens = blockTokens
    }

    public init(_ configuration: PrefixCacheConfiguration) {
        self.init(capacityBlocks: configuration.capacityBlocks, blockTokens: configuration.blockTokens)
    }

    /// Blocks held.
    public var count: Int { hashOfSlot.count }

    /// Whether `hash` is cached (does not touch it). O(1).
    public func contains(_ hash: UInt64) -> Bool { slotOfHash[hash] != nil }

    /// Leading blocks of `blocks` that are cached, without touching them or counting a lookup.
    /// O(hits).
    public func matchedBlocks(_ blocks: [UInt64]) -> Int {
        var n = 0
        while n < blocks.count, slotOfHash[blocks[n]] != nil { n += 1 }
        return n
    }

    /// Prompt tokens a request could skip: the matched blocks' tokens, but never the whole
    /// prompt (the last prompt token is always computed, to produce the first output token).
    public func cachedTokens(blocks: [UInt64], promptTokens: Int) -> Int {
        min(matchedBlocks(blocks) * blockTokens, max(promptTokens - 1, 0))
    }

    /// Looks up a request's prompt: counts the lookup, touches the matched blocks and returns
    /// the prompt tokens it may skip (see `cachedTokens`). O(hits).
    public mutating func lookup(blocks: [UInt64], promptTokens: Int) -> Int {
        let hits = matchedBlocks(blocks)
        for i in stride(from: hits - 1, through: 0, by: -1) { touch(slotOfHash[blocks[i]]!) }
        let cached = min(hits * blockTokens, max(promptTokens - 1, 0))
        statistics.requests += 1
        statistics.blocksLookedUp += blocks.count
        statistics.blocksHit += hits
        statistics.promptTokens += promptTokens
        statistics.cachedTokens += cached
        return cached
    }

    /// Caches every block of a computed prompt, evicting the least recently used blocks when
    /// full. O(blocks).
    public mutating func insert(blocks: [UInt64]) {
        for hash in blocks.reversed() {
            if let slot = slotOfHash[hash] {
                touch(slot)
            } else {
                add(hash)
            }
        }
    }

    private mutating func add(_ hash: UInt64) {
        let slot: Int32
        if hashOfSlot.count < capacityBlocks {
            slot = Int32(hashOfSlot.count)
            hashOfSlot.append(hash)
            newer.append(-1)
            older.append(-1)
        } else {
            slot = leastRecent
            unlink(slot)
            slotOfHash[hashOfSlot[Int(slot)]] = nil
            hashOfSlot[Int(slot)] = hash
            statistics.evictedBlocks += 1
        }
        slotOfHash[hash] = slot
        linkAsMostRecent(slot)
    }

    private mutating func touch(_ slot: Int32) {
        guard slot != mostRecent else { return }
        unlink(slot)
        linkAsMostRecent(slot)
    }

    private mutating func unlink(_ slot: Int32) {
        let s = Int(slot)
        let n = newer[s], o = older[s]
        if n >= 0 { older[Int(n)] = o } else { mostRecent = o }
        if o >= 0 { newer[Int(o)] = n } else { leastRecent = n }
        newer[s] = -1
        older[s] = -1
    }

    private mutating func linkAsMostRecent(_ slot: Int32) {
        let s = Int(slot)
        older[s] = mostRecent
        newer[s] = -1
        if mostRecent >= 0 { newer[Int(mostRecent)] = slot }
        mostRecent = slot
        if leastRecent < 0 { leastRecent = slot }
    }

    /// The cached hashes from most to least recently used. O(count); for tests and debugging.
    public var hashesByRecency: [UInt64] {
        var out: [UInt64] = []
        var slot = mostRecent
        while slot >= 0 {
            out.append(hashOfSlot[Int(slot)])
            slot = older[Int(slot)]
        }
        return out
    }

    /// Traps if the list and the index disagree. Compiled in debug builds only.
    public func checkInvariants() {
        #if DEBUG
        precondition(count <= capacityBlocks, "prefix cache over capacity")
        precondition(slotOfHash.count == count, "index and list sizes differ")
        let order = hashesByRecency
        precondition(order.count == count, "recency list misses entries")
        for (hash, slot) in slotOfHash { precondition(hashOfSlot[Int(slot)] == hash, "index points at the wrong slot") }
        #endif
    }
}

/// Prefix-cache hit accounting.
public struct PrefixCacheStatistics: Hashable, Sendable {
    /// Requests looked up.
    public var requests = 0
    /// Prompt blocks looked up, and how many of them were hits.
    public var blocksLookedUp = 0
    public var blocksHit = 0
    /// Prompt tokens looked up, and how many of them were skipped.
    public var promptTokens = 0
    public var cachedTokens = 0
    /// Blocks evicted to make room.
    public var evictedBlocks = 0

    public init() {}

    /// Hit blocks / looked-up blocks (0 before any lookup).
    public var blockHitRate: Double { blocksLookedUp > 0 ? Double(blocksHit) / Double(blocksLookedUp) : 0 }
    /// Skipped prompt tokens / prompt tokens (0 before any lookup).
    public var tokenHitRate: Double { promptTokens > 0 ? Double(cachedTokens) / Double(promptTokens) : 0 }
}
