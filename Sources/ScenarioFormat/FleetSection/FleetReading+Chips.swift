import Fleet

/// ```json5
/// { id: "my-chip", base: "h100-sxm",          // base: a built-in or earlier scenario chip
///   display_name: "H100 at 1.2 PF", vendor: "NVIDIA",
///   peak_bf16: "1200 TFLOP/s", peak_power: "800 W" }
/// { id: "asic-1", platform: "gpu", topology: "nvswitch-host", peak_bf16: "500 TFLOP/s", … }  // from scratch
/// ```
extension FleetReading {
    func readChip(_ chip: ObjectReader) {
        let idReader = ValueReader<String>.nonEmptyString.checked(
            "a chip id in kebab-case (lower-case letters, digits, '-' and '.', such as \"my-chip\")", isChipID)
        let id = required(chip, "id", idReader)
        let baseID = optional(chip, "base", .nonEmptyString)
        let displayName = optional(chip, "display_name", .nonEmptyString)
        let vendor = optional(chip, "vendor", .nonEmptyString)
        let platform = optional(chip, "platform", .choice(PlatformKind.self, of: "platform"))

        var isChipValid = id != nil
        if let id {
            if Catalog.builtIn[AcceleratorID(id)] != nil {
                error("chip id '\(id)' is a built-in chip; give the new chip another id with base: '\(id)', or change figures per pool with 'overrides'",
                      at: node("id", in: chip), in: chip.context.appending("id"))
                isChipValid = false
            } else if let first = chips.first(where: { $0.id == id }) {
                error(duplicateMessage(kind: "chip id", name: id, firstAt: first.node.location),
                      at: node("id", in: chip), in: chip.context.appending("id"))
                isChipValid = false
            }
        }

        var spec: AcceleratorSpec?
        if let baseID {
            if let base = catalog[AcceleratorID(baseID)] {
                spec = base
            } else if !chips.contains(where: { $0.id == baseID }) {
                error(unknownNameMessage(baseID, kind: "base chip", valid: catalog.ids.map(\.rawValue)),
                      at: node("base", in: chip), in: chip.context.appending("base"))
            }
        } else if let platform {
            spec = Self.blank(platform: platform)
        } else if chip.node["platform"] == nil {
            error("missing required key 'platform' (a chip without 'base' is defined from scratch; expected one of \"tpu\", \"gpu\", \"trainium\")",
                  at: chip.node, in: chip.context.appending("platform"))
        }
        if var base = spec {
            base.id = AcceleratorID(id ?? "?")
            base.displayName = displayName ?? id ?? base.displayName
            base.vendor = vendor ?? (baseID == nil ? "custom" : base.vendor)
            if let platform { base.platform = platform }
            spec = readFigures(chip, into: base, isFromScratch: baseID == nil)
        } else {
            // Still declare and read the figure keys, so their own mistakes are reported too.
            var scratch = Self.blank(platform: .gpu)
            for figure in ChipFigure.all {
                guard let member = chip.member(figure.key) else { continue }
                _ = figure.apply(&scratch, member.value, chip.context.appending(figure.key), "")
            }
            isChipValid = false
        }
        if spec == nil { isChipValid = false }
        if let id {
            chips.append(ChipEntry(id: id, node: chip.node, spec: isChipValid ? spec : nil))
            if isChipValid, let spec { catalog.insert(spec) }
        }
        if !isChipValid { invalidate() }
    }

