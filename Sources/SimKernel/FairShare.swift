/// Weighted max-min fair sharing of capacities among flows, by progressive filling.
///
/// **The problem.** Resources r have capacities C_r ≥ 0. Flow f has a weight w_f > 0, an
/// optional cap d_f ≥ 0 (its own demand or line rate), and uses resource r with coefficient
/// a_fr > 0 (1 for a network flow crossing a link). Find rates x_f ≥ 0 such that
///
///     Σ_f a_fr · x_f ≤ C_r   for every resource r,        x_f ≤ d_f   for every capped flow,
///
/// and the allocation is weighted max-min fair: no x_f / w_f can grow without lowering some
/// x_g / w_g that is already smaller or equal. Equivalently, every flow is *bottlenecked*: it is
/// at its cap, or it crosses a saturated resource on which its x_f / w_f is the largest.
///
/// **The method** (water-filling). All unfrozen flows rise together as x_f = w_f · t. The level
/// t stops at the first of: a resource saturating, t_r = (C_r − frozen load on r) / Σ_unfrozen
/// a_fr·w_f, or a flow reaching its cap, t_f = d_f / w_f. Flows on saturated resources and
/// capped flows freeze; repeat until every flow is frozen. At most R + F rounds of O(R + F).
///
/// **Worked example.** Links A (10 GB/s) and B (4 GB/s); flow 1 uses A, flow 2 uses A and B,
/// flow 3 uses B, all weight 1. B saturates first at t = 4/2 = 2, so flows 2 and 3 freeze at 2.
/// A then has 10 − 2 = 8 left for flow 1 alone: x = (8, 2, 2). With weight 3 on flow 3 instead,
/// B saturates at t = 4/(1+3) = 1: x₂ = 1, x₃ = 3, and flow 1 takes A's remaining 9: x = (9, 1, 3).
public struct FairShareProblem: Sendable {
    public private(set) var capacities: [Double] = []
    @usableFromInline var weights: [Double] = []
    @usableFromInline var caps: [Double] = []  // .infinity = uncapped
    @usableFromInline var useStart: [Int] = [0]  // CSR offsets into useResource / useCoefficient
    @usableFromInline var useResource: [Int] = []
    @usableFromInline var useCoefficient: [Double] = []

    public init() {}

    public var resourceCount: Int { capacities.count }
    public var flowCount: Int { weights.count }

    /// Adds a resource and returns its index.
    /// - Precondition: `capacity` is finite and ≥ 0.
    @discardableResult
    public mutating func addResource(capacity: Double) -> Int {
        precondition(capacity.isFinite && capacity >= 0, "resource capacity must be finite and ≥ 0 (got \(capacity))")
        capacities.append(capacity)
        return capacities.count - 1
    }

    /// Changes a resource's capacity (a link degraded, a power cap lowered).
    public mutating func setCapacity(_ capacity: Double, ofResource resource: Int) {
        precondition(capacity.isFinite && capacity >= 0, "resource capacity must be finite and ≥ 0 (got \(capacity))")
        capacities[resource] = capacity
    }

    /// Adds a flow that uses each listed resource with coefficient 1, and returns its index.
    @discardableResult
    public mutating func addFlow(through resources: [Int], weight: Double = 1, cap: Double? = nil) -> Int {
        addFlow(uses: resources.map { (resource: $0, coefficient: 1) }, weight: weight, cap: cap)
    }

    /// Adds a flow and returns its index.
    /// - Precondition: `weight > 0`; `cap ≥ 0` if given; coefficients > 0; resources exist and
    ///   appear once; the flow uses at least one resource or has a cap (else its rate is unbounded).
    @discardableResult
    public mutating func addFlow(uses: [(resource: Int, coefficient: Double)], weight: Double = 1, cap: Double? = nil) -> Int {
        precondition(weight.isFinite && weight > 0, "flow weight must be positive (got \(weight))")
        if let cap { precondition(cap >= 0 && !cap.isNaN, "flow cap must be ≥ 0 (got \(cap))") }
        precondition(!uses.isEmpty || cap != nil, "a flow with no resource and no cap has no bounded rate")
        var seen = Set<Int>()
        for use in uses {
            precondition(capacities.indices.contains(use.resource), "flow uses unknown resource \(use.resource)")
            precondition(use.coefficient.isFinite && use.coefficient > 0, "usage coefficient must be positive (got \(use.coefficient))")
            precondition(seen.insert(use.resource).inserted, "flow lists resource \(use.resource) twice")
            useResource.append(use.resource)
            useCoefficient.append(use.coefficient)
        }
        useStart.append(useResource.count)
        weights.append(weight)
        caps.append(cap ?? .infinity)
        return weights.count - 1
    }

