import Foundation

/// Appends text to a file through a fixed-size buffer: output streams while the run goes on and
/// memory does not grow with the length of the trace.
final class BufferedFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity: Int
    private(set) var bytesWritten = 0

    init(url: URL, capacity: Int = 1 << 16) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.lastPathComponent])
        }
        handle = try FileHandle(forWritingTo: url)
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}
