import Foundation
import ScenarioFormat

/// Reads a sweep file (JSON5):
///
/// ```json5
/// {
///   name: "stream-policy",                  // optional; default: the file name
///   base: "../stream-base.json5",           // the scenario every point starts from (relative to this file)
///   axes: [
///     { field: "scheduler.policy", values: ["fifo", "easy-backfill"] },
///     { field: "fleet.pools[name=gpus].hosts", name: "gpus", range: { from: 16, to: 64, step: 16 } },
///     { field: "fleet.sites[0].power_cap", range: { from: 100, to: 300, step: 100, unit: "kW" } },
///   ],
///   combine: "product",                     // or "zip"; default product
///   seeds: [1, 2, 3],                       // or a count: seeds: 3 means 1, 2, 3; default: the base's seed
///   metrics: ["energy.cost_usd", "training.jobs[].queue_wait_s"],   // optional; default SweepMetric.defaults
/// }
/// ```
///
/// Like scenarios, every problem is reported at once with file:line:column and field path, and
/// the base scenario must itself be valid. Whether each point is a valid scenario is checked
/// separately (`SweepPlan.validate`), because that needs the points.
public enum SweepFileReader {
    public static func load(contentsOf url: URL, displayName: String? = nil) throws(ScenarioError) -> SweepDefinition {
        let file = displayName ?? url.relativePath
        let text = try readText(url, displayName: file)
        return try parse(text: text, fileName: file, directory: url.deletingLastPathComponent())
    }

    /// Parses a sweep file's text; `directory` is where `base` is looked up.
    public static func parse(text: String, fileName: String, directory: URL) throws(ScenarioError) -> SweepDefinition {
        let diagnostics = Diagnostics(file: fileName)
        guard let root = JSON5Parser.parse(text, diagnostics: diagnostics) else { throw .invalid(diagnostics.all) }
        let context = ReadContext(diagnostics: diagnostics, baseDirectory: directory)
        guard case .object = root.kind else {
            context.mismatch(expected: "a sweep (an object with base, axes, seeds)", got: root)
            throw .invalid(diagnostics.all)
        }
        let r = ObjectReader(root, context: context)
        let defaultName = URL(fileURLWithPath: fileName).deletingPathExtension().lastPathComponent
        let name = r.optional("name", .nonEmptyString) ?? defaultName
        let basePath = r.required("base", .nonEmptyString)
        let combination = r.optional("combine", .choice(SweepCombination.self, of: "combination")) ?? .product
        let seedsNode = r.member("seeds")?.value
        let axesNode = r.member("axes")?.value
        let metrics = r.optional("metrics", .array(of: metricReader, nonEmpty: true)) ?? SweepMetric.defaults
        r.finish()

        // The base scenario: valid on its own, and its tree for the points.
        var base: (node: JSONNode, seed: UInt64, display: String, directory: URL)?
        if let basePath, let member = r.member("base") {
            base = loadBase(basePath, sweepFile: fileName, directory: directory, at: member.value, in: context.appending("base"))
        }
        let seeds = readSeeds(seedsNode, defaultSeed: base?.seed, in: context.appending("seeds"))
        var axes: [SweepAxis] = []
        if let axesNode {
            axes = readAxes(axesNode, base: base?.node, in: context.appending("axes")) ?? []
        }
        if combination == .zip, let first = axes.first, let odd = axes.first(where: { $0.values.count != first.values.count }) {
            context.appending("combine").error(
                "zip needs every axis to have the same number of values; '\(first.name)' has \(first.values.count), '\(odd.name)' has \(odd.values.count)",
                at: r.member("combine")?.value.location ?? root.location)
        }
        guard !diagnostics.hasErrors, let base, let seeds else { throw .invalid(diagnostics.all) }
        return SweepDefinition(name: name, file: fileName, baseFile: base.display, baseDirectory: base.directory, base: base.node,
                               axes: axes, combination: combination, seeds: seeds, metrics: metrics,
                               baseLocation: r.member("base")?.value.location ?? .start)
    }

