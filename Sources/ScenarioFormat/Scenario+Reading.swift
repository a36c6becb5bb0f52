import Fleet
import SimKernel

/// The schema of the top level of a scenario file, as reading code.
///
/// ```json5
/// {
///   name: "gigawatt-month",            // required, non-empty
///   description: "What does …?",       // optional
///   seed: 42,                           // required, 0 … 18446744073709551615
///   horizon: "30 d",                    // required, positive duration
///   fleet: { sites: […], chips: […], pools: […], capacity: […] },  // optional; see FleetSchema
///   workloads: {}, scheduler: {}, power: {}, outputs: {},  // optional, no keys yet
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
            var fleet: FleetReading.Result? = FleetReading.Result(fleet: .empty, chips: [])
            var sections: [String: JSONNode] = [:]
            for key in sectionKeys {
                if key == "fleet" {
                    if top.contains(key) { fleet = top.optional(key, FleetReading.reader(horizon: horizon)) }
                } else {
                    sections[key] = top.optional(key, reservedSection(key))
                }
            }
            top.finish()
            guard let name, let seed, let horizon, let fleet else { return nil }
            return Scenario(
                sourceFile: sourceFile, name: name, description: description, seed: seed, horizon: horizon,
                fleet: fleet.fleet, chips: fleet.chips, workloads: sections["workloads"], scheduler: sections["scheduler"],
                power: sections["power"], outputs: sections["outputs"])
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
