import BenchmarkSupport
import Fleet
import Foundation
import ScenarioFormat

/// Reads a fleet scenario and builds everything the simulation derives from it (chip numbering,
/// power trees, link table), timing the whole and reporting peak memory.
///
/// Target (issue "Fleet"): a 1,048,576-chip fleet builds in under 2 s and under 1 GiB.
struct FleetBenchmark {
    var scenarioPath: String
    var repetitions: Int

    func run() throws {
        let url = URL(fileURLWithPath: scenarioPath)
        var walls: [Double] = []
        var last: (chips: Int, pools: Int, sites: Int, links: Int, hosts: Int, peakMW: Double)?
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            let scenario = try ScenarioLoader.load(contentsOf: url)
            let fleet = scenario.fleet
            let trees = fleet.powerTrees()
            let links = fleet.links()
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            walls.append(wall)
            let hosts = trees.reduce(0) { $0 + $1.count(of: .host) }
            let peak = trees.reduce(0.0) { $0 + $1.hardwareMaximum.value }
            last = (fleet.totalChips, fleet.pools.count, fleet.sites.count, links.count, hosts, peak / 1e6)
        }
        guard let last else { return }
        let peakRSS = ProcessMemory.peakResidentText()
        print("fleet: \(scenarioPath)")
        print("  chips \(last.chips), pools \(last.pools), sites \(last.sites), hosts \(last.hosts), link entries \(last.links), hardware maximum \(String(format: "%.1f", last.peakMW)) MW (IT)")
        print("  read + build: median \(String(format: "%.3f", median(walls))) s, min \(String(format: "%.3f", walls.min()!)) s over \(repetitions) runs (target < 2 s)")
        print("  peak RSS of the benchmark process: \(peakRSS) (target < 1 GiB)")
    }
}
