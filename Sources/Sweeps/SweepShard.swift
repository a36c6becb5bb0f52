/// Shard `index` of `count`: a deterministic share of a sweep's points, so `count` machines (a
/// Slurm job array, a Kubernetes Indexed Job) can each run one share of the same sweep file.
///
/// Point k belongs to shard k mod count. Dealing points round-robin (rather than in blocks)
/// spreads every axis over all shards, so shards take similar times even when one axis value
/// makes runs slow. Every point is in exactly one shard.
public struct SweepShard: Hashable, Sendable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let whole = SweepShard(uncheckedIndex: 0, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `I/N` with 0 ≤ I < N (I is 0-based, as `$SLURM_ARRAY_TASK_ID` and
    /// `$JOB_COMPLETION_INDEX` are).
    public static func parse(_ text: String) -> Result<SweepShard, PathSyntaxError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            return .failure(PathSyntaxError("expected I/N such as 0/4 (shard I of N, counting from 0), got '\(text)'"))
        }
        guard count >= 1 else { return .failure(PathSyntaxError("the shard count N must be at least 1, got \(count)")) }
        guard (0..<count).contains(index) else {
            return .failure(PathSyntaxError("the shard index must be from 0 to \(count - 1) for \(count) shards, got \(index)"))
        }
        return .success(SweepShard(uncheckedIndex: index, count: count))
    }

    /// The points of `points` in this shard, in their order.
    public func select(_ points: [SweepPoint]) -> [SweepPoint] {
        points.filter { $0.index % count == index }
    }

    public var description: String { "\(index)/\(count)" }
}
