import Testing
@testable import SimKernel

@Suite("FairShareProblem")
struct FairShareTests {
    private func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) }
    }

    @Test("the worked example of the doc comment: two links, three flows")
    func workedExample() {
        var p = FairShareProblem()
        let a = p.addResource(capacity: 10), b = p.addResource(capacity: 4)
        p.addFlow(through: [a]); p.addFlow(through: [a, b]); p.addFlow(through: [b])
        let s = p.solve()
        #expect(close(s.rates, [8, 2, 2]))
        #expect(s.bottlenecks == [.resource(a), .resource(b), .resource(b)])
    }

    @Test("weights divide a bottleneck in proportion")
    func weighted() {
        var p = FairShareProblem()
        let a = p.addResource(capacity: 10), b = p.addResource(capacity: 4)
        p.addFlow(through: [a]); p.addFlow(through: [a, b]); p.addFlow(through: [b], weight: 3)
        #expect(close(p.solve().rates, [9, 1, 3]))
    }

    @Test("a capped flow leaves its unused share to the others")
    func caps() {
        // One 12-unit link, three flows; flow 0 wants only 2: the others split 10 → 5 each.
        var p = FairShareProblem()
        let link = p.addResource(capacity: 12)
        p.addFlow(through: [link], cap: 2); p.addFlow(through: [link]); p.addFlow(through: [link])
        let s = p.solve()
        #expect(close(s.rates, [2, 5, 5]))
        #expect(s.bottlenecks == [.cap, .resource(link), .resource(link)])
    }

    @Test("coefficients count a flow's use of a resource several times")
    func coefficients() {
        // A 100 W budget; job 0 draws 3 W per unit of rate, job 1 draws 1 W: equal rates x with
        // 3x + x = 100 → x = 25 each.
        var p = FairShareProblem()
        let watts = p.addResource(capacity: 100)
        p.addFlow(uses: [(watts, 3)]); p.addFlow(uses: [(watts, 1)])
        #expect(close(p.solve().rates, [25, 25]))
    }

    @Test("a parking-lot chain gives the long flow the smallest share")
    func parkingLot() {
        // Three unit links in a row; the long flow crosses all three, one short flow per link.
        // Every link saturates at t = 1/2: all flows get 0.5.
        var p = FairShareProblem()
        let links = (0..<3).map { _ in p.addResource(capacity: 1) }
        p.addFlow(through: links)
        for l in links { p.addFlow(through: [l]) }
        #expect(close(p.solve().rates, [0.5, 0.5, 0.5, 0.5]))
    }

    @Test("zero capacity starves the flows that need it")
    func zeroCapacity() {
        var p = FairShareProblem()
        let dead = p.addResource(capacity: 0), live = p.addResource(capacity: 6)
        p.addFlow(through: [dead, live]); p.addFlow(through: [live])
        #expect(close(p.solve().rates, [0, 6]))
    }

    @Test("random problems: no resource over capacity and every flow bottlenecked", arguments: 0..<200)
    func properties(seed: UInt64) {
        var rng = RandomStream(seed: seed, key: StreamKey("fair-share"))
        var p = FairShareProblem()
        let resourceCount = 1 + Int(rng.nextIndex(below: 8))
        for _ in 0..<resourceCount {
            // Some capacities tie exactly, to exercise simultaneous saturation.
            p.addResource(capacity: rng.nextIndex(below: 4) == 0 ? 5 : 1 + 20 * rng.nextUnit())
        }
        let flowCount = 1 + Int(rng.nextIndex(below: 12))
        for _ in 0..<flowCount {
            var uses: [(resource: Int, coefficient: Double)] = []
            for r in 0..<resourceCount where rng.nextIndex(below: 3) == 0 {
                uses.append((r, rng.nextIndex(below: 2) == 0 ? 1 : 0.5 + 2 * rng.nextUnit()))
            }
            let cap: Double? = uses.isEmpty || rng.nextIndex(below: 3) == 0 ? 10 * rng.nextUnit() : nil
            p.addFlow(uses: uses, weight: 0.5 + 3 * rng.nextUnit(), cap: cap)
        }
        let s = p.solve()
        let epsilon = 1e-9

        var load = [Double](repeating: 0, count: resourceCount)
        for f in 0..<flowCount {
            #expect(s.rates[f] >= 0)
            for use in p.uses(ofFlow: f) { load[use.resource] += use.coefficient * s.rates[f] }
        }
        for r in 0..<resourceCount {
            #expect(load[r] <= p.capacities[r] * (1 + epsilon) + epsilon, "resource \(r) over capacity")
        }
        // Weighted max-min: each flow is at its cap, or crosses a saturated resource on which no
        // other flow has a larger rate per unit weight.
        for f in 0..<flowCount {
            switch s.bottlenecks[f] {
            case .cap:
                #expect(abs(s.rates[f] - p.capOf(f)) <= epsilon)
            case .resource(let r):
                #expect(abs(load[r] - p.capacities[r]) <= epsilon * max(1, p.capacities[r]), "bottleneck \(r) not saturated")
                let level = s.rates[f] / p.weightOf(f)
                for g in 0..<flowCount where p.uses(ofFlow: g).contains(where: { $0.resource == r }) {
                    #expect(s.rates[g] / p.weightOf(g) <= level * (1 + epsilon) + epsilon)
                }
            }
        }
    }
}

extension FairShareProblem {
    func capOf(_ flow: Int) -> Double { caps[flow] }
    func weightOf(_ flow: Int) -> Double { weights[flow] }
}
