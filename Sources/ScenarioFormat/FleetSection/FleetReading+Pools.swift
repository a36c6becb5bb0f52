import Fleet

/// ```json5
/// { name: "gb200-a", site: "council-bluffs", chip: "gb200",
///   racks: 100,                                 // one size: chips | pods | hosts | racks | instances | ultraservers
///   hosts_per_rack: 18,                         // optional; default per platform (Pool.defaultHostsPerRack)
///   fabric: { switch_radix: 64, oversubscription: 2, rail_optimized: true, link_bandwidth: "400 Gb/s" },
///   overrides: { peak_power: "650 W", on_demand_price: "$2.10/chip-h" },
///   power_cap: "9 MW", rack_power_cap: "120 kW",
///   slice_shapes: ["4x4x8"] }                   // TPU pools only
/// ```
extension FleetReading {
    /// The most chips one pool may hold: far beyond any real pool, and small enough that
    /// fleet-wide sums cannot overflow.
    static let maximumPoolChips = 1 << 40

    func readPool(_ pool: ObjectReader) {
        var isPoolValid = true
        func fail(_ message: String, at node: JSONNode, key: String? = nil) {
            error(message, at: node, in: key.map { pool.context.appending($0) } ?? pool.context)
            isPoolValid = false
        }

        let name = required(pool, "name", .nonEmptyString)
        if let name, let first = pools.first(where: { $0.name == name }) {
            fail(duplicateMessage(kind: "pool name", name: name, firstAt: first.node.location), at: node("name", in: pool), key: "name")
        }
        var siteIndex: Int?
        if let siteName = required(pool, "site", .nonEmptyString) {
            siteIndex = sites.firstIndex { $0.name == siteName }
            if siteIndex == nil {
                let names = sites.compactMap(\.name)
                fail(names.isEmpty
                     ? "unknown site '\(siteName)': no sites are defined (add one under fleet.sites)"
                     : unknownNameMessage(siteName, kind: "site", valid: names),
                     at: node("site", in: pool), key: "site")
            }
        }
        var spec: AcceleratorSpec?
        if let chipID = required(pool, "chip", .nonEmptyString) {
            spec = catalog[AcceleratorID(chipID)]
            if spec == nil && !chips.contains(where: { $0.id == chipID }) {
                var valid = catalog.ids.map(\.rawValue)
                valid += chips.map(\.id).filter { !valid.contains($0) }
                fail(unknownNameMessage(chipID, kind: "chip", valid: valid), at: node("chip", in: pool), key: "chip")
            }
        }
        if spec == nil { isPoolValid = false }

        var sizes: [(unit: PoolSizeUnit, key: SourcePosition, value: JSONNode, count: Int?)] = []
        for unit in PoolSizeUnit.allCases {
            guard let member = pool.member(unit.rawValue) else { continue }
            let count = ValueReader<Int>.integer(.positive).read(member.value, in: pool.context.appending(unit.rawValue))
            if count == nil { isPoolValid = false }
            sizes.append((unit, member.keyLocation, member.value, count))
        }
        let hostsPerRackValue = optional(pool, "hosts_per_rack", .integer(.positive))
        if pool.node["hosts_per_rack"] != nil && hostsPerRackValue == nil { isPoolValid = false }
        let fabricMember = pool.member("fabric")
        let fabric = fabricMember.flatMap { readFabric($0.value, in: pool.context.appending("fabric")) }
        if fabricMember != nil && fabric == nil { isPoolValid = false }
        if let member = pool.member("overrides") {
            if let overridden = readOverrides(member.value, base: spec, in: pool.context.appending("overrides")) {
                spec = overridden
            } else {
                isPoolValid = false
            }
        }
        let powerCap = optional(pool, "power_cap", .quantity(.power, .positive)).map(Watts.init)
        let rackCap = optional(pool, "rack_power_cap", .quantity(.power, .positive)).map(Watts.init)
        if (pool.node["power_cap"] != nil && powerCap == nil) || (pool.node["rack_power_cap"] != nil && rackCap == nil) {
            isPoolValid = false
        }
        let (cost, isCostValid) = readCost(pool, spec: spec)
        if !isCostValid { isPoolValid = false }
        let extras = readExtras(pool)
        let capPolicy = readCapPolicy(pool, limit: powerCap, limitKeys: "power_cap")
        if extras == nil { isPoolValid = false }
        let sliceMember = pool.member("slice_shapes")
        let sliceTexts = sliceMember.flatMap {
            ValueReader<[String]>.array(of: .nonEmptyString).read($0.value, in: pool.context.appending("slice_shapes"))
        }
        if sliceMember != nil && sliceTexts == nil { isPoolValid = false }

        // Checks that need the chip.
        guard var spec else {
            pools.append(PoolEntry(name: name, node: pool.node, context: pool.context, siteIndex: siteIndex, pool: nil))
            invalidate()
            return
        }
        let platform = spec.platform
        if let fabric, let rate = fabric.linkBandwidth {
            if platform == .tpu {
                // Reported below with the rest of the fabric.
            } else if pool.node["overrides"]?["scale_out_bandwidth"] != nil {
                fail("the line rate is given twice, here and in overrides.scale_out_bandwidth; keep one",
                     at: rate.node, key: "fabric")
            } else {
                spec.scaleOutBandwidth = .supplied(BytesPerSecond(rate.value), suppliedNote(at: rate.node))
            }
        }
        if let fabricMember, platform == .tpu {
            fail("a TPU pool has no fat-tree fabric (its pods join over DCN); 'fabric' applies to GPU and Trainium pools",
                 at: fabricMember.value, key: "fabric")
        }
        if let sliceMember, platform != .tpu {
            fail("slice shapes apply to TPU pools; \(spec.id) is \(platform.chipNoun)", at: sliceMember.value, key: "slice_shapes")
        }
        var sliceShapes: [SliceShape] = []
        if platform == .tpu, let sliceTexts, let geometry = TPUPodGeometry(spec) {
            for (index, text) in sliceTexts.enumerated() {
                do {
                    sliceShapes.append(try geometry.slice(text).shape)
                } catch {
                    let element = sliceMember!.value.elements![index]
                    self.error(error.description, at: element, in: pool.context.appending("slice_shapes").appending(index: index))
                    isPoolValid = false
                }
            }
        }

        let units = PoolSizeUnit.units(for: platform)
        let hostsPerRack = hostsPerRackValue ?? Pool.defaultHostsPerRack(spec)
        var domains: Int?
        if sizes.isEmpty {
            fail("missing the pool's size: give one of \(PoolSizeUnit.list(units)) (\(spec.id) is \(platform.chipNoun))", at: pool.node)
        } else if sizes.count > 1 {
            fail("the size is given twice ('\(sizes[0].unit.rawValue)' and '\(sizes[1].unit.rawValue)'); give one of \(PoolSizeUnit.list(units))",
                 at: pool.node[sizes[1].unit.rawValue]!, key: sizes[1].unit.rawValue)
        } else if !units.contains(sizes[0].unit) {
            fail("'\(sizes[0].unit.rawValue)' does not size a \(spec.id) pool (\(platform.chipNoun)); give \(PoolSizeUnit.list(units))",
                 at: sizes[0].value, key: sizes[0].unit.rawValue)
        } else if let count = sizes[0].count {
            let unit = sizes[0].unit
            let perDomain = spec.scaleUpDomainChips.value
            let (chipCount, overflow) = count.multipliedReportingOverflow(by: unit.chips(for: spec, hostsPerRack: hostsPerRack))
            if overflow || chipCount > Self.maximumPoolChips {
                fail("\(unit.counted(count)) is more than the \(grouped(Self.maximumPoolChips)) chips a pool may hold", at: sizes[0].value, key: unit.rawValue)
            } else if chipCount % perDomain != 0 {
                let noun = platform.scaleUpDomainNoun
                let below = chipCount / perDomain
                var message = unit.counted(count) + (unit == .chips ? "" : " (\(grouped(chipCount)) chips)")
                message += " is not a whole number of \(grouped(perDomain))-chip \(spec.id) \(noun)s; "
                message += below == 0
                    ? "the smallest pool is 1 \(noun) of \(grouped(perDomain)) chips"
                    : "\(grouped(below)) \(noun)\(below == 1 ? " holds" : "s hold") \(grouped(below * perDomain)) chips, \(grouped(below + 1)) hold \(grouped((below + 1) * perDomain))"
                fail(message, at: sizes[0].value, key: unit.rawValue)
            } else {
                domains = chipCount / perDomain
            }
        }

        var topology: PoolTopology?
        if let domains, isPoolValid {
            let sizeNode = sizes[0].value, sizeKey = sizes[0].unit.rawValue
            do throws(FabricError) {
                let options = fabric?.options ?? FabricOptions()
                switch platform {
                case .tpu: topology = .tpu(TPUPodFabric(spec: spec, pods: domains))
                case .gpu: topology = .gpu(try GPUCluster(spec: spec, scaleUpDomains: domains, fabric: options))
                case .trainium: topology = .trainium(try TrainiumPool(spec: spec, ultraServers: domains, fabric: options))
                }
            } catch {
                fail(error.description, at: sizeNode, key: sizeKey)
            }
        }
        guard let topology, let siteIndex, let name, isPoolValid else {
            pools.append(PoolEntry(name: name, node: pool.node, context: pool.context, siteIndex: siteIndex, pool: nil))
            invalidate()
            return
        }
        var value = Pool(id: PoolID(pools.count), name: name, spec: spec, site: SiteID(siteIndex), topology: topology,
                         hostsPerRack: hostsPerRack, poolCap: powerCap, rackCap: rackCap, sliceShapes: sliceShapes)
        value.cost = cost
        value.networkPowerPerChip = extras?.networkPowerPerChip ?? .zero
        value.storagePower = extras?.storagePower ?? .zero
        value.embodiedCarbon = extras?.embodiedCarbon
        value.capPolicy = capPolicy
        value.bootDelay = extras?.bootDelay
        warnAboutCaps(of: value, in: pool)
        pools.append(PoolEntry(name: name, node: pool.node, context: pool.context, siteIndex: siteIndex, pool: value))
    }

