import SimKernel

/// A `timeseries.csv` read generically: whatever columns it has, keyed by their header names, so
/// `compare` keeps working as the time series gains columns.
///
/// `interval_start_s` and `interval_end_s` place each row in time. Every other column whose
/// cells all read as numbers (empty cells allowed) is a value column; the rest (`site`, `pool`)
/// are key columns, whose values together name a series (`lab`, or `lab/gpu`).
struct TimeSeriesTable: Equatable {
    struct Row: Equatable {
        var start: SimTime
        var end: SimTime
        /// One per value column; nil for an empty cell.
        var values: [Double?]
        var length: SimDuration { end - start }
    }

    struct Series: Equatable {
        /// The key columns' values joined by `/`, or `all` when there are no key columns.
        var key: String
        var rows: [Row]
    }

    var keyColumns: [String]
    var valueColumns: [String]
    /// In order of first appearance in the file.
    var series: [Series]

    static let startColumn = "interval_start_s"
    static let endColumn = "interval_end_s"

    enum Failure: Error, Equatable {
        case malformed(line: Int, String)
    }

    /// Reads CSV text with a header row.
    init(csv text: String) throws(Failure) {
        let rows: [[String]]
        do { rows = try CSVReader.rows(text) } catch { throw .malformed(line: error.line, error.message) }
        guard let header = rows.first, !header.isEmpty else { throw .malformed(line: 1, "no header row") }
        guard let startIndex = header.firstIndex(of: Self.startColumn), let endIndex = header.firstIndex(of: Self.endColumn) else {
            throw .malformed(line: 1, "the header has no \(Self.startColumn) and \(Self.endColumn) columns")
        }
        let body = Array(rows.dropFirst())
        for (offset, row) in body.enumerated() where row.count != header.count {
            throw .malformed(line: offset + 2, "\(row.count) fields where the header has \(header.count)")
        }
        let others = header.indices.filter { $0 != startIndex && $0 != endIndex }
        let numeric = others.filter { column in body.allSatisfy { $0[column].isEmpty || Double($0[column]) != nil } }
        let keys = others.filter { !numeric.contains($0) }
        keyColumns = keys.map { header[$0] }
        valueColumns = numeric.map { header[$0] }
        var order: [String] = []
        var grouped: [String: [Row]] = [:]
        for (offset, row) in body.enumerated() {
            let line = offset + 2
            guard let start = Self.time(row[startIndex]), let end = Self.time(row[endIndex]), end > start else {
                throw .malformed(line: line, "interval \(row[startIndex])–\(row[endIndex]) s is not a pair of increasing times in seconds")
            }
            let key = keys.isEmpty ? "all" : keys.map { row[$0] }.joined(separator: "/")
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(Row(start: start, end: end, values: numeric.map { Double(row[$0]).flatMap { $0.isFinite ? $0 : nil } }))
        }
        series = order.map { Series(key: $0, rows: grouped[$0]!) }
    }

    init(keyColumns: [String], valueColumns: [String], series: [Series]) {
        self.keyColumns = keyColumns
        self.valueColumns = valueColumns
        self.series = series
    }

    /// Seconds as written in the file, to the nearest nanosecond.
    private static func time(_ text: String) -> SimTime? {
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds < 9e9 else { return nil }
        return SimTime(nanoseconds: Int64((seconds * 1e9).rounded()))
    }

    /// The interval of the table: its longest row (only the last row of a series may be shorter,
    /// cut by the horizon); nil for a table without rows.
    var interval: SimDuration? {
        series.flatMap(\.rows).map(\.length).max()
    }

    /// Whether a column holds an amount per interval (summed when intervals merge) rather than an
    /// average over the interval (weighted by time). Decided by the unit suffix of its name:
    /// energy (`_j`, `_wh`, `_kwh`, `_mwh`), money (`_usd`), mass (`_g`, `_kg`, `_t`), and counts
    /// (`_tokens`, `_requests`, `_count`, `_chip_h`) are amounts; powers (`_w`), fractions, rates
    /// (`_per_s`) and everything else are averages.
    static func isAmount(_ column: String) -> Bool {
        amountSuffixes.contains { column.hasSuffix($0) }
    }

    static let amountSuffixes = ["_j", "_wh", "_kwh", "_mwh", "_usd", "_g", "_kg", "_t", "_tokens", "_requests", "_count", "_chip_h"]

    /// The table on a coarser grid of `interval`, a multiple of every row's interval: amounts are
    /// summed and averages weighted by their rows' lengths, so a coarse average power is the
    /// coarse interval's energy over its length — the same exact integral, cut into fewer pieces.
    /// - Precondition: rows start on multiples of a divisor of `interval`, so none straddles a
    ///   coarse boundary.
    func resampled(to interval: SimDuration) -> TimeSeriesTable {
        precondition(interval > .zero, "resampling interval must be positive")
        let amount = valueColumns.map(Self.isAmount)
        return TimeSeriesTable(keyColumns: keyColumns, valueColumns: valueColumns, series: series.map { series in
            var coarse: [Row] = []
            var index: Int64 = -1
            var weighted: [Double?] = []
            var covered = 0.0
            func close() {
                guard var row = coarse.popLast() else { return }
                let seconds = covered
                row.values = zip(weighted, amount).map { value, isAmount in value.map { isAmount ? $0 : $0 / seconds } }
                coarse.append(row)
            }
            for row in series.rows {
                let k = row.start.nanoseconds / interval.nanoseconds
                precondition(row.end.nanoseconds <= (k + 1) * interval.nanoseconds, "row straddles a coarse interval boundary")
                if k != index {
                    close()
                    index = k
                    coarse.append(Row(start: SimTime(nanoseconds: k * interval.nanoseconds), end: row.end, values: []))
                    weighted = Array(repeating: 0, count: valueColumns.count)
                    covered = 0
                }
                coarse[coarse.count - 1].end = row.end
                let seconds = row.length.seconds
                covered += seconds
                for column in valueColumns.indices {
                    // A missing cell makes the merged cell missing: a sum with a hole is not a total.
                    guard let sum = weighted[column], let value = row.values[column] else { weighted[column] = nil; continue }
                    weighted[column] = sum + (amount[column] ? value : value * seconds)
                }
            }
            close()
            return Series(key: series.key, rows: coarse)
        })
    }
}
