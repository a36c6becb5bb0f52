import Foundation

/// Reads scenario files: text in, a validated `Scenario` or every problem out.
///
/// Nothing runs until the whole file is valid, so loading reports all problems at once:
/// syntax errors (which stop parsing), duplicate keys, unknown keys, wrong types, bad units
/// and out-of-range values. File names in messages are the ones the caller gave, so a user who
/// typed a relative path sees a relative path.
public enum ScenarioLoader {
    /// The outcome of checking a file: the scenario if it is valid, and every diagnostic
    /// (warnings too, which do not make a file invalid).
    public struct Report: Sendable {
        /// The scenario; nil when there was at least one error.
        public let scenario: Scenario?
        /// Every problem, in file order.
        public let diagnostics: [Diagnostic]
    }

    /// Loads the scenario at `url`. Messages name the file `displayName` (pass the path the
    /// user typed) or, by default, `URL.relativePath`, which stays relative if the URL was made
    /// from a relative path.
    /// Files the scenario names are read relative to `baseDirectory`, by default the file's own
    /// folder (a sweep runs a generated copy of a scenario with the original's folder).
    /// - Throws: `ScenarioError.unreadable` or `ScenarioError.invalid`.
    public static func load(contentsOf url: URL, displayName: String? = nil, baseDirectory: URL? = nil) throws(ScenarioError) -> Scenario {
        let fileName = displayName ?? (url.isFileURL ? url.relativePath : url.absoluteString)
        let report = check(text: try readText(url, fileName: fileName), fileName: fileName,
                           baseDirectory: baseDirectory ?? url.deletingLastPathComponent())
        guard let scenario = report.scenario else { throw .invalid(report.diagnostics) }
        return scenario
    }

    /// Parses and validates `text`, naming it `fileName` in messages.
    /// - Throws: `ScenarioError.invalid` with every problem, if there is any error.
    public static func parse(text: String, fileName: String) throws(ScenarioError) -> Scenario {
        let report = check(text: text, fileName: fileName)
        guard let scenario = report.scenario else { throw .invalid(report.diagnostics) }
        return scenario
    }

    /// Parses and validates `text` without throwing, for `gigawatt validate` and editors.
    /// Files the scenario names (CSV series) are read relative to `baseDirectory`, or to the
    /// working directory when it is nil.
    public static func check(text: String, fileName: String, baseDirectory: URL? = nil) -> Report {
        let diagnostics = Diagnostics(file: fileName)
        var scenario: Scenario?
        if let root = JSON5Parser.parse(text, diagnostics: diagnostics) {
            scenario = Scenario.reader(sourceFile: fileName).read(
                root, in: ReadContext(diagnostics: diagnostics, baseDirectory: baseDirectory))
        }
        let all = diagnostics.all
        if diagnostics.hasErrors {
            scenario = nil
        } else {
            scenario = scenario?.with(warnings: all)
        }
        return Report(scenario: scenario, diagnostics: all)
    }

    /// The file's text, or `unreadable` with a reason that names no absolute path.
    private static func readText(_ url: URL, fileName: String) throws(ScenarioError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch let error as CocoaError {
            let reason = switch error.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: "no such file"
            case .fileReadNoPermission: "permission denied"
            default: "the file could not be read"
            }
            throw .unreadable(file: fileName, reason: reason)
        } catch {
            throw .unreadable(file: fileName, reason: "the file could not be read")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(data)
            throw .unreadable(file: fileName, reason: "not UTF-8 text (invalid byte at offset \(offset))")
        }
        return text
    }

    /// The byte offset of the first byte that is not part of valid UTF-8.
    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return offset
    }
}