    /// Warns about caps that can never bind: at or above the hardware maximum they cap.
    private func warnAboutCaps(of pool: Pool, in object: ObjectReader) {
        let hostPeak = pool.spec.hostPeakPower
        let hosts = pool.topology.hosts
        if let cap = pool.poolCap {
            let maximum = pool.powerDomain.hardwareMaximum
            if cap >= maximum {
                object.context.appending("power_cap").warning(
                    "power cap \(describePower(cap)) is not below the pool's hardware maximum of \(describePower(maximum)) (\(grouped(hosts)) hosts at \(describePower(hostPeak)) each); it never binds",
                    at: node("power_cap", in: object).location)
            }
        }
        if let cap = pool.rackCap {
            let rackHosts = min(hosts, pool.hostsPerRack)
            let maximum = hostPeak.times(rackHosts)
            if cap >= maximum {
                object.context.appending("rack_power_cap").warning(
                    "rack power cap \(describePower(cap)) is not below a rack's hardware maximum of \(describePower(maximum)) (\(rackHosts) hosts at \(describePower(hostPeak)) each); it never binds",
                    at: node("rack_power_cap", in: object).location)
            }
        }
    }

    /// A pool's `overrides`: figure keys only, applied to `base` (nil when the chip was unknown:
    /// the keys are still read so their own mistakes are reported).
    private func readOverrides(_ value: JSONNode, base: AcceleratorSpec?, in context: ReadContext) -> AcceleratorSpec? {
        guard case .object = value.kind else {
            context.mismatch(expected: "an object of chip figures to override, such as { peak_power: \"650 W\" }", got: value)
            invalidate()
            return nil
        }
        let object = ObjectReader(value, context: context)
        defer { object.finish() }
        if let base {
            return readFigures(object, into: base, isFromScratch: false)
        }
        var scratch = Self.blank(platform: .gpu)
        for figure in ChipFigure.all {
            guard let member = object.member(figure.key) else { continue }
            _ = figure.apply(&scratch, member.value, context.appending(figure.key), "")
        }
        return nil
    }