    private static let metricReader = ValueReader<SweepMetric>(expecting: "a summary.json path such as \"energy.cost_usd\"") { node, context in
        guard let text = node.string else {
            context.mismatch(expected: "a summary.json path such as \"energy.cost_usd\"", got: node)
            return nil
        }
        switch SweepMetric.parse(text) {
        case .success(let metric): return metric
        case .failure(let problem):
            context.error("'\(text)': \(problem)", at: node.location)
            return nil
        }
    }

    private static func loadBase(_ path: String, sweepFile: String, directory: URL, at node: JSONNode,
                                 in context: ReadContext) -> (JSONNode, UInt64, String, URL)? {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        let sweepFolder = (sweepFile as NSString).deletingLastPathComponent
        let display = path.hasPrefix("/") || sweepFolder.isEmpty ? path : sweepFolder + "/" + path
        let text: String
        do {
            text = try readText(url, displayName: display)
        } catch {
            let reason = if case .unreadable(_, let reason) = error { reason } else { "unreadable" }
            context.error("cannot read the base scenario \(display): \(reason)", at: node.location)
            return nil
        }
        let report = ScenarioLoader.check(text: text, fileName: display, baseDirectory: url.deletingLastPathComponent())
        guard let scenario = report.scenario else {
            context.error("the base scenario \(display) is invalid (its problems follow)", at: node.location)
            for diagnostic in report.diagnostics { context.diagnostics.report(diagnostic) }
            return nil
        }
        let tree = JSON5Parser.parse(text, diagnostics: Diagnostics(file: display))!
        return (tree, scenario.seed, display, url.deletingLastPathComponent())
    }

    private static func readSeeds(_ node: JSONNode?, defaultSeed: UInt64?, in context: ReadContext) -> [UInt64]? {
        guard let node else { return defaultSeed.map { [$0] } }
        if let count = node.number {
            guard let n = count.int64Value, n >= 1, n <= 1_000_000 else {
                context.rejected(expected: "a seed count from 1 to 1000000, or a list of seeds", got: node)
                return nil
            }
            return (1...UInt64(n)).map { $0 }
        }
        guard let seeds = ValueReader<[UInt64]>.array(of: .uint64, nonEmpty: true).read(node, in: context) else { return nil }
        if let (index, seed) = seeds.enumerated().first(where: { seeds[..<$0.offset].contains($0.element) }) {
            context.appending(index: index).error("seed \(seed) is listed twice", at: node.elements![index].location)
            return nil
        }
        return seeds
    }

    private static func readAxes(_ node: JSONNode, base: JSONNode?, in context: ReadContext) -> [SweepAxis]? {
        guard let elements = node.elements else {
            context.mismatch(expected: "an array of axes ({ field, values } or { field, range })", got: node)
            return nil
        }
        var axes: [SweepAxis] = []
        for (index, element) in elements.enumerated() {
            let axisContext = context.appending(index: index)
            guard case .object = element.kind else {
                axisContext.mismatch(expected: "an axis (an object with field and values or range)", got: element)
                continue
            }
            let r = ObjectReader(element, context: axisContext)
            let pathText = r.required("field", .nonEmptyString)
            let givenName = r.optional("name", .nonEmptyString)
            let valuesNode = r.member("values")?.value
            let rangeNode = r.member("range")?.value
            r.finish()
            var values: [SweepValue]?
            switch (valuesNode, rangeNode) {
            case (let list?, nil): values = readValues(list, in: axisContext.appending("values"))
            case (nil, let range?): values = readRange(range, in: axisContext.appending("range"))
            case (_?, let range?):
                axisContext.appending("range").error("give either 'values' or 'range', not both", at: range.location)
            case (nil, nil):
                axisContext.error("missing required key 'values' or 'range' (the values this axis takes)", at: element.location)
            }
            guard let pathText, let pathNode = element["field"] else { continue }
            let path: FieldPath
            switch AxisPath.parse(pathText).flatMap({ parsed in base.map { parsed.resolved(in: $0) } ?? .success(.root) }) {
            case .success(let resolved): path = resolved
            case .failure(let problem):
                axisContext.appending("field").error("'\(pathText)': \(problem)", at: pathNode.location)
                continue
            }
            let axisName = givenName ?? (try? AxisPath.parse(pathText).get())?.lastKey ?? pathText
            if axisName == "seed" || axisName == "point" {
                axisContext.error("'\(axisName)' is a column of its own in sweep.csv; give this axis another 'name'", at: element.location)
                continue
            }
            if axes.contains(where: { $0.name == axisName }) {
                axisContext.error("two axes are named '\(axisName)'; give one of them a 'name'", at: element.location)
                continue
            }
            if let other = axes.first(where: { $0.path == path }), base != nil {
                axisContext.appending("field").error("axis '\(other.name)' already sets \(path)", at: pathNode.location)
                continue
            }
            if let values {
                if let clash = Self.firstLabelClash(values) {
                    axisContext.error("values \(clash.0) and \(clash.1) give the same id text '\(SweepPoint.sanitised(clash.0))'; point ids must differ",
                                      at: element.location)
                    continue
                }
                axes.append(SweepAxis(name: axisName, pathText: pathText, path: path, values: values))
            }
        }
        return axes
    }

