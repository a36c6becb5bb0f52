import Foundation
import ScenarioFormat

/// Loads a scenario file for a command, turning every problem into a `CommandFailure` that
/// prints one diagnostic per line and exits 65.
enum ScenarioInput {
    static func load(_ path: String, baseDirectory: String? = nil) throws -> Scenario {
        do {
            return try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: path), displayName: path,
                                           baseDirectory: baseDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) })
        } catch {
            throw CommandFailure.diagnostics(error.renderedLines)
        }
    }
}
