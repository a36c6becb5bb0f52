import Fleet

/// One catalog figure a scenario may set, by its key: in a chip definition (`fleet.chips[i]`)
/// or a pool's `overrides`.
///
/// The keys are the catalog JSON keys without their unit suffix (`peak_power`, not
/// `peak_power_w`), since a scenario writes units in the value (`"650 W"`). A figure the
/// scenario sets gets provenance `.supplied("scenario FILE:LINE")`.
struct ChipFigure {
    /// The scenario key.
    let key: String
    /// What a valid value looks like (also the schema's description).
    let expectation: String
    /// Reads the value at `node` into `spec`; false after reporting an error.
    let apply: (inout AcceleratorSpec, JSONNode, ReadContext, _ note: String) -> Bool

    /// Every figure, in catalog order (the order messages list them).
    static var all: [ChipFigure] {
        [
            quantity("peak_bf16", .computeRate, \.peakBF16, FlopsPerSecond.init),
            optionalQuantity("peak_fp8", .computeRate, \.peakFP8, FlopsPerSecond.init),
            optionalQuantity("peak_int8", .computeRate, \.peakINT8, FlopsPerSecond.init),
            quantity("hbm_capacity", .bytes, \.hbmCapacity, Bytes.init),
            quantity("hbm_bandwidth", .bandwidth, \.hbmBandwidth, BytesPerSecond.init),
            quantity("idle_power", .power, \.idlePower, Watts.init, bound: .nonNegative),
            quantity("typical_power", .power, \.typicalPower, Watts.init),
            quantity("peak_power", .power, \.peakPower, Watts.init),
            count("scale_up_domain_chips", \.scaleUpDomainChips),
            quantity("scale_up_bandwidth", .bandwidth, \.scaleUpBandwidth, BytesPerSecond.init),
            quantity("scale_out_bandwidth", .bandwidth, \.scaleOutBandwidth, BytesPerSecond.init),
            count("chips_per_host", \.chipsPerHost),
            quantity("host_overhead_power", .power, \.hostOverheadPower, Watts.init, bound: .nonNegative),
            topology,
            price("on_demand_price", \.onDemand),
            committedPrice("committed_1y_price", \.committed1Year),
            committedPrice("committed_3y_price", \.committed3Year),
            purchasePrice,
        ]
    }

    /// The figure keys in order.
    static var keys: [String] { all.map(\.key) }

    /// Keys a chip defined without `base` must give: everything without a documented default.
    /// (Idle, typical and host power follow `PowerEstimate`; FP8, INT8 and prices may be absent.)
    static let requiredWithoutBase = [
        "peak_bf16", "hbm_capacity", "hbm_bandwidth", "peak_power", "scale_up_domain_chips",
        "scale_up_bandwidth", "scale_out_bandwidth", "chips_per_host", "topology",
    ]

    private static func quantity<Q: Quantity>(
        _ key: String, _ dimension: QuantityDimension, _ field: WritableKeyPath<AcceleratorSpec, Figure<Q>>,
        _ make: @escaping (Double) -> Q, bound: NumberBound = .positive
    ) -> ChipFigure {
        let reader = ValueReader<Double>.quantity(dimension, bound)
        return ChipFigure(key: key, expectation: reader.expectation) { spec, node, context, note in
            guard let value = reader.read(node, in: context) else { return false }
            spec[keyPath: field] = .supplied(make(value), note)
            return true
        }
    }

    private static func optionalQuantity<Q: Quantity>(
        _ key: String, _ dimension: QuantityDimension, _ field: WritableKeyPath<AcceleratorSpec, Figure<Q>?>,
        _ make: @escaping (Double) -> Q
    ) -> ChipFigure {
        let reader = ValueReader<Double>.quantity(dimension, .positive)
        return ChipFigure(key: key, expectation: reader.expectation) { spec, node, context, note in
            guard let value = reader.read(node, in: context) else { return false }
            spec[keyPath: field] = .supplied(make(value), note)
            return true
        }
    }

    private static func count(_ key: String, _ field: WritableKeyPath<AcceleratorSpec, Figure<Int>>) -> ChipFigure {
        let reader = ValueReader<Int>.integer(.positive)
        return ChipFigure(key: key, expectation: reader.expectation) { spec, node, context, note in
            guard let value = reader.read(node, in: context) else { return false }
            spec[keyPath: field] = .supplied(value, note)
            return true
        }
    }

    private static var topology: ChipFigure {
        let reader = ValueReader<TopologyKind>.choice(TopologyKind.self, of: "topology")
        return ChipFigure(key: "topology", expectation: reader.expectation) { spec, node, context, note in
            guard let value = reader.read(node, in: context) else { return false }
            spec.topology = .supplied(value, note)
            return true
        }
    }

    /// Prices are read per chip-hour: `"$2.10/chip-h"` (any price-per-time unit).
    private static let priceReader = ValueReader<Double>.quantity(.pricePerTime, .positive).map { DollarsPerHour($0 * 3_600) }

    private static func price(_ key: String, _ field: WritableKeyPath<PriceSnapshot, DollarsPerHour>) -> ChipFigure {
        ChipFigure(key: key, expectation: priceReader.expectation + ", per chip") { spec, node, context, note in
            guard let value = priceReader.read(node, in: context) else { return false }
            if var price = spec.price {
                price[keyPath: field] = value
                price.provenance = .supplied("\(note) (on-demand; any committed tiers from \(price.offering), \(price.date))")
                spec.price = price
            } else {
                spec.price = PriceSnapshot(onDemand: value, offering: "scenario", date: "", provenance: .supplied(note))
            }
            return true
        }
    }

    private static func committedPrice(_ key: String, _ field: WritableKeyPath<PriceSnapshot, DollarsPerHour?>) -> ChipFigure {
        ChipFigure(key: key, expectation: priceReader.expectation + ", per chip") { spec, node, context, note in
            guard let value = priceReader.read(node, in: context) else { return false }
            guard var price = spec.price else {
                context.error("'\(key)' needs an on-demand price: \(spec.id) has none, so give on_demand_price too", at: node.location)
                return false
            }
            price[keyPath: field] = value
            if case .supplied = price.provenance {} else {
                price.provenance = .supplied("\(note) (committed tier; other tiers from \(price.offering), \(price.date))")
            }
            spec.price = price
            return true
        }
    }

    private static var purchasePrice: ChipFigure {
        let reader = ValueReader<Double>.quantity(.money, .positive)
        return ChipFigure(key: "purchase_price", expectation: reader.expectation + ", per chip with its share of the server") { spec, node, context, note in
            guard let value = reader.read(node, in: context) else { return false }
            spec.purchasePrice = .supplied(Dollars(value), note)
            return true
        }
    }
}
