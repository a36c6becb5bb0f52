// swift-tools-version:6.0
// Gigawatt: a discrete-event simulator of AI accelerator fleets.
// No package dependencies: Foundation, Dispatch and the toolchain's test frameworks only.
import PackageDescription

let package = Package(
    name: "Gigawatt",
    products: [
        .library(name: "Gigawatt", targets: ["Gigawatt", "ScenarioFormat", "TraceOutput"]),
        .executable(name: "gigawatt", targets: ["GigawattCLI"]),
        .executable(name: "gigawatt-bench", targets: ["GigawattBench"]),
    ],
    targets: [
        // Layers, bottom to top; dependencies point down only (see DESIGN.md).
        .target(name: "SimKernel"),
        .target(name: "Fleet", dependencies: ["SimKernel"]),
        .target(name: "Workloads", dependencies: ["Fleet", "SimKernel"]),
        .target(name: "Scheduling", dependencies: ["Workloads", "Fleet", "SimKernel"]),
        .target(name: "ScenarioFormat", dependencies: ["Scheduling", "Workloads", "Fleet", "SimKernel"]),
        .target(name: "Gigawatt", dependencies: ["ScenarioFormat", "Scheduling", "Workloads", "Fleet", "SimKernel"]),
        .target(name: "TraceOutput", dependencies: ["Gigawatt", "ScenarioFormat", "Fleet", "SimKernel"]),
        // Sweeps: many points (axes × seeds) of one base scenario, run as child processes, sharded, merged.
        .target(name: "Sweeps", dependencies: ["TraceOutput", "Gigawatt", "ScenarioFormat"]),
        .executableTarget(
            name: "GigawattCLI",
            dependencies: ["Sweeps", "TraceOutput", "Gigawatt", "ScenarioFormat", "Workloads", "Fleet", "SimKernel"]
        ),
        .executableTarget(
            name: "GigawattBench",
            dependencies: ["BenchmarkLadders", "BenchmarkSupport", "Gigawatt", "ScenarioFormat", "Scheduling", "Workloads", "Fleet", "SimKernel"],
            path: "Benchmarks/Sources/gigawatt-bench"
        ),
        // The benchmark harness's building blocks (statistics, machine facts, result files, the
        // report) and its scenario ladders; see Benchmarks/README.md.
        .target(name: "BenchmarkSupport", path: "Benchmarks/Sources/BenchmarkSupport"),
        .target(name: "BenchmarkLadders", dependencies: ["BenchmarkSupport", "TraceOutput", "Gigawatt", "ScenarioFormat"],
                path: "Benchmarks/Sources/BenchmarkLadders"),

        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"]),
        .testTarget(name: "FleetTests", dependencies: ["Fleet"]),
        .testTarget(name: "WorkloadsTests", dependencies: ["Workloads"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"]),
        .testTarget(name: "ScenarioFormatTests", dependencies: ["ScenarioFormat"]),
        .testTarget(name: "GigawattTests", dependencies: ["Gigawatt", "ScenarioFormat", "Fleet"]),
        .testTarget(name: "TraceOutputTests", dependencies: ["TraceOutput", "Gigawatt", "ScenarioFormat", "Workloads"]),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "ScenarioFormat"]),
        // Runs the built `gigawatt` executable on real scenario files (swift test builds it).
        .testTarget(name: "EndToEndTests"),
        .testTarget(name: "BenchmarkSupportTests", dependencies: ["BenchmarkSupport"], path: "Benchmarks/Tests/BenchmarkSupportTests"),
        // Deterministic counters of small ladder rungs against Benchmarks/counters.json.
        .testTarget(name: "BenchmarkCountersTests", dependencies: ["BenchmarkLadders"], path: "Benchmarks/Tests/BenchmarkCountersTests"),
    ],
    swiftLanguageModes: [.v6]
)
