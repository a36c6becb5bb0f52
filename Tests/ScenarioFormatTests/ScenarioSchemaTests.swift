import Foundation
import Testing
@testable import ScenarioFormat

@Suite("ScenarioSchema")
struct ScenarioSchemaTests {
    static let scenarios: [URL] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json5") }.sorted().map { folder.appendingPathComponent($0) }
    }()

    @Test("the schema parses back and requires the scenario's required keys")
    func structure() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(ScenarioSchema.text().utf8)) as? [String: Any])
        #expect(Set(schema["required"] as? [String] ?? []) == ["name", "seed", "horizon"])
        let fleet = try #require((schema["properties"] as? [String: Any])?["fleet"] as? [String: Any])
        let pools = try #require((fleet["properties"] as? [String: Any])?["pools"] as? [String: Any])
        let pool = try #require(pools["items"] as? [String: Any])
        #expect(Set(pool["required"] as? [String] ?? []) == ["name", "site", "chip"])
    }

    /// Every key of `node` must be a property of `schema` where the schema is closed.
    private func check(_ node: JSONNode, against schema: [String: Any], path: String, problems: inout [String]) {
        if let members = node.members {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for member in members {
                guard let child = properties[member.key] as? [String: Any] else {
                    if schema["additionalProperties"] as? Bool == false { problems.append("\(path).\(member.key) is not in the schema") }
                    continue
                }
                check(member.value, against: child, path: "\(path).\(member.key)", problems: &problems)
            }
        } else if let elements = node.elements, let items = schema["items"] as? [String: Any] {
            for (index, element) in elements.enumerated() {
                check(element, against: items, path: "\(path)[\(index)]", problems: &problems)
            }
        }
    }

    @Test("every key of every scenario in Scenarios/ is in the schema", arguments: scenarios)
    func scenariosConform(_ url: URL) throws {
        let diagnostics = Diagnostics(file: url.lastPathComponent)
        let root = try #require(JSON5Parser.parse(try String(contentsOf: url, encoding: .utf8), diagnostics: diagnostics))
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(ScenarioSchema.text().utf8)) as? [String: Any])
        var problems: [String] = []
        check(root, against: schema, path: "", problems: &problems)
        #expect(problems.isEmpty, "\(problems)")
    }
}
