// NVIDIA and AMD GPU entries. Every number is from shared/reference/hardware.md /
// hardware.json with its source id next to it; estimates say why in their note.

extension AcceleratorSpec {
    /// A100 SXM 80GB in an 8-GPU HGX/DGX host.
    public static let a100SXM: AcceleratorSpec = {
        let peak = Watts(400) // TDP 400 W [klockwood-a100][epoch-chips]
        return AcceleratorSpec(
            id: "a100-sxm", displayName: "NVIDIA A100 SXM 80GB", vendor: "NVIDIA", platform: .gpu,
            peakBF16: .cited(.teraflops(312), "klockwood-a100"), // 312 [klockwood-a100]
            peakFP8: nil, // no FP8 on Ampere
            peakINT8: .cited(.teraflops(624), "klockwood-a100"), // 624 TOPS [klockwood-a100]
            hbmCapacity: .cited(.gigabytes(80), "klockwood-a100"), // 80 GB HBM2e
            hbmBandwidth: .cited(.terabytesPerSecond(2.039), "klockwood-a100"), // 2.039 TB/s
            idlePower: PowerEstimate.idle(.gpu, peak: peak),
            typicalPower: PowerEstimate.typical(.gpu, peak: peak),
            peakPower: .cited(peak, "klockwood-a100", "epoch-chips"),
            scaleUpDomainChips: .cited(8, "klockwood-a100", note: "HGX/DGX A100 NVSwitch node"),
            scaleUpBandwidth: .cited(.gigabytesPerSecond(600), "klockwood-a100"), // NVLink3 600 GB/s
            scaleOutBandwidth: .cited(.gigabitsPerSecond(200), "epoch-chips", note: "HDR InfiniBand per GPU"),
            chipsPerHost: .cited(8, "epoch-chips", note: "DGX A100: 8 GPUs"),
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 8,
                                                          multiplier: PowerEstimate.a100ServerMultiplier,
                                                          why: "A100: DGX 6.5 kW / 8 / 0.4 kW"),
            topology: .cited(.nvSwitchHost, "klockwood-a100"),
            price: PriceSnapshot(onDemand: DollarsPerHour(5.12), committed1Year: DollarsPerHour(3.00),
                                 committed3Year: DollarsPerHour(1.81), // p4de.24xlarge $40.96/8 [epoch-prices]
                                 offering: "AWS p4de.24xlarge us-east-1", date: "2024-08-03, 2025-03-02",
                                 provenance: .cited(["epoch-prices"])),
            // $20,875 per GPU: 8×A100 80GB DGX-class server listing, 2022-01-20 [epoch-prices]
            purchasePrice: .estimate(Dollars(20_875),
                                     "8×A100-80GB DGX-class server listing ÷ 8 (2022-01-20), read from a later revision of the Epoch price dataset",
                                     basis: "epoch-prices"))
    }()

    /// H100 SXM5 80GB in an 8-GPU HGX host.
    public static let h100SXM: AcceleratorSpec = {
        let peak = Watts(700) // TDP 700 W [hpctech-h100]
        return AcceleratorSpec(
            id: "h100-sxm", displayName: "NVIDIA H100 SXM5 80GB", vendor: "NVIDIA", platform: .gpu,
            peakBF16: .cited(.teraflops(989.4), "klockwood-h100"), // 989.4 [klockwood-h100]
            peakFP8: .cited(.teraflops(1978.9), "klockwood-h100"), // 1978.9 dense [klockwood-h100]
            peakINT8: .cited(.teraflops(1978.9), "klockwood-h100"),
            hbmCapacity: .cited(.gigabytes(80), "klockwood-h100"), // 80 GB HBM3
            hbmBandwidth: .cited(.terabytesPerSecond(3.35), "klockwood-h100", "hpctech-h100"), // 3.35 TB/s
            idlePower: PowerEstimate.idle(.gpu, peak: peak),
            typicalPower: PowerEstimate.typical(.gpu, peak: peak),
            peakPower: .cited(peak, "hpctech-h100"),
            scaleUpDomainChips: .cited(8, "mlperf-train-v4.0-sys", note: "HGX H100 node"),
            scaleUpBandwidth: .cited(.gigabytesPerSecond(900), "klockwood-h100"), // NVLink4 900 GB/s
            scaleOutBandwidth: .cited(.gigabitsPerSecond(400), "mlperf-train-v4.0-sys",
                                      note: "8× ConnectX-7 NDR 400 Gb/s per node; AWS p5: 3200 Gb/s EFA per 8 GPUs"),
            chipsPerHost: .cited(8, "mlperf-train-v4.0-sys"),
            // 10.2 kW rated node − 8 × 700 W = 4.6 kW [latif-h100-node]; Epoch multiplier 1.82
            hostOverheadPower: .estimate(Watts(4_600),
                                         "10.2 kW rated 8-GPU node − 8 × 700 W (Epoch multiplier 1.82); measured node max was 8.4 kW",
                                         basis: "latif-h100-node", "epoch-cost-model"),
            topology: .cited(.nvSwitchHost, "klockwood-h100"),
            price: PriceSnapshot(onDemand: DollarsPerHour(11.06), committed1Year: DollarsPerHour(7.67),
                                 committed3Year: DollarsPerHour(4.86), // [epoch-prices]
                                 offering: "Google Cloud us-central1 (AWS p5.48xlarge: $12.29 on-demand, cut up to 45% in June 2025)",
                                 date: "2025-03-17",
                                 provenance: .cited(["epoch-prices", "aws-pricecut"])),
            purchasePrice: nil) // not in the reference
    }()

    /// H200 SXM 141GB: H100 compute with HBM3e.
    public static let h200: AcceleratorSpec = {
        let peak = Watts(700) // TGP 700 W [mlperf-inf-v4.1-sys]
        return AcceleratorSpec(
            id: "h200", displayName: "NVIDIA H200 SXM 141GB", vendor: "NVIDIA", platform: .gpu,
            peakBF16: .cited(.teraflops(989.5), "epoch-chips"), // 989.5 [epoch-chips]
            peakFP8: .estimate(.teraflops(1979), "half of the 3958 with-sparsity figure; same GH100 die as H100",
                               basis: "epoch-chips", "klockwood-h100"),
            peakINT8: .cited(.teraflops(1979), "epoch-chips"), // 1979 [epoch-chips]
            hbmCapacity: .cited(.gigabytes(141), "geektopia-h200"), // 141 GB HBM3e
            hbmBandwidth: .cited(.terabytesPerSecond(4.8), "geektopia-h200", "epoch-chips"), // 4.8 TB/s
            idlePower: PowerEstimate.idle(.gpu, peak: peak),
            typicalPower: PowerEstimate.typical(.gpu, peak: peak),
            peakPower: .cited(peak, "mlperf-inf-v4.1-sys", note: "TGP; a 1000 W CTS variant exists"),
            scaleUpDomainChips: .cited(8, "mlperf-train-v5.0-sys", note: "HGX H200 node"),
            scaleUpBandwidth: .cited(.gigabytesPerSecond(900), "geektopia-h200"), // NVLink4 900 GB/s
            scaleOutBandwidth: .cited(.gigabitsPerSecond(400), "mlperf-train-v5.0-sys"), // NDR 400 Gb/s
            chipsPerHost: .cited(8, "mlperf-train-v5.0-sys"),
            hostOverheadPower: .estimate(Watts(4_600), "same HGX chassis as H100: 10.2 kW rating − 8 × 700 W",
                                         basis: "latif-h100-node", "epoch-cost-model"),
            topology: .cited(.nvSwitchHost, "geektopia-h200"),
            price: PriceSnapshot(onDemand: DollarsPerHour(10.60), // p5e $84.80/8 [epoch-prices]
                                 offering: "AWS p5e East US", date: "2025-03-17",
                                 provenance: .cited(["epoch-prices"])),
            purchasePrice: nil)
    }()

    /// B200 in an 8-GPU HGX/DGX host at 1000 W.
    public static let b200: AcceleratorSpec = {
        let peak = Watts(1000) // TGP 1000 W [mlperf-train-v5.1-sys][klockwood-b200]
        return AcceleratorSpec(
            id: "b200", displayName: "NVIDIA B200 (HGX, 1000 W)", vendor: "NVIDIA", platform: .gpu,
            peakBF16: .cited(.teraflops(2250), "klockwood-b200", "scalingbook-gpus"), // 2250 dense
            peakFP8: .cited(.teraflops(4500), "klockwood-b200"), // 4500 dense
            peakINT8: .cited(.teraflops(4500), "klockwood-b200"),
            hbmCapacity: .cited(.mebibytes(183_359), "mlperf-train-v5.0-sys",
                                note: "usable (B200-SXM-180GB); 192 GB physical [klockwood-b200]"),
            hbmBandwidth: .cited(.terabytesPerSecond(8.0), "klockwood-b200", "scalingbook-gpus"), // 8 TB/s
            idlePower: PowerEstimate.idle(.gpu, peak: peak),
            typicalPower: PowerEstimate.typical(.gpu, peak: peak),
            peakPower: .cited(peak, "mlperf-train-v5.1-sys", "klockwood-b200"),
            scaleUpDomainChips: .cited(8, "mlperf-train-v5.0-sys", note: "HGX/DGX B200"),
            scaleUpBandwidth: .cited(.gigabytesPerSecond(1800), "klockwood-b200", "mlperf-train-v5.0-sys"), // NVLink5
            scaleOutBandwidth: .cited(.gigabitsPerSecond(400), "mlperf-train-v5.0-sys"), // 8× CX-7 NDR
            chipsPerHost: .cited(8, "mlperf-train-v5.0-sys"),
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 8,
                                                          multiplier: PowerEstimate.h100ServerMultiplier,
                                                          why: "H100 ratio applied to the HGX B200 chassis"),
            topology: .cited(.nvSwitchHost, "klockwood-b200"),
            price: nil, // unpublished
            purchasePrice: nil)
    }()

    /// GB200 NVL72, per Blackwell GPU: 72 GPUs in one NVLink-switch rack of 18 4-GPU trays.
    public static let gb200: AcceleratorSpec = {
        let peak = Watts(1200) // 1200 W per GPU [klockwood-b200][epoch-chips]
        return AcceleratorSpec(
            id: "gb200", displayName: "NVIDIA GB200 NVL72 (per GPU)", vendor: "NVIDIA", platform: .gpu,
            peakBF16: .cited(.teraflops(2500), "klockwood-b200", "epoch-chips"), // 2500 dense
            peakFP8: .cited(.teraflops(5000), "klockwood-b200"), // 5000 dense
            peakINT8: .cited(.teraflops(5000), "klockwood-b200"),
            hbmCapacity: .cited(.mebibytes(189_471), "mlperf-train-v5.0-sys", note: "GB200-186GB"),
            hbmBandwidth: .estimate(.terabytesPerSecond(8.0), "B200's 8 TB/s; only secondary sources state it for GB200",
                                    basis: "klockwood-b200", "aiwiki-nvl72"),
            idlePower: PowerEstimate.idle(.gpu, peak: peak),
            typicalPower: PowerEstimate.typical(.gpu, peak: peak),
            peakPower: .cited(peak, "klockwood-b200", "epoch-chips"),
            scaleUpDomainChips: .cited(72, "aiwiki-nvl72", "datacrunch-nvl72"), // 72-GPU NVLink domain
            scaleUpBandwidth: .cited(.gigabytesPerSecond(1800), "aiwiki-nvl72", "mlperf-train-v5.0-sys"),
            scaleOutBandwidth: .cited(.gigabitsPerSecond(400), "mlperf-train-v5.0-sys",
                                      note: "4× ConnectX-7 per 4-GPU tray"),
            chipsPerHost: .cited(4, "mlperf-train-v5.0-sys", note: "one compute tray"),
            // (~120 kW rack − 72 × 1200 W) / 18 trays ≈ 1867 W per tray (Grace CPUs, NICs, switch-tray share)
            hostOverheadPower: .estimate(Watts(33_600.0 / 18),
                                         "(~120 kW secondary rack figure − 72 × 1200 W) / 18 trays; rack power unverified",
                                         basis: "klockwood-b200", "autopilotr-b200"),
            topology: .cited(.nvLinkRack, "aiwiki-nvl72", "autopilotr-b200"),
            price: nil,
            purchasePrice: nil)
    }()

    /// AMD Instinct MI300X on an 8-GPU OAM platform.
    public static let mi300x: AcceleratorSpec = {
        let peak = Watts(750) // 750 W [epoch-chips][mlperf-inf-v4.1-sys]
        return AcceleratorSpec(
            id: "mi300x", displayName: "AMD Instinct MI300X", vendor: "AMD", platform: .gpu,
            peakBF16: .cited(.teraflops(1307.4), "epoch-chips", "mi300x-codes"), // 1307.4
            peakFP8: .cited(.teraflops(2614.9), "mi300x-codes", note: "secondary; AMD sheet not read"),
            peakINT8: .cited(.teraflops(2614.9), "epoch-chips"),
            hbmCapacity: .cited(.gigabytes(192), "epoch-chips"), // 192 GB HBM3
            hbmBandwidth: .cited(.terabytesPerSecond(5.3), "epoch-chips"), // 5.3 TB/s
            idlePower: PowerEstimate.idle(.gpu, peak: peak),
            typicalPower: PowerEstimate.typical(.gpu, peak: peak),
            peakPower: .cited(peak, "epoch-chips", "mlperf-inf-v4.1-sys"),
            scaleUpDomainChips: .estimate(8, "8-GPU OAM platform (the priced server is an 8-GPU listing)",
                                          basis: "epoch-prices"),
            scaleUpBandwidth: .estimate(.gigabytesPerSecond(896), "secondary: 7 Infinity Fabric links × 128 GB/s; unverified"),
            scaleOutBandwidth: .estimate(.gigabitsPerSecond(400),
                                         "unpublished; one 400 Gb/s NIC per GPU assumed, as in contemporary H100 systems",
                                         basis: "mlperf-train-v4.0-sys"),
            chipsPerHost: .estimate(8, "8-GPU server listing", basis: "epoch-prices"),
            hostOverheadPower: PowerEstimate.hostOverhead(peak: peak, chipsPerHost: 8,
                                                          multiplier: PowerEstimate.defaultServerMultiplier,
                                                          why: "Epoch default"),
            topology: .estimate(.xgmiMesh, "fully connected 8-GPU xGMI per secondary sources"),
            price: nil,
            // $25,733.71 per GPU from an 8-GPU server listing, 2025-02-10 [epoch-prices]
            purchasePrice: .cited(Dollars(25_733.71), "epoch-prices", note: "8-GPU server listing ÷ 8, 2025-02-10"))
    }()
}
