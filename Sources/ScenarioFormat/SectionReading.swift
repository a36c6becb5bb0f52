/// What the readers of the scenario's sections (`fleet`, `workloads`) share: they read field by
/// field, report every problem, and remember whether any value was bad, so the section yields
/// no value (rather than a half-read one) while every problem is still reported.
protocol SectionReading: AnyObject {
    /// Records that the section cannot produce a value; the error itself is reported by the caller.
    func invalidate()
}

extension SectionReading {
    /// Reports an error and marks the section invalid.
    func error(_ message: String, at node: JSONNode, in context: ReadContext) {
        context.error(message, at: node.location)
        invalidate()
    }

    /// Reads `key` with `reader`, marking the section invalid when the value is bad.
    func optional<T>(_ object: ObjectReader, _ key: String, _ reader: ValueReader<T>) -> T? {
        let value = object.optional(key, reader)
        if value == nil && object.node[key] != nil { invalidate() }
        return value
    }

    /// Reads required `key` with `reader`, marking the section invalid when it is missing or bad.
    func required<T>(_ object: ObjectReader, _ key: String, _ reader: ValueReader<T>) -> T? {
        let value = object.required(key, reader)
        if value == nil { invalidate() }
        return value
    }
}
