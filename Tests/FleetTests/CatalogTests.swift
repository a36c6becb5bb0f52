import Foundation
import Testing
@testable import Fleet

@Suite("Catalog")
struct CatalogTests {
    static let requiredIDs: [AcceleratorID] = [
        "tpu-v4", "tpu-v5e", "tpu-v5p", "tpu-v6e", "tpu-v7", "a100-sxm", "h100-sxm", "h200", "b200",
        "gb200", "trn1", "trn2", "trn3", "mi300x",
    ]

    @Test("the built-in catalog holds every required id, once")
    func requiredIDsPresent() {
        let ids = Catalog.builtIn.ids
        #expect(Set(ids) == Set(Self.requiredIDs))
        #expect(ids.count == Self.requiredIDs.count)
    }

    @Test("every entry is sound: positive figures, ordered power, resolvable citations", arguments: requiredIDs)
    func entryIsSound(id: AcceleratorID) throws {
        let spec = try Catalog.builtIn.spec(id)
        #expect(spec.issues(resolvingAgainst: .builtIn) == [])
    }

    @Test("every figure is cited to a known source or is an estimate with a note", arguments: requiredIDs)
    func provenanceResolves(id: AcceleratorID) throws {
        let spec = try Catalog.builtIn.spec(id)
        let required: Set<String> = [
            "peak_bf16_flops", "hbm_capacity_bytes", "hbm_bandwidth_bytes_per_s", "idle_power_w", "typical_power_w",
            "peak_power_w", "scale_up_domain_chips", "scale_up_bandwidth_bytes_per_s", "scale_out_bandwidth_bytes_per_s",
            "chips_per_host", "host_overhead_power_w", "topology",
        ]
        #expect(required.isSubset(of: Set(spec.provenances.map(\.field))))
        for (field, provenance) in spec.provenances {
            switch provenance {
            case .cited(let ids, _):
                #expect(!ids.isEmpty, "\(id).\(field)")
                for source in ids { #expect(SourceTable.builtIn[source] != nil, "\(id).\(field) cites \(source)") }
            case .estimate(let note, let basis):
                #expect(!note.isEmpty, "\(id).\(field)")
                for source in basis { #expect(SourceTable.builtIn[source] != nil, "\(id).\(field) leans on \(source)") }
            case .supplied:
                Issue.record("built-in \(id).\(field) must not be user-supplied")
            }
        }
    }

    @Test("an entry survives a JSON round trip", arguments: requiredIDs)
    func jsonRoundTrip(id: AcceleratorID) throws {
        let spec = try Catalog.builtIn.spec(id)
        let data = try JSONEncoder().encode(spec)
        #expect(try JSONDecoder().decode(AcceleratorSpec.self, from: data) == spec)
    }

    @Test("catalog JSON uses snake_case keys and SI values")
    func jsonShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(Catalog.builtIn.spec("tpu-v4")), as: UTF8.self)
        #expect(json.contains(#""peak_bf16_flops":{"kind":"cited","sources":["gcp-v4"],"value":275000000000000}"#))
        #expect(json.contains(#""display_name":"Google TPU v4""#))
        let whole = try JSONDecoder().decode(Catalog.self, from: JSONEncoder().encode(Catalog.builtIn))
        #expect(whole.ids == Catalog.builtIn.ids)
        #expect(whole.sources == SourceTable.builtIn)
    }

    @Test("an unknown id is an error that lists the valid ids")
    func unknownID() {
        #expect(throws: CatalogError.unknownAccelerator("tpu-v9", valid: Catalog.builtIn.ids)) {
            try Catalog.builtIn.spec("tpu-v9")
        }
        let message = CatalogError.unknownAccelerator("x", valid: ["a", "b"]).description
        #expect(message == "unknown accelerator 'x'; valid ids: a, b")
    }

    @Test("TPU v4 power is the published measurement; unpublished TDPs are marked estimates")
    func estimatesAreMarked() throws {
        let v4 = try Catalog.builtIn.spec("tpu-v4")
        #expect(v4.idlePower.value == Watts(90) && !v4.idlePower.provenance.isEstimate)
        #expect(v4.peakPower.value == Watts(192) && !v4.peakPower.provenance.isEstimate)
        let v7 = try Catalog.builtIn.spec("tpu-v7")
        #expect(v7.peakPower.value == Watts(980) && v7.peakPower.provenance.isEstimate)
        #expect(v7.peakPower.provenance.sourceIDs == ["epoch-chips"])
        // idle = 980 × 90/192 = 459.375 W
        #expect(abs(v7.idlePower.value.value - 459.375) < 1e-9)
        let h100 = try Catalog.builtIn.spec("h100-sxm")
        #expect(!h100.peakPower.provenance.isEstimate)
        // host: 8 × 700 W + 4600 W = 10.2 kW, the DGX H100 rating
        #expect(h100.hostPeakPower == Watts(10_200))
    }

    @Test("a field can be overridden on a copy, marked as supplied")
    func override() throws {
        let h100 = try Catalog.builtIn.spec("h100-sxm")
        let capped = h100.overriding(\.peakPower, with: Watts(500), note: "power-capped fleet")
        #expect(capped.peakPower.value == Watts(500))
        #expect(capped.peakPower.provenance == .supplied("power-capped fleet"))
        #expect(h100.peakPower.value == Watts(700))
        let noFP8 = h100.overriding(\.peakFP8, with: nil)
        #expect(noFP8.peakFP8 == nil)
        var catalog = Catalog.builtIn
        catalog.insert(capped)
        #expect(catalog["h100-sxm"]?.peakPower.value == Watts(500))
        #expect(catalog.ids == Catalog.builtIn.ids)
    }

    @Test("a new chip can be defined from scratch and added")
    func customChip() {
        let peak = Watts(800)
        let chip = AcceleratorSpec(
            id: "my-npu", displayName: "My NPU", vendor: "Acme", platform: .gpu,
            peakBF16: .supplied(.teraflops(1000)), peakFP8: nil, peakINT8: nil,
            hbmCapacity: .supplied(.gigabytes(128)), hbmBandwidth: .supplied(.terabytesPerSecond(4)),
            idlePower: PowerEstimate.idle(.gpu, peak: peak), typicalPower: PowerEstimate.typical(.gpu, peak: peak),
            peakPower: .supplied(peak), scaleUpDomainChips: .supplied(8),
            scaleUpBandwidth: .supplied(.gigabytesPerSecond(900)), scaleOutBandwidth: .supplied(.gigabitsPerSecond(400)),
            chipsPerHost: .supplied(8),
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 8, multiplier: 1.8, why: "default"),
            topology: .supplied(.nvSwitchHost), price: nil, purchasePrice: nil)
        var catalog = Catalog.builtIn
        catalog.insert(chip)
        #expect(catalog.ids.last == "my-npu")
        #expect(catalog.issues() == [])
        // host overhead: 0.8 × 8 × 800 W = 5120 W
        #expect(abs(chip.hostOverheadPower.value.value - 5_120) < 1e-9)
    }

    @Test("a citation that is not in the source table is reported")
    func unresolvedCitation() throws {
        var spec = try Catalog.builtIn.spec("trn2")
        spec.hbmBandwidth = .cited(.terabytesPerSecond(2.9), "no-such-source")
        #expect(spec.issues(resolvingAgainst: .builtIn) == ["trn2.hbm_bandwidth_bytes_per_s: source [no-such-source] is not in the source table"])
    }
}