    private static func firstLabelClash(_ values: [SweepValue]) -> (String, String)? {
        var seen: [String: String] = [:]
        for value in values {
            let key = SweepPoint.sanitised(value.label)
            if let earlier = seen[key] { return (earlier, value.label) }
            seen[key] = value.label
        }
        return nil
    }

    private static func readValues(_ node: JSONNode, in context: ReadContext) -> [SweepValue]? {
        guard let elements = node.elements, !elements.isEmpty else {
            context.mismatch(expected: "a non-empty array of values", got: node)
            return nil
        }
        return elements.map { SweepValue(node: $0, location: $0.location) }
    }

    /// `{ from, to, step, unit? }`: from, from + step, … up to and including `to` (within a
    /// millionth of a step, so 0.1-steps reach their end), each written with as many decimals as
    /// the most precise of the three literals, so labels read `0.3`, not `0.30000000000000004`.
    private static func readRange(_ node: JSONNode, in context: ReadContext) -> [SweepValue]? {
        guard case .object = node.kind else {
            context.mismatch(expected: "a range (an object with from, to, step and optionally unit)", got: node)
            return nil
        }
        let r = ObjectReader(node, context: context)
        let from = r.required("from", .number)
        let to = r.required("to", .number)
        let step = r.required("step", .number(.positive))
        let unit = r.optional("unit", .nonEmptyString)
        r.finish()
        guard let from, let to, let step else { return nil }
        guard to >= from else {
            context.appending("to").error("'to' (\(to)) is below 'from' (\(from))", at: node["to"]!.location)
            return nil
        }
        let count = Int(((to - from) / step + 1e-6).rounded(.down)) + 1
        guard count <= 10_000 else {
            context.appending("step").error("the range has \(count) values; at most 10000", at: node["step"]!.location)
            return nil
        }
        let decimals = ["from", "to", "step"].compactMap { node[$0]?.number?.literal }.map { literal -> Int in
            guard let dot = literal.firstIndex(of: "."), !literal.lowercased().contains("e") else { return 0 }
            return literal.distance(from: dot, to: literal.endIndex) - 1
        }.max() ?? 0
        return (0..<count).map { index in
            let number = String(format: "%.\(decimals)f", from + Double(index) * step)
            let kind: JSONNode.Kind = unit.map { .string(number + " " + $0) } ?? .number(JSONNumber(literal: number))
            return SweepValue(node: JSONNode(kind, at: node.location), location: node.location)
        }
    }

    private static func readText(_ url: URL, displayName: String) throws(ScenarioError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw .unreadable(file: displayName, reason: exists ? "the file could not be read" : "no such file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .unreadable(file: displayName, reason: "not UTF-8 text")
        }
        return text
    }
}
