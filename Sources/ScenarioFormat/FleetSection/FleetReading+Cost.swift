import Fleet
import SimKernel

/// A pool's capacity cost:
///
/// ```json5
/// cost: { rented: "on-demand" }                       // the catalog's published price
/// cost: { rented: "spot", price: "$2.10/chip-h",      // spot has no catalog price: give one
///         reclaim_every: "12 h" }                     // optional: mean time between reclaims
/// cost: { owned: true, capex_per_chip: "$30000",      // default: the catalog purchase price
///         facility_capex_per_mw: "$12000000", lifetime: "1826 d", maintenance_per_year: "3 %" }
/// ```
extension FleetReading {
    static let costExpectation = "{ rented: \"on-demand\" | \"committed-1y\" | \"committed-3y\" | \"spot\", price?, reclaim_every? } or { owned: true, capex_per_chip?, facility_capex_per_mw, lifetime, maintenance_per_year? }"

    /// The pool's `cost`, nil when absent or bad (a bad one is reported and fails the pool).
    func readCost(_ pool: ObjectReader, spec: AcceleratorSpec?) -> (cost: CapacityCost?, isValid: Bool) {
        guard let member = pool.member("cost") else { return (nil, true) }
        let context = pool.context.appending("cost")
        let reader = ValueReader<CapacityCost>.object(Self.costExpectation) { object in
            if object.contains("rented") {
                let term = object.required("rented", .choice(CapacityCost.RentalTerm.self, of: "rental term"))
                let price = object.optional("price", .quantity(.pricePerTime, .nonNegative))
                let reclaim = object.optional("reclaim_every", .duration(.positive))
                guard let term else { return nil }
                if reclaim != nil && term != .spot {
                    object.context.appending("reclaim_every").error("only spot capacity is reclaimed (this pool is rented \(term.rawValue))",
                                                                    at: object.node["reclaim_every"]!.location)
                    return nil
                }
                if let price { return .rented(.init(term: term, price: DollarsPerHour(price * 3_600), reclaimInterval: reclaim)) }
                let snapshot = spec?.price
                let catalog: DollarsPerHour? = switch term {
                case .onDemand: snapshot?.onDemand
                case .committed1Year: snapshot?.committed1Year
                case .committed3Year: snapshot?.committed3Year
                case .spot: nil
                }
                guard let catalog else {
                    object.context.appending("rented").error(
                        "no catalog price for '\(term.rawValue)' on \(spec?.id.rawValue ?? "this chip"); give price: \"$…/chip-h\"",
                        at: object.node["rented"]!.location)
                    return nil
                }
                return .rented(.init(term: term, price: catalog))
            }
            guard object.required("owned", ValueReader<Bool>.bool.checked("true") { $0 }) != nil else { return nil }
            let capex = object.optional("capex_per_chip", .quantity(.money, .nonNegative))
            let facility = object.required("facility_capex_per_mw", .quantity(.money, .nonNegative))
            let lifetime = object.required("lifetime", .duration(.positive))
            let maintenance = object.optional("maintenance_per_year", .quantity(.ratio, .nonNegative)) ?? 0
            guard let facility, let lifetime else { return nil }
            guard let chip = capex ?? spec?.purchasePrice?.value.value else {
                object.context.error("no catalog purchase price for \(spec?.id.rawValue ?? "this chip"); give capex_per_chip: \"$…\"",
                                     at: object.node.location)
                return nil
            }
            return .owned(.init(capexPerChip: Dollars(chip), facilityCapexPerMegawatt: Dollars(facility), lifetime: lifetime,
                                maintenancePerYear: maintenance))
        }
        let cost = reader.read(member.value, in: context)
        if cost == nil { invalidate() }
        return (cost, cost != nil)
    }
}

/// A pool's power outside its hosts and its embodied carbon:
///
/// ```json5
/// network_power_per_chip: "25 W", storage_power: "400 kW",
/// embodied_carbon: { per_chip_kg: 1500, lifetime: "1826 d" },
/// power_down: { boot: "5 min" },   // idle hosts off; a job waits for its hosts to boot
/// ```
extension FleetReading {
    struct PoolExtras {
        var networkPowerPerChip = Watts.zero
        var storagePower = Watts.zero
        var embodiedCarbon: EmbodiedCarbon?
        var bootDelay: SimDuration?
    }

    /// The pool's overhead and embodied-carbon keys; nil when one is bad (reported).
    func readExtras(_ pool: ObjectReader) -> PoolExtras? {
        var extras = PoolExtras()
        var isValid = true
        if let w = optional(pool, "network_power_per_chip", .quantity(.power, .nonNegative)) { extras.networkPowerPerChip = Watts(w) }
        else if pool.node["network_power_per_chip"] != nil { isValid = false }
        if let w = optional(pool, "storage_power", .quantity(.power, .nonNegative)) { extras.storagePower = Watts(w) }
        else if pool.node["storage_power"] != nil { isValid = false }
        let reader = ValueReader<EmbodiedCarbon>.object("{ per_chip_kg: NUMBER, lifetime: DURATION }") { object in
            let kg = object.required("per_chip_kg", .number(.nonNegative))
            let lifetime = object.required("lifetime", .duration(.positive))
            guard let kg, let lifetime else { return nil }
            return EmbodiedCarbon(gramsPerChip: kg * 1_000, lifetime: lifetime)
        }
        if let member = pool.member("embodied_carbon") {
            extras.embodiedCarbon = reader.read(member.value, in: pool.context.appending("embodied_carbon"))
            if extras.embodiedCarbon == nil { invalidate(); isValid = false }
        }
        let powerDown = ValueReader<SimDuration>.object("{ boot: DURATION }") { object in
            object.required("boot", .duration(.nonNegative))
        }
        if let member = pool.member("power_down") {
            extras.bootDelay = powerDown.read(member.value, in: pool.context.appending("power_down"))
            if extras.bootDelay == nil { invalidate(); isValid = false }
        }
        return isValid ? extras : nil
    }
}
