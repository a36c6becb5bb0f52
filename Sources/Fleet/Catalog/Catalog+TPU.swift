// Google TPU entries. Every number is from shared/reference/hardware.md / hardware.json with
// its source id next to it; estimates say why in their note.

extension AcceleratorSpec {
    /// TPU v4: the only chip with published measured idle/mean/max power.
    public static let tpuV4: AcceleratorSpec = {
        let peak = Watts(192) // [gcp-v4] measured max; no TDP published
        return AcceleratorSpec(
            id: "tpu-v4", displayName: "Google TPU v4", vendor: "Google", platform: .tpu,
            peakBF16: .cited(.teraflops(275), "gcp-v4"), // 275 TFLOP/s [gcp-v4]
            peakFP8: nil, // no FP8 on v4
            peakINT8: .cited(.teraflops(275), "gcp-v4"), // 275 TOPS [gcp-v4]
            hbmCapacity: .cited(.gibibytes(32), "gcp-v4"), // 32 GiB [gcp-v4]
            hbmBandwidth: .cited(.gigabytesPerSecond(1200), "gcp-v4"), // 1200 GB/s [gcp-v4]
            idlePower: .cited(Watts(90), "gcp-v4", note: "measured minimum"), // 90 W [gcp-v4]
            typicalPower: .cited(Watts(170), "gcp-v4", note: "measured mean"), // 170 W [gcp-v4]
            peakPower: .cited(peak, "gcp-v4", note: "measured maximum; TDP unpublished"),
            scaleUpDomainChips: .cited(4096, "gcp-v4"), // 4096-chip pod [gcp-v4]
            // 6 ICI links × 45 GB/s one-way × 2 directions = 540 GB/s [scalingbook-tpus]
            scaleUpBandwidth: .estimate(.gigabytesPerSecond(540),
                                        "derived: 6 ICI links × 4.5e10 B/s one-way × 2; per-chip total not in Google docs",
                                        basis: "scalingbook-tpus"),
            // DCN per chip unpublished; v5p's documented 50 Gb/s [gcp-v5p] assumed (same 4-chip host)
            scaleOutBandwidth: .estimate(.gigabitsPerSecond(50),
                                         "DCN per chip unpublished; assumed equal to v5p's 50 Gb/s (same 4-chip host design)",
                                         basis: "gcp-v5p"),
            chipsPerHost: .cited(4, "scalingbook-tpus", note: "host = 2x2x1; PaLM: 768 hosts per 3072 chips"),
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 4,
                                                          multiplier: PowerEstimate.tpuServerMultiplier, why: "TPU v4+"),
            topology: .cited(.torus3DWithOCS, "gcp-v4", "tpuv4-paper"),
            price: PriceSnapshot(onDemand: DollarsPerHour(3.22), committed1Year: DollarsPerHour(2.03),
                                 committed3Year: DollarsPerHour(1.45), // [epoch-prices]
                                 offering: "Google Cloud us-central2-b", date: "2022-05-11 .. 2025-03-03",
                                 provenance: .cited(["epoch-prices"])),
            purchasePrice: nil)
    }()

    /// TPU v5e: 16x16 2D-torus pods of 8-chip hosts.
    public static let tpuV5e: AcceleratorSpec = {
        // 140 W: Epoch lists it with no primary source [epoch-chips]
        let peak = Watts(140)
        return AcceleratorSpec(
            id: "tpu-v5e", displayName: "Google TPU v5e", vendor: "Google", platform: .tpu,
            peakBF16: .cited(.teraflops(197), "gcp-v5e"), // 197 TFLOP/s [gcp-v5e]
            peakFP8: nil,
            peakINT8: .cited(.teraflops(393), "gcp-v5e"), // 393 TOPS [gcp-v5e]
            hbmCapacity: .cited(.gigabytes(16), "gcp-v5e"), // 16 GB [gcp-v5e]
            hbmBandwidth: .cited(.gigabytesPerSecond(819), "gcp-v5e",
                                 note: "another docs revision says 800 GiBps"), // 819 GBps [gcp-v5e]
            idlePower: PowerEstimate.idle(.tpu, peak: peak),
            typicalPower: PowerEstimate.typical(.tpu, peak: peak),
            peakPower: .estimate(peak, "Epoch lists 140 W without a primary source", basis: "epoch-chips"),
            scaleUpDomainChips: .cited(256, "gcp-v5e"), // 16x16 pod [gcp-v5e]
            scaleUpBandwidth: .cited(.gigabytesPerSecond(400), "gcp-v5e"), // 400 GBps, 4 ports [gcp-v5e]
            // 2 × 100 Gb/s NIC per 8-chip host = 25 Gb/s per chip [gcp-v5e]
            scaleOutBandwidth: .cited(.gigabitsPerSecond(25), "gcp-v5e", note: "derived: 2 × 100 Gb/s NIC per 8-chip host"),
            chipsPerHost: .cited(8, "gcp-v5e"),
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 8,
                                                          multiplier: PowerEstimate.tpuServerMultiplier, why: "TPU v4+"),
            topology: .cited(.torus2D, "gcp-v5e"),
            price: PriceSnapshot(onDemand: DollarsPerHour(1.20), committed1Year: DollarsPerHour(0.84),
                                 committed3Year: DollarsPerHour(0.54), // [epoch-prices]
                                 offering: "Google Cloud Iowa/Oregon/East US", date: "2024-08-26, 2025-03-03",
                                 provenance: .cited(["epoch-prices"])),
            purchasePrice: nil)
    }()

    /// TPU v5p: 8960-chip pods; largest single slice 16x16x24 = 6144 chips.
    public static let tpuV5p: AcceleratorSpec = {
        // 459 TFLOP/s × (140 W / 197 TFLOP/s), v5e's BF16 efficiency [epoch-chips][gcp-v5e] ≈ 326 W
        let peak = Watts(326)
        return AcceleratorSpec(
            id: "tpu-v5p", displayName: "Google TPU v5p", vendor: "Google", platform: .tpu,
            peakBF16: .cited(.teraflops(459), "gcp-v5p"), // 459 [gcp-v5p]
            peakFP8: .cited(.teraflops(459), "gcp-v5p", note: "docs list FP8 = BF16 rate"),
            peakINT8: .cited(.teraflops(918), "scalingbook-tpus"), // 9.18e14 [scalingbook-tpus]
            hbmCapacity: .cited(.gibibytes(95), "gcp-v5p", note: "usable; 96 GiB physical"), // 95 GiB [gcp-v5p]
            hbmBandwidth: .cited(.gigabytesPerSecond(2765), "gcp-v5p"), // 2765 GBps [gcp-v5p]
            idlePower: PowerEstimate.idle(.tpu, peak: peak),
            typicalPower: PowerEstimate.typical(.tpu, peak: peak),
            peakPower: .estimate(peak, "unpublished; v5e's BF16 FLOP/s per watt (197 TF / 140 W) applied to 459 TF",
                                 basis: "gcp-v5e", "epoch-chips"),
            scaleUpDomainChips: .cited(8960, "gcp-v5p"), // 8960-chip pod [gcp-v5p]
            scaleUpBandwidth: .cited(.gigabytesPerSecond(1200), "gcp-v5p"), // 1200 GBps [gcp-v5p]
            scaleOutBandwidth: .cited(.gigabitsPerSecond(50), "gcp-v5p"), // 50 Gb/s DCN [gcp-v5p]
            chipsPerHost: .cited(4, "gcp-v5p", "mlperf-train-v4.0-sys"),
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 4,
                                                          multiplier: PowerEstimate.tpuServerMultiplier, why: "TPU v4+"),
            topology: .cited(.torus3DWithOCS, "gcp-v5p"),
            price: PriceSnapshot(onDemand: DollarsPerHour(4.20), offering: "Google Cloud (commonly quoted list price)",
                                 date: "unknown",
                                 provenance: .estimate("commonly quoted $4.20/chip-hour, not confirmed in stored sources")),
            purchasePrice: nil)
    }()

    /// TPU v6e (Trillium): 16x16 2D-torus pods of 8-chip hosts.
    public static let tpuV6e: AcceleratorSpec = {
        // 140 W × 4.7 / 1.67 ≈ 394 W (v5e → v6e claims [trillium-ga]); 980 W × 918/4614 × 2 ≈ 390 W
        // (Ironwood 2× perf/W at FP8 [ironwood-blog-summary]); rounded to 390 W.
        let peak = Watts(390)
        return AcceleratorSpec(
            id: "tpu-v6e", displayName: "Google TPU v6e (Trillium)", vendor: "Google", platform: .tpu,
            peakBF16: .cited(.teraflops(918), "gcp-v6e"), // 918 [gcp-v6e]
            peakFP8: .cited(.teraflops(918), "gcp-7x", note: "FP8 = BF16 rate in the TPU7x comparison table"),
            peakINT8: .cited(.teraflops(1836), "gcp-v6e"), // 1836 TOPS [gcp-v6e]
            hbmCapacity: .cited(.gigabytes(32), "gcp-v6e"), // 32 GB [gcp-v6e]
            hbmBandwidth: .cited(.gigabytesPerSecond(1638), "gcp-v6e"), // 1638 GBps [gcp-v6e]
            idlePower: PowerEstimate.idle(.tpu, peak: peak),
            typicalPower: PowerEstimate.typical(.tpu, peak: peak),
            peakPower: .estimate(peak,
                                 "unpublished; v5e 140 W × 4.7 compute / 1.67 efficiency ≈ 394 W, and Ironwood 980 W ÷ (2× perf/W at FP8 4614/918) ≈ 390 W agree",
                                 basis: "epoch-chips", "trillium-ga", "ironwood-blog-summary"),
            scaleUpDomainChips: .cited(256, "gcp-v6e"), // 16x16 pod [gcp-v6e]
            scaleUpBandwidth: .cited(.gigabytesPerSecond(800), "gcp-v6e"), // 800 GBps, 4 ports [gcp-v6e]
            scaleOutBandwidth: .estimate(.gigabitsPerSecond(25),
                                         "DCN per chip unpublished; assumed equal to v5e's 25 Gb/s (same 8-chip host)",
                                         basis: "gcp-v5e"),
            chipsPerHost: .cited(8, "gcp-v6e"),
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 8,
                                                          multiplier: PowerEstimate.tpuServerMultiplier, why: "TPU v4+"),
            topology: .cited(.torus2D, "gcp-v6e"),
            price: PriceSnapshot(onDemand: DollarsPerHour(2.70), committed1Year: DollarsPerHour(1.89),
                                 committed3Year: DollarsPerHour(1.22), // [epoch-prices]
                                 offering: "Google Cloud East US", date: "2025-03-03",
                                 provenance: .cited(["epoch-prices"])),
            purchasePrice: nil)
    }()

    /// TPU7x (Ironwood): 9216-chip pods of 4-chip hosts.
    public static let tpuV7: AcceleratorSpec = {
        let peak = Watts(980) // Epoch lists 980 W; primary source not found [epoch-chips]
        return AcceleratorSpec(
            id: "tpu-v7", displayName: "Google TPU7x (Ironwood)", vendor: "Google", platform: .tpu,
            peakBF16: .cited(.teraflops(2307), "gcp-7x"), // 2307 [gcp-7x]
            peakFP8: .cited(.teraflops(4614), "gcp-7x", "gcp-7x-perf"), // 4614 [gcp-7x]
            peakINT8: nil,
            hbmCapacity: .cited(.gibibytes(192), "gcp-7x", note: "GiB in docs; the blog says GB"), // 192 GiB [gcp-7x]
            hbmBandwidth: .cited(.terabytesPerSecond(7.37), "ironwood-blog-summary", "epoch-chips"), // 7.37 TB/s
            idlePower: PowerEstimate.idle(.tpu, peak: peak),
            typicalPower: PowerEstimate.typical(.tpu, peak: peak),
            peakPower: .estimate(peak, "Epoch lists 980 W citing no primary source", basis: "epoch-chips"),
            scaleUpDomainChips: .cited(9216, "gcp-7x", "ironwood-blog-summary"), // 9216-chip pod [gcp-7x]
            scaleUpBandwidth: .cited(.gigabytesPerSecond(1200), "ironwood-blog-summary", "ironwood-hotchips",
                                     note: "1.2 TB/s bidirectional ICI (9.6 Tb/s)"),
            // 2 NICs per 4-chip VM [gke-7x]; NIC rate unpublished, 200 Gb/s assumed → 100 Gb/s per chip
            scaleOutBandwidth: .estimate(.gigabitsPerSecond(100),
                                         "2 NICs per 4-chip VM; NIC rate unpublished, 200 Gb/s assumed",
                                         basis: "gke-7x"),
            chipsPerHost: .cited(4, "gke-7x"), // 4 chips per VM [gke-7x]
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 4,
                                                          multiplier: PowerEstimate.tpuServerMultiplier, why: "TPU v4+"),
            topology: .estimate(.torus3DWithOCS,
                                "docs: 'shares many similarities with TPU v5p'; 3D torus + OCS implied, not stated",
                                basis: "gcp-7x"),
            price: nil, // unpublished
            purchasePrice: nil)
    }()
}
