import Fleet

/// α–β costs of the collectives a training step runs, in seconds (Thakur et al. 2005;
/// Chan et al. 2007). `bytes` is always the size of the full buffer on one rank before the
/// collective; α is the channel's per-step latency, β⁻¹ its per-chip per-direction bandwidth.
///
///     ring reduce-scatter / all-gather:  (n−1)·α + (n−1)/n · V/β
///     ring all-reduce:                   2(n−1)·α + 2(n−1)/n · V/β
///     torus (k dims d_i, per-dim rings): Σ(d_i−1)·α + (n−1)/n · V/Σβ_i   (reduce-scatter)
///     hierarchical (n_l local × n_r remote): RS(n_l) + AR(n_r, V/n_l) + AG(n_l)
///     all-to-all:                        (n−1)·α + max(V·(n_l−1)/n / β_l, V·(n−n_l)/n / β_r)
///     point-to-point:                    α + V/β
public enum CollectiveCost {
    /// Ring reduce-scatter (equally, all-gather) over `ranks`.
    public static func ringReduceScatter(_ bytes: Bytes, ranks n: Int, over channel: CollectiveChannel) -> Double {
        guard n > 1 else { return 0 }
        let steps = Double(n - 1)
        return steps * channel.latency.seconds + steps / Double(n) * (bytes / channel.bandwidth)
    }

    /// Ring all-reduce: a reduce-scatter then an all-gather, 2(n−1)/n · V/β.
    public static func ringAllReduce(_ bytes: Bytes, ranks n: Int, over channel: CollectiveChannel) -> Double {
        2 * ringReduceScatter(bytes, ranks: n, over: channel)
    }

    /// Reduce-scatter over a (sub-)torus of `dimensions`, one ring per dimension.
    ///
    /// Bandwidth term: the data-split multi-dimensional algorithm keeps every dimension's links
    /// busy at once, so a chip injects at the sum of its per-dimension ring bandwidths — a
    /// wrapped dimension of size > 2 is a bidirectional ring (2 × `link` per direction
    /// available), an open line or a pair 1 × `link`. Latency: (d_i − 1) steps per dimension.
    public static func torusReduceScatter(_ bytes: Bytes, dimensions: [Int], wraps: [Bool],
                                          link: CollectiveChannel) -> Double {
        precondition(dimensions.count == wraps.count, "one wrap flag per dimension")
        let n = dimensions.reduce(1, *)
        guard n > 1 else { return 0 }
        var injection = 0.0
        var steps = 0
        for (d, w) in zip(dimensions, wraps) where d > 1 {
            injection += (w && d > 2 ? 2 : 1) * link.bandwidth.value
            steps += d - 1
        }
        return Double(steps) * link.latency.seconds + Double(n - 1) / Double(n) * bytes.value / injection
    }

    /// Torus all-reduce: reduce-scatter then all-gather.
    public static func torusAllReduce(_ bytes: Bytes, dimensions: [Int], wraps: [Bool], link: CollectiveChannel) -> Double {
        2 * torusReduceScatter(bytes, dimensions: dimensions, wraps: wraps, link: link)
    }

    /// Hierarchical all-reduce (NCCL tree-of-rings, NVLink then network): reduce-scatter among
    /// the `local` ranks of a scale-up domain, all-reduce of the 1/local shard among `remote`
    /// domains (each local rank on its own NIC, so `local` rings run side by side), all-gather
    /// in the domain.
    public static func hierarchicalAllReduce(_ bytes: Bytes, local: Int, remote: Int,
                                             localChannel: CollectiveChannel, remoteChannel: CollectiveChannel) -> Double {
        2 * ringReduceScatter(bytes, ranks: local, over: localChannel)
            + ringAllReduce(bytes / Double(local), ranks: remote, over: remoteChannel)
    }

    /// Hierarchical reduce-scatter (or all-gather): in the domain, then across domains on the shard.
    public static func hierarchicalReduceScatter(_ bytes: Bytes, local: Int, remote: Int,
                                                 localChannel: CollectiveChannel, remoteChannel: CollectiveChannel) -> Double {
        ringReduceScatter(bytes, ranks: local, over: localChannel)
            + ringReduceScatter(bytes / Double(local), ranks: remote, over: remoteChannel)
    }

    /// All-to-all of `bytes` per rank over `ranks` ranks, `local` of them in this rank's
    /// scale-up domain: the local and remote shares move concurrently on their own links.
    public static func allToAll(_ bytes: Bytes, ranks n: Int, local: Int,
                                localChannel: CollectiveChannel, remoteChannel: CollectiveChannel) -> Double {
        guard n > 1 else { return 0 }
        let share = bytes.value / Double(n)
        let intra = share * Double(local - 1) / localChannel.bandwidth.value
        let inter = share * Double(n - local) / remoteChannel.bandwidth.value
        let latency = local < n ? remoteChannel.latency.seconds : localChannel.latency.seconds
        return Double(n - 1) * latency + max(intra, inter)
    }

    /// One send of `bytes` between two ranks.
    public static func pointToPoint(_ bytes: Bytes, over channel: CollectiveChannel) -> Double {
        channel.transfer(bytes)
    }
}
