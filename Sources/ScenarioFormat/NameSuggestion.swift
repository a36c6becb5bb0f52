/// Finds the valid name a user most likely meant, for "did you mean 'horizon'?" hints.
///
/// Distance is the optimal-string-alignment form of Damerau–Levenshtein (insertions,
/// deletions, substitutions and swaps of two adjacent characters each cost 1), which catches the
/// common typos: `horizn`, `hoirzon`, `horizonn`. A candidate is close enough when its distance
/// is at most 2 and at most a third of the longer name (so `seed` is not offered for `size`).
/// Names that differ only in case or in `-`/`_` separators (`chipsPerHost`, `chips_per_host`
/// for `chips-per-host`) always match.
public enum NameSuggestion {
    /// The closest candidate, or nil when none is close enough. Ties go to the earlier candidate,
    /// so the answer does not depend on hashing.
    public static func nearest(to name: String, in candidates: [String]) -> String? {
        let folded = fold(name)
        if let exact = candidates.first(where: { fold($0) == folded }) { return exact }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = self.distance(name.lowercased(), candidate.lowercased())
            let limit = min(2, max(1, max(name.count, candidate.count) / 3))
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Optimal-string-alignment distance between `a` and `b`, over characters. O(|a|·|b|).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rolling rows: the transposition step looks two rows back.
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    private static func fold(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "-" && $0 != "_" })
    }
}
