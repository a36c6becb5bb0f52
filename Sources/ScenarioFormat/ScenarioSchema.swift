import Foundation
import Scheduling

/// A JSON Schema (draft 2020-12) of scenario files, for editors: key completion, and unknown or
/// missing keys flagged as you type. Built from the same key lists the readers are checked
/// against (`FleetSchema`), so it cannot drift from what `gigawatt validate` accepts.
///
/// Values are described, not typed: quantities are strings with units *or* numbers, and the
/// full rules (units, ranges, cross-references) are `gigawatt validate`'s. Keys of a pool's size
/// group (`chips`, `pods`, `hosts`, …) are listed as optional here, and the `workloads` section
/// is described by its top-level keys only.
public enum ScenarioSchema {
    /// The schema as a JSON object (`[String: Any]`, ready for `JSONSerialization`).
    public static func document() -> [String: Any] {
        var root = object(keys: [
            ("name", "a non-empty string", true),
            ("description", "a string", false),
            ("seed", "an unsigned 64-bit integer", true),
            ("horizon", "a positive duration such as \"30 d\"", true),
            ("start", "an ISO 8601 instant such as \"2026-03-08T00:00:00Z\": when simulation time zero is (for series by local hour)", false),
        ])
        var properties = root["properties"] as! [String: Any]
        properties["fleet"] = fleetObject(at: "fleet")
        properties["workloads"] = object(keys: [
            ("training", "an array of training jobs (see the README)", false),
            ("training_streams", "an array of training job streams (see the README)", false),
            ("inference", "an array of inference services", false),
        ], closed: false)
        var workloads = properties["workloads"] as! [String: Any]
        var workloadProperties = workloads["properties"] as! [String: Any]
        workloadProperties["inference"] = ["type": "array", "description": "an array of inference services",
                                           "items": keyedObject(at: "inference[]", keys: InferenceSchema.keys)]
        workloads["properties"] = workloadProperties
        properties["workloads"] = workloads
        var scheduler = object(keys: [("policy", "a scheduling policy name: " + PolicyRegistry.names.joined(separator: ", "), false),
                                      ("options", "the policy's options (see the README)", false)])
        var schedulerProperties = scheduler["properties"] as! [String: Any]
        schedulerProperties["options"] = object(keys: SchedulerSectionReading.optionKeys.map { key in
            (key, "an option of " + PolicyRegistry.entries.filter { $0.optionKeys.contains(key) }.map(\.name).joined(separator: ", "), false)
        })
        scheduler["properties"] = schedulerProperties
        properties["scheduler"] = scheduler
        properties["power"] = ["type": "object", "description": "reserved: takes no keys in this version"]
        properties["outputs"] = ["type": "object", "description": "reserved: takes no keys in this version"]
        root["properties"] = properties
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["title"] = "Gigawatt scenario"
        return root
    }

    /// The object at `path` in `FleetSchema`, with nested objects and arrays of objects filled in.
    private static func fleetObject(at path: String) -> [String: Any] {
        guard let keys = FleetSchema.keys(at: path) else { return ["type": "object"] }
        var schema = object(keys: keys.map { ($0.name, $0.expectation + ($0.note.map { " (\($0))" } ?? ""), $0.requirement == .required) })
        var properties = schema["properties"] as! [String: Any]
        for key in keys {
            if FleetSchema.keys(at: "\(path).\(key.name)[]") != nil {
                properties[key.name] = ["type": "array", "description": key.expectation,
                                        "items": fleetObject(at: "\(path).\(key.name)[]")]
            } else if FleetSchema.keys(at: "\(path).\(key.name)") != nil {
                properties[key.name] = fleetObject(at: "\(path).\(key.name)")
            }
        }
        schema["properties"] = properties
        return schema
    }

    /// The object at `path` of a key table (`keys(path)`), with nested objects filled in.
    private static func keyedObject(at path: String, keys table: (String) -> [ScenarioKey]?) -> [String: Any] {
        guard let keys = table(path) else { return ["type": "object"] }
        var schema = object(keys: keys.map { ($0.name, $0.expectation + ($0.note.map { " (\($0))" } ?? ""), $0.requirement == .required) })
        var properties = schema["properties"] as! [String: Any]
        for key in keys {
            if table("\(path).\(key.name)[]") != nil {
                properties[key.name] = ["type": "array", "description": key.expectation,
                                        "items": keyedObject(at: "\(path).\(key.name)[]", keys: table)]
            } else if table("\(path).\(key.name)") != nil {
                properties[key.name] = keyedObject(at: "\(path).\(key.name)", keys: table)
            }
        }
        schema["properties"] = properties
        return schema
    }

    private static func object(keys: [(name: String, description: String, isRequired: Bool)], closed: Bool = true) -> [String: Any] {
        var properties: [String: Any] = [:]
        for key in keys { properties[key.name] = ["description": key.description] }
        var schema: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": !closed]
        let required = keys.filter(\.isRequired).map(\.name)
        if !required.isEmpty { schema["required"] = required }
        return schema
    }

    /// The schema as pretty, sorted JSON text.
    public static func text() -> String {
        let data = try! JSONSerialization.data(withJSONObject: document(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