    /// Reads every figure key of `object` into `spec` and checks the result; nil after
    /// reporting. `isFromScratch` requires the figures without defaults and fills the power
    /// estimates; otherwise a new peak power re-derives idle and typical power when those were
    /// estimates from the old peak and are not given.
    func readFigures(_ object: ObjectReader, into spec: AcceleratorSpec, isFromScratch: Bool) -> AcceleratorSpec? {
        var spec = spec
        var given: [String: JSONNode] = [:]
        var isSpecValid = true
        for figure in ChipFigure.all {
            guard let member = object.member(figure.key) else { continue }
            given[figure.key] = member.value
            if !figure.apply(&spec, member.value, object.context.appending(figure.key), suppliedNote(at: member.value)) {
                isSpecValid = false
            }
        }
        if isFromScratch {
            for key in ChipFigure.requiredWithoutBase where given[key] == nil {
                object.context.appending(key).error(
                    "missing required key '\(key)' (a chip without 'base' is defined from scratch and needs \(ChipFigure.requiredWithoutBase.joined(separator: ", ")))",
                    at: object.node.location)
                isSpecValid = false
            }
        }
        guard isSpecValid else { invalidate(); return nil }

        let peak = spec.peakPower.value
        if given["idle_power"] == nil && (isFromScratch || (given["peak_power"] != nil && spec.idlePower.provenance.isEstimate)) {
            spec.idlePower = PowerEstimate.idle(spec.platform, peak: peak)
        }
        if given["typical_power"] == nil && (isFromScratch || (given["peak_power"] != nil && spec.typicalPower.provenance.isEstimate)) {
            spec.typicalPower = PowerEstimate.typical(spec.platform, peak: peak)
        }
        if isFromScratch && given["host_overhead_power"] == nil {
            let multiplier = spec.platform == .tpu ? PowerEstimate.tpuServerMultiplier : PowerEstimate.defaultServerMultiplier
            spec.hostOverheadPower = PowerEstimate.hostOverhead(
                peak: peak, chipsPerHost: spec.chipsPerHost.value, multiplier: multiplier, why: "default for a scenario chip")
        }
        return checkSpec(spec, given: given, in: object) ? spec : nil
    }

    /// Checks a chip's figures fit together: its topology belongs to its platform, a scale-up
    /// domain is whole hosts, and the catalog's own checks (`AcceleratorSpec.issues`) pass.
    private func checkSpec(_ spec: AcceleratorSpec, given: [String: JSONNode], in object: ObjectReader) -> Bool {
        var isSpecValid = true
        let topologies = Self.topologies(of: spec.platform)
        if !topologies.contains(spec.topology.value) {
            let key = given["topology"] != nil ? "topology" : "platform"
            error("topology '\(spec.topology.value.rawValue)' does not belong to a \(spec.platform.rawValue) chip (valid: \(topologies.map(\.rawValue).joined(separator: ", ")))",
                  at: given[key] ?? object.node[key] ?? object.node, in: object.context.appending(key))
            isSpecValid = false
        }
        let domain = spec.scaleUpDomainChips.value, perHost = spec.chipsPerHost.value
        if domain % perHost != 0 {
            let key = given["scale_up_domain_chips"] != nil ? "scale_up_domain_chips" : "chips_per_host"
            error("a scale-up domain of \(grouped(domain)) chips is not a whole number of \(perHost)-chip hosts",
                  at: given[key] ?? object.node, in: object.context.appending(key))
            isSpecValid = false
        }
        for issue in spec.issues(resolvingAgainst: Catalog.builtIn.sources) {
            // Issues start with the chip id; the path already says which chip.
            var text = Substring(issue)
            if text.hasPrefix(spec.id.rawValue) {
                text = text.dropFirst(spec.id.rawValue.count).drop { $0 == ":" || $0 == "." || $0 == " " }
            }
            error(String(text), at: object.node, in: object.context)
            isSpecValid = false
        }
        return isSpecValid
    }

    /// The topologies a platform's chips may have.
    static func topologies(of platform: PlatformKind) -> [TopologyKind] {
        switch platform {
        case .tpu: [.torus3DWithOCS, .torus2D]
        case .gpu: [.nvSwitchHost, .nvLinkRack, .xgmiMesh]
        case .trainium: [.neuronLinkTorus, .neuronSwitch]
        }
    }

    /// A spec whose figures are all placeholders, to be filled by a from-scratch definition.
    static func blank(platform: PlatformKind) -> AcceleratorSpec {
        let unset = "not given"
        return AcceleratorSpec(
            id: "", displayName: "", vendor: "custom", platform: platform,
            peakBF16: .supplied(.zero, unset), peakFP8: nil, peakINT8: nil,
            hbmCapacity: .supplied(.zero, unset), hbmBandwidth: .supplied(.zero, unset),
            idlePower: .supplied(.zero, unset), typicalPower: .supplied(.zero, unset), peakPower: .supplied(.zero, unset),
            scaleUpDomainChips: .supplied(1, unset), scaleUpBandwidth: .supplied(.zero, unset),
            scaleOutBandwidth: .supplied(.zero, unset), chipsPerHost: .supplied(1, unset),
            hostOverheadPower: .supplied(.zero, unset), topology: .supplied(topologies(of: platform)[0], unset),
            price: nil, purchasePrice: nil)
    }
}

/// Lower-case letters, digits, `-` and `.`, starting with a letter or digit: `tpu-v7`, `my-chip`.
private func isChipID(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
    return text.unicodeScalars.allSatisfy { scalar in
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
    }
}
