import Testing
@testable import Workloads

@Suite("PrefixCache")
struct PrefixCacheTests {
    @Test("a hit is the longest run of leading cached blocks")
    func longestPrefix() {
        var cache = PrefixCache(capacityBlocks: 8, blockTokens: 4)
        cache.insert(blocks: [1, 2, 3])
        #expect(cache.matchedBlocks([1, 2, 3, 4]) == 3)
        #expect(cache.matchedBlocks([1, 9, 3]) == 1)  // 3 is cached but follows a miss
        #expect(cache.matchedBlocks([9, 2]) == 0)  // a leading miss ends the match
        cache.checkInvariants()
    }

    @Test("the last prompt token is always computed, even on a full hit")
    func lastTokenComputed() {
        var cache = PrefixCache(capacityBlocks: 8, blockTokens: 4)
        cache.insert(blocks: [1, 2])
        // 2 blocks · 4 = 8 tokens cached, prompt of 8: skip 7.
        #expect(cache.cachedTokens(blocks: [1, 2], promptTokens: 8) == 7)
        // prompt of 10 with a partial third block: skip 8.
        #expect(cache.cachedTokens(blocks: [1, 2, 3], promptTokens: 10) == 8)
    }

    @Test("eviction takes the least recently used block, prefix tails before heads")
    func evictionOrder() {
        var cache = PrefixCache(capacityBlocks: 3, blockTokens: 4)
        cache.insert(blocks: [1, 2, 3])
        #expect(cache.hashesByRecency == [1, 2, 3])  // head of the prefix most recent
        cache.insert(blocks: [4])                   // evicts 3, the tail
        #expect(cache.hashesByRecency == [4, 1, 2])
        _ = cache.lookup(blocks: [7], promptTokens: 4)  // a miss touches nothing
        _ = cache.lookup(blocks: [1], promptTokens: 4)  // touches 1
        cache.insert(blocks: [5])                   // evicts 2
        #expect(cache.hashesByRecency == [5, 1, 4])
        #expect(cache.statistics.evictedBlocks == 2)
        cache.checkInvariants()
    }
}
