import Fleet

/// Where one parallel group's ranks sit: a part inside one scale-up unit (a switched domain,
/// or a sub-torus of a TPU slice) and a number of such parts joined by scale-out.
///
/// Ranks are numbered with the fastest-varying group first. A group of `size` ranks at
/// `stride` (chips between consecutive members) has min(size, unit / stride) members in one
/// unit when stride < unit, else one. On a TPU slice the in-unit members take the torus
/// dimensions that follow the inner groups' dimensions (the shape's dimensions are consumed
/// from the last); a group that does not line up with whole dimensions is run as an open line.
struct GroupRoute {
    enum Local {
        case switched(ranks: Int, channel: CollectiveChannel)
        case torus(dimensions: [Int], wraps: [Bool], link: CollectiveChannel)

        var ranks: Int {
            switch self {
            case .switched(let r, _): return r
            case .torus(let dims, _, _): return dims.reduce(1, *)
            }
        }

        func reduceScatter(_ bytes: Bytes) -> Double {
            switch self {
            case .switched(let r, let ch): return CollectiveCost.ringReduceScatter(bytes, ranks: r, over: ch)
            case .torus(let d, let w, let link): return CollectiveCost.torusReduceScatter(bytes, dimensions: d, wraps: w, link: link)
            }
        }

        /// Per-direction injection bandwidth of one chip into the local part.
        var injection: CollectiveChannel {
            switch self {
            case .switched(_, let ch): return ch
            case .torus(let dims, let wraps, let link):
                var total = 0.0
                for (d, w) in zip(dims, wraps) where d > 1 { total += (w && d > 2 ? 2 : 1) * link.bandwidth.value }
                return CollectiveChannel(bandwidth: BytesPerSecond(max(total, link.bandwidth.value)), latency: link.latency)
            }
        }
    }

    var local: Local
    var remote: Int
    var remoteChannel: CollectiveChannel

    var size: Int { local.ranks * remote }

    init(size: Int, stride: Int, allocation: TrainingAllocation, remoteChannel: CollectiveChannel) {
        let unit = allocation.chipsPerScaleUpUnit
        let inUnit = stride >= unit ? 1 : max(1, min(size, unit / stride))
        self.remote = max(1, (size + inUnit - 1) / inUnit)
        self.remoteChannel = remoteChannel
        switch allocation.layout {
        case .domains:
            local = .switched(ranks: inUnit, channel: allocation.scaleUpChannel)
        case .slices(let slice, _):
            let link = allocation.iciLinkChannel
            if let (dims, wraps) = Self.torusDimensions(of: slice, stride: stride, size: inUnit) {
                local = .torus(dimensions: dims, wraps: wraps, link: link)
            } else {
                local = .torus(dimensions: [inUnit], wraps: [false], link: link)
            }
        }
    }

    /// The slice dimensions a group of `size` at `stride` occupies, or nil when the group does
    /// not line up with whole dimensions.
    static func torusDimensions(of slice: PodSlice, stride: Int, size: Int) -> ([Int], [Bool])? {
        guard size > 1 else { return ([1], [false]) }
        var inner = 1
        var dims: [Int] = []
        var wraps: [Bool] = []
        for i in slice.shape.dimensions.indices.reversed() {
            let d = slice.shape.dimensions[i]
            if inner < stride {
                inner *= d
                if inner > stride { return nil }
                continue
            }
            if dims.reduce(1, *) >= size { break }
            dims.append(d)
            wraps.append(slice.wraps[i])
        }
        return dims.reduce(1, *) == size ? (dims, wraps) : nil
    }

    /// Reduce-scatter (or all-gather) of `bytes` per rank over the whole group.
    func reduceScatter(_ bytes: Bytes) -> Double {
        local.reduceScatter(bytes)
            + CollectiveCost.ringReduceScatter(bytes / Double(local.ranks), ranks: remote, over: remoteChannel)
    }

    /// All-reduce: hierarchical when the group spans several units, the local algorithm alone
    /// otherwise (2 × reduce-scatter in the unit, ring all-reduce of the shard across units).
    func allReduce(_ bytes: Bytes) -> Double {
        2 * local.reduceScatter(bytes)
            + CollectiveCost.ringAllReduce(bytes / Double(local.ranks), ranks: remote, over: remoteChannel)
    }

    /// All-to-all of `bytes` per rank over the group.
    func allToAll(_ bytes: Bytes) -> Double {
        CollectiveCost.allToAll(bytes, ranks: size, local: local.ranks,
                                localChannel: local.injection, remoteChannel: remoteChannel)
    }
}
