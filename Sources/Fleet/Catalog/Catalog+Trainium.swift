// AWS Trainium entries. Every number is from shared/reference/hardware.md / hardware.json with
// its source id next to it; estimates say why in their note. No Trainium TDP is published.

extension AcceleratorSpec {
    /// Trainium (Trn1): 16-chip trn1.32xlarge instances, NeuronLink-v2 2D torus.
    public static let trn1: AcceleratorSpec = {
        // 190 TF × (500 W / 667 TF), Trn2's BF16 efficiency [epoch-chips][neuron-trn2-chip] ≈ 142 W
        let peak = Watts(142)
        return AcceleratorSpec(
            id: "trn1", displayName: "AWS Trainium (Trn1)", vendor: "AWS", platform: .trainium,
            peakBF16: .cited(.teraflops(190), "neuron-trn1-chip"), // 190 [neuron-trn1-chip]
            peakFP8: .cited(.teraflops(190), "neuron-trn1-chip", note: "cFP8 at the BF16 rate"),
            peakINT8: .cited(.teraflops(380), "neuron-trn1-chip"), // 380 TOPS
            hbmCapacity: .cited(.gibibytes(32), "neuron-trn1-chip"), // 32 GiB
            hbmBandwidth: .cited(.terabytesPerSecond(0.82), "neuron-trn1-chip",
                                 note: "printed as 820 GiB/s; the Trn2 comparison table says 0.8 TB/s"),
            idlePower: PowerEstimate.idle(.trainium, peak: peak),
            typicalPower: PowerEstimate.typical(.trainium, peak: peak),
            peakPower: .estimate(peak, "unpublished; Trn2's BF16 FLOP/s per watt (667 TF / 500 W) applied to 190 TF",
                                 basis: "epoch-chips", "neuron-trn2-chip"),
            scaleUpDomainChips: .cited(16, "neuron-trn1-arch"), // trn1.32xlarge
            scaleUpBandwidth: .cited(.gigabytesPerSecond(384), "neuron-trn2-chip", "neuron-trn1-arch"), // NeuronLink-v2
            // EFA 800 Gb/s per 16 chips = 50 Gb/s per chip [neuron-trn1-arch]
            scaleOutBandwidth: .cited(.gigabitsPerSecond(50), "neuron-trn1-arch", note: "derived: 800 Gb/s EFA per 16 chips"),
            chipsPerHost: .cited(16, "neuron-trn1-arch"),
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 16,
                                                          multiplier: PowerEstimate.defaultServerMultiplier,
                                                          why: "Epoch default"),
            topology: .cited(.neuronLinkTorus, "neuron-trn1-arch", note: "older docs: 4D hypercube"),
            price: PriceSnapshot(onDemand: DollarsPerHour(21.50 / 16), // $21.50/h / 16 [usage-trn1]
                                 offering: "AWS trn1.32xlarge ($21.50/h ÷ 16; Capacity Block $0.968/chip-h [aws-capblocks])",
                                 date: "2026 page", provenance: .cited(["usage-trn1"], note: "secondary")),
            purchasePrice: nil)
    }()

    /// Trainium2: 16-chip instances, 64-chip UltraServers (4 instances joined in rings).
    public static let trn2: AcceleratorSpec = {
        let peak = Watts(500) // Epoch lists 500 W citing SemiAnalysis [epoch-chips]
        return AcceleratorSpec(
            id: "trn2", displayName: "AWS Trainium2 (Trn2)", vendor: "AWS", platform: .trainium,
            peakBF16: .cited(.teraflops(667), "neuron-trn2-chip"), // 667
            peakFP8: .cited(.teraflops(1299), "neuron-trn2-chip"), // 1299
            peakINT8: nil,
            hbmCapacity: .cited(.gibibytes(96), "neuron-trn2-chip"), // 96 GiB
            hbmBandwidth: .cited(.terabytesPerSecond(2.9), "neuron-trn2-chip", "neuron-trn2-nki"), // 2.9 TB/s
            idlePower: PowerEstimate.idle(.trainium, peak: peak),
            typicalPower: PowerEstimate.typical(.trainium, peak: peak),
            peakPower: .estimate(peak, "Epoch lists 500 W citing SemiAnalysis; AWS publishes none", basis: "epoch-chips"),
            scaleUpDomainChips: .cited(64, "neuron-trn2-arch"), // UltraServer of 4 × 16
            // 1.28 TB/s = 1,024 GB/s intra-instance + 256 GB/s inter-instance [neuron-trn2-arch]
            scaleUpBandwidth: .cited(.gigabytesPerSecond(1280), "neuron-trn2-chip", "neuron-trn2-arch"),
            scaleOutBandwidth: .cited(.gigabitsPerSecond(200), "neuron-trn2-arch", note: "derived: EFAv3 3,200 Gb/s per 16 chips"),
            chipsPerHost: .cited(16, "neuron-trn2-arch"),
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 16,
                                                          multiplier: PowerEstimate.defaultServerMultiplier,
                                                          why: "Epoch default"),
            topology: .cited(.neuronLinkTorus, "neuron-trn2-arch"),
            price: nil,
            purchasePrice: nil)
    }()

    /// Trainium3: 4-chip servers, 144-chip Gen2 UltraServers on NeuronSwitch.
    public static let trn3: AcceleratorSpec = {
        // Trn2's 500 W [epoch-chips] kept: the BF16 rate is the same (671 vs 667 TF). AWS's ~4×
        // system efficiency claim [trn3-secondary] would imply ~245 W, implausible for 144 GiB HBM.
        let peak = Watts(500)
        return AcceleratorSpec(
            id: "trn3", displayName: "AWS Trainium3 (Trn3)", vendor: "AWS", platform: .trainium,
            peakBF16: .cited(.teraflops(671), "neuron-trn3-chip"), // 671
            peakFP8: .cited(.teraflops(2517), "neuron-trn3-chip", note: "MXFP8/MXFP4"), // 2517
            peakINT8: nil,
            hbmCapacity: .cited(.gibibytes(144), "neuron-trn3-chip"), // 144 GiB
            hbmBandwidth: .cited(.terabytesPerSecond(4.9), "neuron-trn3-chip", note: "NKI guide: 4.7 TB/s"),
            idlePower: PowerEstimate.idle(.trainium, peak: peak),
            typicalPower: PowerEstimate.typical(.trainium, peak: peak),
            peakPower: .estimate(peak,
                                 "unpublished; Trn2's 500 W (Epoch) kept since the BF16 rate is equal; the ~4× efficiency claim would give ~245 W",
                                 basis: "epoch-chips", "trn3-secondary"),
            scaleUpDomainChips: .cited(144, "neuron-trn3-arch", note: "Gen2 UltraServer; Gen1 = 64"),
            scaleUpBandwidth: .cited(.gigabytesPerSecond(2560), "neuron-trn3-chip",
                                     note: "NeuronLink-v4; arch table: 2,048 GiB/s"),
            scaleOutBandwidth: .cited(.gigabitsPerSecond(200), "neuron-trn3-arch",
                                      note: "derived: EFA 28,800 Gb/s per 144 chips"),
            chipsPerHost: .cited(4, "neuron-trn3-arch"), // 36 servers × 4
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 4,
                                                          multiplier: PowerEstimate.defaultServerMultiplier,
                                                          why: "Epoch default"),
            topology: .cited(.neuronSwitch, "neuron-trn3-arch"),
            price: nil,
            purchasePrice: nil)
    }()
}