    /// The resources flow `flow` uses, with their coefficients.
    public func uses(ofFlow flow: Int) -> [(resource: Int, coefficient: Double)] {
        (useStart[flow]..<useStart[flow + 1]).map { (useResource[$0], useCoefficient[$0]) }
    }

    /// Solves the problem. O((R + F) · rounds), rounds ≤ R + F.
    public func solve() -> FairShareSolution {
        let flowCount = weights.count, resourceCount = capacities.count
        var rates = [Double](repeating: 0, count: flowCount)
        var bottlenecks = [FairShareSolution.Bottleneck](repeating: .cap, count: flowCount)
        var frozen = [Bool](repeating: false, count: flowCount)
        var frozenLoad = [Double](repeating: 0, count: resourceCount)
        var weightSum = [Double](repeating: 0, count: resourceCount)  // Σ unfrozen a·w
        var activeCount = [Int](repeating: 0, count: resourceCount)  // unfrozen flows on r
        var flowsOn = [[Int]](repeating: [], count: resourceCount)
        for f in 0..<flowCount {
            for u in useStart[f]..<useStart[f + 1] {
                weightSum[useResource[u]] += useCoefficient[u] * weights[f]
                activeCount[useResource[u]] += 1
                flowsOn[useResource[u]].append(f)
            }
        }
        var remaining = flowCount
        // Relative slack when deciding that a resource or cap is reached at the same level.
        let tolerance = 1e-12

        func headroom(_ r: Int) -> Double { max(capacities[r] - frozenLoad[r], 0) }

        func freeze(_ f: Int, at rate: Double, by bottleneck: FairShareSolution.Bottleneck) {
            frozen[f] = true
            rates[f] = rate
            bottlenecks[f] = bottleneck
            remaining -= 1
            for u in useStart[f]..<useStart[f + 1] {
                let r = useResource[u]
                frozenLoad[r] += useCoefficient[u] * rate
                weightSum[r] -= useCoefficient[u] * weights[f]
                activeCount[r] -= 1
            }
        }

        while remaining > 0 {
            var level = Double.infinity
            for r in 0..<resourceCount where activeCount[r] > 0 {
                level = min(level, headroom(r) / weightSum[r])
            }
            for f in 0..<flowCount where !frozen[f] {
                level = min(level, caps[f] / weights[f])
            }
            precondition(level.isFinite, "fair-share level unbounded: a flow has neither resource nor cap")
            let threshold = level * (1 + tolerance) + Double.leastNormalMagnitude
            for f in 0..<flowCount where !frozen[f] && caps[f] / weights[f] <= threshold {
                freeze(f, at: caps[f], by: .cap)
            }
            for r in 0..<resourceCount where activeCount[r] > 0 && headroom(r) / weightSum[r] <= threshold {
                for f in flowsOn[r] where !frozen[f] { freeze(f, at: weights[f] * level, by: .resource(r)) }
            }
        }
        return FairShareSolution(rates: rates, bottlenecks: bottlenecks)
    }
}

/// The rates of a solved `FairShareProblem`, with what limits each flow.
public struct FairShareSolution: Sendable, Equatable {
    /// What stopped a flow's rate from growing.
    public enum Bottleneck: Sendable, Equatable {
        /// The flow reached its own cap.
        case cap
        /// The resource with this index saturated.
        case resource(Int)
    }

    /// Rate of each flow, by flow index.
    public var rates: [Double]
    /// What bottlenecks each flow, by flow index.
    public var bottlenecks: [Bottleneck]
}
