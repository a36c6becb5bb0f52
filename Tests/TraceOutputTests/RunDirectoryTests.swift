import Foundation
import Testing
@testable import TraceOutput

@Suite("RunDirectory")
struct RunDirectoryTests {
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-rundir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("results appear at the destination only on commit")
    func commitMovesIntoPlace() throws {
        let parent = try scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let destination = parent.appendingPathComponent("run")
        let directory = try RunDirectory(destination: destination, replacingExisting: false)
        try Data("{}".utf8).write(to: directory.file("summary.json"))
        #expect(!FileManager.default.fileExists(atPath: destination.path))
        try directory.commit()
        #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent("summary.json").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["run"])
    }

    @Test("a discarded run leaves nothing behind")
    func discardLeavesNothing() throws {
        let parent = try scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let directory = try RunDirectory(destination: parent.appendingPathComponent("run"), replacingExisting: false)
        try Data("partial".utf8).write(to: directory.file("trace.json"))
        directory.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty)
    }

    @Test("an existing destination is refused unless replacing is allowed")
    func refusesExisting() throws {
        let parent = try scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let destination = parent.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        #expect(throws: RunDirectory.Failure.self) { try RunDirectory(destination: destination, replacingExisting: false) }
        let replacing = try RunDirectory(destination: destination, replacingExisting: true)
        try Data("new".utf8).write(to: replacing.file("summary.json"))
        try replacing.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path) == ["summary.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["run"])
    }

    @Test("a destination that is a file is refused even with replacing allowed")
    func refusesFile() throws {
        let parent = try scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let destination = parent.appendingPathComponent("run")
        try Data("x".utf8).write(to: destination)
        #expect(throws: RunDirectory.Failure.self) { try RunDirectory(destination: destination, replacingExisting: true) }
    }
}
