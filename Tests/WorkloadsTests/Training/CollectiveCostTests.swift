import Testing
import Fleet
import SimKernel
import Workloads

@Suite("CollectiveCost")
struct CollectiveCostTests {
    static let fast = CollectiveChannel(bandwidth: .gigabytesPerSecond(100), latency: .zero)
    static let gb = Bytes(1e9)

    @Test("ring all-reduce: 2(n−1)/n · V/β + 2(n−1)·α")
    func ring() {
        // 2 × 7/8 × 1e9 / 1e11 = 0.0175 s
        #expect(abs(CollectiveCost.ringAllReduce(Self.gb, ranks: 8, over: Self.fast) - 0.0175) < 1e-12)
        let slow = CollectiveChannel(bandwidth: .gigabytesPerSecond(100), latency: .microseconds(1))
        // + 14 steps × 1 µs
        #expect(abs(CollectiveCost.ringAllReduce(Self.gb, ranks: 8, over: slow) - 0.017514) < 1e-12)
        #expect(abs(CollectiveCost.ringReduceScatter(Self.gb, ranks: 8, over: Self.fast) - 0.00875) < 1e-12)
        #expect(CollectiveCost.ringAllReduce(Self.gb, ranks: 1, over: Self.fast) == 0)
    }

    @Test("torus reduce-scatter injects on every wrapped dimension in both directions")
    func torus() {
        let link = CollectiveChannel(bandwidth: .gigabytesPerSecond(50), latency: .zero)
        // 4x4 torus: 2 × 50 + 2 × 50 = 200 GB/s; 15/16 × 1e9 / 2e11 = 4.6875 ms
        let rs = CollectiveCost.torusReduceScatter(Self.gb, dimensions: [4, 4], wraps: [true, true], link: link)
        #expect(abs(rs - 0.0046875) < 1e-12)
        // an open 4x4 mesh has half the injection: 9.375 ms
        let mesh = CollectiveCost.torusReduceScatter(Self.gb, dimensions: [4, 4], wraps: [false, false], link: link)
        #expect(abs(mesh - 0.009375) < 1e-12)
        #expect(abs(CollectiveCost.torusAllReduce(Self.gb, dimensions: [4, 4], wraps: [true, true], link: link) - 0.009375) < 1e-12)
    }

    @Test("hierarchical all-reduce: NVLink reduce-scatter, network all-reduce of 1/8, NVLink all-gather")
    func hierarchical() {
        let nvlink = CollectiveChannel(bandwidth: .gigabytesPerSecond(450), latency: .zero)
        let nic = CollectiveChannel(bandwidth: .gigabytesPerSecond(50), latency: .zero)
        // 2 × 7/8 × 1e9/4.5e11 = 3.8889 ms; 2 × 3/4 × 1.25e8/5e10 = 3.75 ms; total 7.6389 ms
        let t = CollectiveCost.hierarchicalAllReduce(Self.gb, local: 8, remote: 4, localChannel: nvlink, remoteChannel: nic)
        #expect(abs(t - (2 * 0.875 / 450 + 1.5 * 0.125 / 50)) < 1e-12)
    }

    @Test("all-to-all is bound by the share that leaves the domain")
    func allToAll() {
        let nvlink = CollectiveChannel(bandwidth: .gigabytesPerSecond(450), latency: .zero)
        let nic = CollectiveChannel(bandwidth: .gigabytesPerSecond(50), latency: .zero)
        // 64 ranks, 8 local: 1e9/64 × 56 / 5e10 = 17.5 ms (the intra share takes 0.243 ms)
        let t = CollectiveCost.allToAll(Self.gb, ranks: 64, local: 8, localChannel: nvlink, remoteChannel: nic)
        #expect(abs(t - 0.0175) < 1e-12)
    }

    @Test("point to point: α + V/β")
    func p2p() {
        let ch = CollectiveChannel(bandwidth: .gigabytesPerSecond(25), latency: .microseconds(6))
        // 1e8 / 2.5e10 = 4 ms + 6 µs
        #expect(abs(CollectiveCost.pointToPoint(Bytes(1e8), over: ch) - 0.004006) < 1e-12)
    }
}
