import Foundation

/// Reads a text file line by line in fixed-size chunks, so memory stays flat however long the
/// file is. Lines end at `\n` (a trailing `\r` is dropped); a last line without a newline is
/// still returned. Line numbers start at 1.
public struct LineReader: IteratorProtocol {
    private let handle: FileHandle
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var isAtEnd = false
    /// The number of the line most recently returned.
    public private(set) var lineNumber = 0

    /// Opens `path`; throws `InferenceError.unreadableTrace` when it cannot be opened.
    public init(path: String, chunkSize: Int = 1 << 16) throws(InferenceError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableTrace(path: path, reason: "cannot open the file")
        }
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// The next line without its terminator, or nil at the end of the file.
    public mutating func next() -> String? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > position && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                position = newline + 1
                lineNumber += 1
                return line
            }
            if isAtEnd {
                guard position < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                position = buffer.count
                lineNumber += 1
                return line
            }
            refill()
        }
    }

    private mutating func refill() {
        buffer.removeFirst(position)
        position = 0
        let data = (try? handle.read(upToCount: chunkSize)) ?? nil
        if let data, !data.isEmpty {
            buffer.append(contentsOf: data)
        } else {
            isAtEnd = true
            try? handle.close()
        }
    }
}