    /// A fat-tree fabric's options and, optionally, the per-chip line rate.
    struct FabricDraft {
        var options: FabricOptions
        var linkBandwidth: (value: Double, node: JSONNode)?
    }

    private func readFabric(_ value: JSONNode, in context: ReadContext) -> FabricDraft? {
        Self.fabricReader.read(value, in: context)
    }

    static let radixReader = ValueReader<Int>.integer(.positive).checked("an even switch radix of at least 2, such as 64") {
        $0 >= 2 && $0 % 2 == 0
    }

    /// `3` or `"3:1"`: leaf downlink to uplink bandwidth, at least 1.
    static let oversubscriptionReader: ValueReader<Double> = {
        let expectation = "an oversubscription ratio of at least 1, such as 3 or \"3:1\""
        return ValueReader(expecting: expectation) { node, context in
            var ratio: Double?
            switch node.kind {
            case .number(let number): ratio = number.value
            case .string(let text):
                let parts = text.split(separator: ":").map { $0.trimmingCharacters(in: " ") }
                if parts.count == 2, let down = Double(parts[0]), let up = Double(parts[1]), up > 0 { ratio = down / up }
            default:
                context.mismatch(expected: expectation, got: node)
                return nil
            }
            guard let ratio, ratio.isFinite, ratio >= 1 else {
                context.rejected(expected: expectation, got: node)
                return nil
            }
            return ratio
        }
    }()

    static let fabricReader = ValueReader<FabricDraft>.object("a fabric (an object with switch_radix, oversubscription, rail_optimized, link_bandwidth)") { fabric in
        let radix = fabric.optional("switch_radix", radixReader)
        let oversubscription = fabric.optional("oversubscription", oversubscriptionReader)
        let isRailOptimized = fabric.optional("rail_optimized", .bool)
        let linkBandwidth = fabric.optional("link_bandwidth", .quantity(.bandwidth, .positive))
        let isRead = [("switch_radix", radix != nil), ("oversubscription", oversubscription != nil),
                      ("rail_optimized", isRailOptimized != nil), ("link_bandwidth", linkBandwidth != nil)]
        guard isRead.allSatisfy({ key, isRead in isRead || fabric.node[key] == nil }) else { return nil }
        let options = FabricOptions(radix: radix ?? 64, oversubscription: oversubscription ?? 1, isRailOptimized: isRailOptimized ?? false)
        return FabricDraft(options: options, linkBandwidth: linkBandwidth.map { ($0, fabric.node["link_bandwidth"]!) })
    }
}

extension Substring {
    /// The text without leading and trailing characters in `set` (Foundation-free).
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
