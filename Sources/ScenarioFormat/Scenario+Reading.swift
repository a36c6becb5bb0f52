import Fleet
import Scheduling
import SimKernel
import Workloads

/// The schema of the top level of a scenario file, as reading code.
///
/// ```json5
/// {
///   name: "gigawatt-month",            // required, non-empty
///   description: "What does …?",       // optional
///   seed: 42,                           // required, 0 … 18446744073709551615
///   horizon: "30 d",                    // required, positive duration
///   start: "2026-03-08T00:00:00Z",      // optional: when time zero is (sites with series_hours: "local")
///   fleet: { sites: […], chips: […], pools: […], capacity: […] },  // optional; see FleetSchema
///   workloads: { training: […], training_streams: […], inference: […] },  // optional; see WorkloadsSchema
///   scheduler: { policy: "fifo", options: {…} },  // optional; see SchedulerSectionReading
///   power: {}, outputs: {},                 // optional, no keys yet
/// }
/// ```
extension Scenario {
    /// The sections whose contents later versions define, in the order the schema lists them.
    public static let sectionKeys = ["fleet", "workloads", "scheduler", "power", "outputs"]

    /// Reads a whole scenario from the root of a file.
    static func reader(sourceFile: String) -> ValueReader<Scenario> {
        .object("a scenario (an object with name, seed, horizon, …)") { top in
            let name = top.required("name", .nonEmptyString)
            let description = top.optional("description", .string)
            let seed = top.required("seed", .uint64)
            let horizon = top.required("horizon", .duration(.positive))
            let start = top.optional("start", LocalHourSeries.startReader)
            var fleet: FleetReading.Result? = FleetReading.Result(fleet: .empty, chips: [])
            var sections: [String: JSONNode] = [:]
            var workloads: WorkloadsReading.Result? = WorkloadsReading.Result(training: [], streams: [])
            var scheduler: SchedulerSectionReading.Result? = SchedulerSectionReading.Result(policy: "fifo", parameters: PolicyParameters())
            for key in sectionKeys {
                if key == "fleet" {
                    if top.contains(key) { fleet = top.optional(key, FleetReading.reader(horizon: horizon, start: start)) }
                } else if key == "workloads" {
                    guard top.contains(key) else { continue }
                    sections[key] = top.node[key]
                    var catalog: Catalog? = nil
                    if let fleet {
                        var withScenarioChips = Catalog.builtIn
                        for chip in fleet.chips { withScenarioChips.insert(chip) }
                        catalog = withScenarioChips
                    }
                    workloads = top.optional(key, WorkloadsReading.reader(horizon: horizon, seed: seed, catalog: catalog))
                } else if key == "scheduler" {
                    guard top.contains(key) else { continue }
                    sections[key] = top.node[key]
                    scheduler = top.optional(key, SchedulerSectionReading.reader)
                } else {
                    sections[key] = top.optional(key, reservedSection(key))
                }
            }
            top.finish()
            guard let name, let seed, let horizon, let fleet, let workloads, let scheduler else { return nil }
            var scenario = Scenario(
                sourceFile: sourceFile, name: name, description: description, seed: seed, horizon: horizon,
                fleet: fleet.fleet, chips: fleet.chips, workloads: sections["workloads"], scheduler: sections["scheduler"],
                power: sections["power"], outputs: sections["outputs"],
                training: workloads.training, trainingStreams: workloads.streams, policy: scheduler.policy,
                inference: workloads.inference)
            scenario.policyParameters = scheduler.parameters
            return scenario
        }
    }

    /// A section that must be an object and, in this version, takes no keys.
    private static func reservedSection(_ key: String) -> ValueReader<JSONNode> {
        .object("an object (the '\(key)' section)") { section in
            section.finish(note: "the '\(key)' section takes no keys yet in this version")
            return section.node
        }
    }
}
