import Fleet
import SimKernel
import Workloads

/// Reads the `workloads` section: explicit training jobs (`training`) and job streams
/// (`training_streams`). Keys and shapes are listed in `WorkloadsSchema`.
///
/// and inference services (`inference`, see `InferenceSchema`). Every entry is read even
/// after a bad one; the section yields a value only when all are valid.
final class WorkloadsReading: SectionReading {
    /// The section's value.
    struct Result: Sendable {
        var training: [TrainingJobSpec]
        var streams: [TrainingJobStream]
        var inference: [InferenceServiceSpec] = []
    }

    let context: ReadContext
    let horizon: SimDuration?
    let seed: UInt64?
    /// The catalog chip ids are checked against; nil when the fleet section was invalid (then
    /// chip names are not checked, to avoid reporting one mistake twice).
    let catalog: Catalog?
    private var isValid = true
    /// Names of jobs and streams so far, with where they were first written.
    var names: [String: SourcePosition] = [:]

    init(context: ReadContext, horizon: SimDuration?, seed: UInt64?, catalog: Catalog?) {
        self.context = context
        self.horizon = horizon
        self.seed = seed
        self.catalog = catalog
    }

    static func reader(horizon: SimDuration?, seed: UInt64?, catalog: Catalog?) -> ValueReader<Result> {
        .object("an object (the 'workloads' section: training, training_streams, inference)") { section in
            WorkloadsReading(context: section.context, horizon: horizon, seed: seed, catalog: catalog).read(section)
        }
    }

    private func read(_ section: ObjectReader) -> Result? {
        var training: [TrainingJobSpec] = []
        forEachObject(in: section, key: "training", expecting: "a training job (an object with name, model, chips, tokens, …)") { job in
            if let spec = readJob(job) { training.append(spec) }
        }
        var streams: [TrainingJobStream] = []
        forEachObject(in: section, key: "training_streams", expecting: "a training job stream (an object with name, template, and count or trace)") { stream in
            if let value = readStream(stream) { streams.append(value) }
        }
        var inference: [InferenceServiceSpec] = []
        forEachObject(in: section, key: "inference", expecting: "an inference service (an object with name, model, replicas, requests, …)") { service in
            if let spec = readService(service) { inference.append(spec) }
        }
        section.finish()
        guard isValid else { return nil }
        return Result(training: training, streams: streams, inference: inference)
    }

    // MARK: Helpers

    /// Records that the section cannot produce a value; the error itself is reported by the caller.
    func invalidate() { isValid = false }

    /// Reads a nested object at `key` with `body`, or nil when absent (or not an object, reported).
    func nested<T>(_ object: ObjectReader, _ key: String, expecting: String, _ body: (ObjectReader) -> T?) -> T?? {
        guard let member = object.member(key) else { return .none }
        let nestedContext = object.context.appending(key)
        guard case .object = member.value.kind else {
            error("expected \(expecting), got \(member.value.valueSummary)", at: member.value, in: nestedContext)
            return .some(nil)
        }
        let reader = ObjectReader(member.value, context: nestedContext)
        let value = body(reader)
        if !reader.isFinished { reader.finish() }
        return .some(value)
    }

    /// Reads `key` as an array of objects, calling `body` with a reader for each element.
    func forEachObject(in section: ObjectReader, key: String, expecting: String, _ body: (ObjectReader) -> Void) {
        guard let member = section.member(key) else { return }
        let arrayContext = section.context.appending(key)
        guard let elements = member.value.elements else {
            error("expected an array of " + plural(expecting) + ", got \(member.value.valueSummary)", at: member.value, in: arrayContext)
            return
        }
        for (index, element) in elements.enumerated() {
            let elementContext = arrayContext.appending(index: index)
            guard case .object = element.kind else {
                error("expected \(expecting), got \(element.valueSummary)", at: element, in: elementContext)
                continue
            }
            let reader = ObjectReader(element, context: elementContext)
            body(reader)
            if !reader.isFinished { reader.finish() }
        }
    }

    /// Registers a job or stream name; a second use is an error pointing at the first.
    func register(name: String, at node: JSONNode, in context: ReadContext) {
        if let first = names[name] {
            error("duplicate job or stream name '\(name)' (first defined at \(first)); each name must be unique",
                  at: node, in: context)
        } else {
            names[name] = node.location
        }
    }

    /// Reports `issues` in `TrainingJob.issues()` form (`field.path: message`) at the node that
    /// field path names inside `object`, or at the object when the field is not written there.
    func report(issues: [String], in object: ObjectReader, prefix: String = "") {
        for issue in issues {
            var node = object.node
            var context = object.context
            var message = issue
            if let colon = issue.range(of: ": ") {
                let path = issue[..<colon.lowerBound].split(separator: ".").map(String.init)
                var consumed = 0
                while consumed < path.count, let child = node[path[consumed]] {
                    node = child
                    context = context.appending(path[consumed])
                    consumed += 1
                }
                let rest = path[consumed...].joined(separator: ".")
                message = (rest.isEmpty ? "" : rest + ": ") + issue[colon.upperBound...]
            }
            error(prefix + message, at: node, in: context)
        }
    }
}
