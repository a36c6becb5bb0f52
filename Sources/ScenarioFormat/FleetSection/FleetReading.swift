import Foundation
import Fleet
import SimKernel

/// Reads the `fleet` section: sites, scenario-defined chips, pools and capacity changes, in
/// that order, so that each part can check the names the earlier parts define.
///
/// Reading never stops at a mistake: every entry is read even when an earlier one was bad,
/// and a name whose entry was invalid still counts as defined (a pool on a site with a bad
/// PUE is not also reported as naming an unknown site). The section yields a fleet only when
/// every entry is valid. Keys and shapes are listed in `FleetSchema`.
final class FleetReading: SectionReading {
    /// The section's value: the fleet and the chips the scenario defined.
    struct Result: Sendable {
        var fleet: FleetDescription
        var chips: [AcceleratorSpec]
    }

    /// A site as read, before PUE curves given in load fractions can be resolved (they need
    /// the IT hardware maximum of the site's pools).
    struct SiteEntry {
        var name: String?
        var node: JSONNode
        var draft: SiteDraft?
    }

    /// A pool as read; `pool` is nil when the pool had an error (already reported).
    struct PoolEntry {
        var name: String?
        var node: JSONNode
        var context: ReadContext
        var siteIndex: Int?
        var pool: Pool?
    }

    /// A chip definition as read; `spec` is nil when it had an error.
    struct ChipEntry {
        var id: String
        var node: JSONNode
        var spec: AcceleratorSpec?
    }

    let context: ReadContext
    let horizon: SimDuration?
    /// The UTC instant of simulation time zero (the scenario's `start`), for series by local hour.
    let start: Date?
    var sites: [SiteEntry] = []
    var chips: [ChipEntry] = []
    var pools: [PoolEntry] = []
    var capacityEvents: [CapacityEntry] = []
    /// Built-in chips plus the valid scenario chips read so far.
    var catalog = Catalog.builtIn
    private var isValid = true

    init(context: ReadContext, horizon: SimDuration?, start: Date? = nil) {
        self.context = context
        self.horizon = horizon
        self.start = start
    }

    /// The reader of the whole section; `horizon` (nil when it was invalid) bounds capacity events.
    static func reader(horizon: SimDuration?, start: Date? = nil) -> ValueReader<Result> {
        .object("an object (the 'fleet' section: sites, chips, pools, capacity, failures)") { section in
            FleetReading(context: section.context, horizon: horizon, start: start).read(section)
        }
    }

    private func read(_ section: ObjectReader) -> Result? {
        forEachObject(in: section, key: "sites", expecting: "a site (an object with name, pue, …)") { site, _ in
            readSite(site)
        }
        forEachObject(in: section, key: "chips", expecting: "a chip definition (an object with id, base, …)") { chip, _ in
            readChip(chip)
        }
        forEachObject(in: section, key: "pools", expecting: "a pool (an object with name, site, chip and a size)") { pool, _ in
            readPool(pool)
        }
        forEachObject(in: section, key: "capacity", expecting: "a capacity event (an object with pool, at, change, chips)") { event, _ in
            readCapacityEvent(event)
        }
        let failures = optional(section, "failures", Self.failuresReader)
        section.finish()
        applyCapacityEvents()
        let siteValues = resolveSites()
        guard isValid, let siteValues else { return nil }
        let poolValues = pools.enumerated().map { index, entry in
            var pool = entry.pool!
            pool.id = PoolID(index)
            return pool
        }
        var fleet = FleetDescription(sites: siteValues, pools: poolValues)
        fleet.failures = failures
        return Result(fleet: fleet, chips: chips.compactMap(\.spec))
    }

    /// Records that the section cannot produce a fleet; the error itself is reported by the caller.
    func invalidate() { isValid = false }

    /// Reads `key` as an array of objects, calling `body` with a reader for each element (the
    /// reader is finished afterwards). An absent key is an empty list.
    private func forEachObject(in section: ObjectReader, key: String, expecting: String,
                               _ body: (ObjectReader, Int) -> Void) {
        guard let member = section.member(key) else { return }
        let arrayContext = section.context.appending(key)
        guard let elements = member.value.elements else {
            arrayContext.mismatch(expected: "an array of " + plural(expecting), got: member.value)
            invalidate()
            return
        }
        for (index, element) in elements.enumerated() {
            let elementContext = arrayContext.appending(index: index)
            guard case .object = element.kind else {
                elementContext.mismatch(expected: expecting, got: element)
                invalidate()
                continue
            }
            let reader = ObjectReader(element, context: elementContext)
            body(reader, index)
            if !reader.isFinished { reader.finish() }
        }
    }

    // MARK: Helpers shared by the parts

    /// The provenance note of a figure the scenario supplies at `node`: `scenario FILE:LINE`.
    func suppliedNote(at node: JSONNode) -> String {
        "scenario \(context.diagnostics.file):\(node.location.line)"
    }

    /// The value node of `key` in `object`, or the object itself when the key is absent.
    func node(_ key: String, in object: ObjectReader) -> JSONNode {
        object.node[key] ?? object.node
    }

    /// First definitions by name, for "duplicate name (first defined at L:C)" messages.
    func duplicateMessage(kind: String, name: String, firstAt location: SourcePosition) -> String {
        "duplicate \(kind) '\(name)' (first defined at \(location)); each \(kind) must be unique"
    }
}

/// `1,048,576`: an integer with thousands separators, for messages about chip counts.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0 && (digits.count - offset) % 3 == 0 { out += "," }
        out.append(character)
    }
    return (value < 0 ? "-" : "") + out
}

/// A power in the largest unit that keeps it at or above 1, to four significant digits:
/// `650 W`, `12.5 kW`, `55.21 MW`.
func describePower(_ watts: Watts) -> String {
    let value = watts.value
    let scales: [(Double, String)] = [(1e9, "GW"), (1e6, "MW"), (1e3, "kW"), (1, "W")]
    let (scale, unit) = scales.first { abs(value) >= $0.0 } ?? (1, "W")
    return fourSignificantDigits(value / scale) + " " + unit
}

/// `value` with at most four significant digits, without an exponent: `55.21`, `0.6`, `1200`.
func fourSignificantDigits(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return value == 0 ? "0" : "\(value)" }
    let integerDigits = String(Int(abs(value).rounded(.down))).count
    let decimals = abs(value) >= 1 ? max(0, 4 - integerDigits) : 4
    var factor = 1.0
    for _ in 0..<decimals { factor *= 10 }
    let rounded = (value * factor).rounded() / factor
    var text = "\(rounded)"
    if text.contains("e") { return "\(value)" }
    if text.contains(".") {
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
    }
    return text
}

/// A duration the way a scenario would write it when it is whole days, hours, minutes or
/// seconds (`"30 d"`, `"12 h"`); otherwise `SimDuration`'s own form.
func describeDuration(_ duration: SimDuration) -> String {
    let units: [(Int64, String)] = [(86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")]
    let nanoseconds = duration.nanoseconds
    for (seconds, symbol) in units {
        let unit = seconds * SimDuration.nanosecondsPerSecond
        if nanoseconds % unit == 0 { return "\(nanoseconds / unit) \(symbol)" }
    }
    return duration.description
}
