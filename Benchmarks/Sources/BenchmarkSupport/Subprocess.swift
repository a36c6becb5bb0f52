import Foundation

/// Runs a program to completion and captures what it prints (standard output and error
/// together), for the harness's short helper commands (cc, git, pip).
public enum Subprocess {
    public struct Failure: Error, CustomStringConvertible {
        public var command: String
        public var status: Int32
        public var output: String
        public var description: String { "`\(command)` exited with status \(status): \(output.suffix(2_000))" }
    }

    /// The exit status and output of `path arguments`.
    public static func run(_ path: String, _ arguments: [String], directory: URL? = nil,
                           environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The output of a command that must succeed.
    public static func output(_ path: String, _ arguments: [String], directory: URL? = nil,
                              environment: [String: String]? = nil) throws -> String {
        let (status, output) = try run(path, arguments, directory: directory, environment: environment)
        guard status == 0 else { throw Failure(command: ([path] + arguments).joined(separator: " "), status: status, output: output) }
        return output
    }
}
