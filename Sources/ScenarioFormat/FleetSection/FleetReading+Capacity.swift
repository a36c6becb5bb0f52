import Fleet
import SimKernel

/// A capacity event as read, with where it was written (for errors found when the pool's
/// timeline is built).
struct CapacityEntry {
    var poolIndex: Int
    var event: CapacityEvent
    var node: JSONNode
    var context: ReadContext
}

/// ```json5
/// { pool: "gb200-a", at: "7 d", change: "outage", racks: 20 }   // delivery | retirement | outage | restore
/// ```
/// The count may be in any unit of the pool's platform (`chips`, `pods`, `hosts`, `racks`,
/// `instances`, `ultraservers`); unlike a pool's size it need not be whole scale-up domains.
extension FleetReading {
    func readCapacityEvent(_ object: ObjectReader) {
        var isEventValid = true
        let poolName = required(object, "pool", .nonEmptyString)
        let at = required(object, "at", .duration(.nonNegative))
        let change = required(object, "change", .choice(CapacityEvent.Kind.self, of: "capacity change"))
        var sizes: [(unit: PoolSizeUnit, value: JSONNode, count: Int?)] = []
        for unit in PoolSizeUnit.allCases {
            guard let member = object.member(unit.rawValue) else { continue }
            let count = ValueReader<Int>.integer(.positive).read(member.value, in: object.context.appending(unit.rawValue))
            if count == nil { isEventValid = false }
            sizes.append((unit, member.value, count))
        }
        if at == nil || change == nil || poolName == nil { isEventValid = false }

        var entry: PoolEntry?
        var poolIndex: Int?
        if let poolName {
            poolIndex = pools.firstIndex { $0.name == poolName }
            if let poolIndex {
                entry = pools[poolIndex]
            } else {
                let names = pools.compactMap(\.name)
                error(names.isEmpty
                      ? "unknown pool '\(poolName)': no pools are defined (add one under fleet.pools)"
                      : unknownNameMessage(poolName, kind: "pool", valid: names),
                      at: node("pool", in: object), in: object.context.appending("pool"))
                isEventValid = false
            }
        }
        if let at, let horizon, at >= horizon {
            object.context.appending("at").warning(
                "the event at \(node("at", in: object).literalSummary) is not before the horizon (\(describeDuration(horizon))) and never takes effect",
                at: node("at", in: object).location)
        }
        guard let pool = entry?.pool, let poolIndex else {
            // An unknown pool is reported above; a known but invalid one already was.
            invalidate()
            return
        }
        let units = PoolSizeUnit.units(for: pool.spec.platform)
        var chips: Int?
        if sizes.isEmpty {
            error("missing the number of chips that change: give one of \(PoolSizeUnit.list(units))", at: object.node, in: object.context)
        } else if sizes.count > 1 {
            error("the count is given twice ('\(sizes[0].unit.rawValue)' and '\(sizes[1].unit.rawValue)'); give one of \(PoolSizeUnit.list(units))",
                  at: sizes[1].value, in: object.context.appending(sizes[1].unit.rawValue))
        } else if !units.contains(sizes[0].unit) {
            error("'\(sizes[0].unit.rawValue)' does not count a \(pool.spec.id) pool (\(pool.spec.platform.chipNoun)); give \(PoolSizeUnit.list(units))",
                  at: sizes[0].value, in: object.context.appending(sizes[0].unit.rawValue))
        } else if let count = sizes[0].count {
            let (product, overflow) = count.multipliedReportingOverflow(by: sizes[0].unit.chips(for: pool.spec, hostsPerRack: pool.hostsPerRack))
            if overflow || product > Self.maximumPoolChips {
                error("\(sizes[0].unit.counted(count)) is more than the \(grouped(Self.maximumPoolChips)) chips a pool may hold",
                      at: sizes[0].value, in: object.context.appending(sizes[0].unit.rawValue))
            } else {
                chips = product
            }
        }
        guard let chips, let at, let change, isEventValid else {
            invalidate()
            return
        }
        capacityEvents.append(CapacityEntry(poolIndex: poolIndex, event: CapacityEvent(change, chips: chips, at: SimTime.zero + at),
                                            node: object.node, context: object.context))
    }

    /// Builds each pool's capacity timeline from its events, applied in time order (file order
    /// at equal times). The first event that asks for more chips than there are is an error.
    func applyCapacityEvents() {
        for (index, entry) in pools.enumerated() {
            guard var pool = entry.pool else { continue }
            let entries = capacityEvents.enumerated()
                .filter { $0.element.poolIndex == index }
                .sorted { ($0.element.event.time, $0.offset) < ($1.element.event.time, $1.offset) }
                .map(\.element)
            guard !entries.isEmpty else { continue }
            do {
                pool.capacity = try CapacityTimeline(initialChips: pool.chips, events: entries.map(\.event))
                pools[index].pool = pool
            } catch {
                // The events are already in application order: the first failing prefix ends at the culprit.
                var culprit = entries[entries.count - 1]
                var available = 0
                for length in 1...entries.count {
                    do {
                        _ = try CapacityTimeline(initialChips: pool.chips, events: entries.prefix(length).map(\.event))
                    } catch {
                        guard case .insufficient(_, let count) = error else { continue }
                        culprit = entries[length - 1]
                        available = count
                        break
                    }
                }
                let event = culprit.event
                let at = culprit.node["at"]?.literalSummary ?? describeDuration(event.time - .zero)
                let message = switch event.kind {
                case .restore:
                    "restore of \(grouped(event.chips)) chips at \(at) is more than the \(grouped(available)) chips of pool '\(pool.name)' out of service then"
                default:
                    "\(event.kind.rawValue) of \(grouped(event.chips)) chips at \(at) would take pool '\(pool.name)' below zero chips: only \(grouped(available)) are in service then"
                }
                self.error(message, at: culprit.node, in: culprit.context)
            }
        }
    }
}
