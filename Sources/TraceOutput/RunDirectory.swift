import Foundation

/// An output directory that appears complete or not at all.
///
/// Files are written into a hidden staging directory beside the destination (same parent, so the
/// final rename stays on one file system and is atomic). `commit` renames it into place; a run
/// that fails or is interrupted calls `discard`, and the destination is never half-written. An
/// existing destination is replaced only when asked, and even then the old results are moved
/// aside first and deleted only after the new ones are in place.
public final class RunDirectory {
    /// Where the results will be once committed.
    public let destination: URL
    /// Where files are written until then.
    public let staging: URL
    private let replacesExisting: Bool
    private var isOpen = true

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case destinationExists(String)
        case destinationIsFile(String)
        case cannotCreate(String, reason: String)
        case cannotCommit(String, reason: String)

        public var description: String {
            switch self {
            case .destinationExists(let path):
                return "output directory \(path) already exists; pass --force to replace it, or choose another --out"
            case .destinationIsFile(let path):
                return "output path \(path) is a file, not a directory"
            case .cannotCreate(let path, let reason):
                return "cannot create output directory \(path): \(reason)"
            case .cannotCommit(let path, let reason):
                return "cannot move results into \(path): \(reason)"
            }
        }
    }

    /// Opens a staging directory for `destination`.
    /// - Parameter replacingExisting: whether an existing destination may be replaced on commit.
    /// - Throws: `Failure.destinationExists` if it exists and may not be replaced.
    public init(destination: URL, replacingExisting: Bool) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Failure.destinationIsFile(destination.relativePath) }
            guard replacingExisting else { throw Failure.destinationExists(destination.relativePath) }
        }
        self.destination = destination
        self.replacesExisting = replacingExisting
        let parent = destination.deletingLastPathComponent()
        self.staging = parent.appendingPathComponent(".\(destination.lastPathComponent).partial-\(getpid())")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: staging)  // a leftover of a killed run with our pid
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw Failure.cannotCreate(destination.relativePath, reason: error.localizedDescription)
        }
    }

    /// The staging URL of a file called `name`.
    public func file(_ name: String) -> URL { staging.appendingPathComponent(name) }

    /// Moves the staged files into place.
    public func commit() throws {
        precondition(isOpen, "RunDirectory committed or discarded twice")
        isOpen = false
        let fileManager = FileManager.default
        var displaced: URL?
        if fileManager.fileExists(atPath: destination.path) {
            precondition(replacesExisting, "destination appeared during the run")
            let aside = destination.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).replaced-\(getpid())")
            do {
                try? fileManager.removeItem(at: aside)
                try fileManager.moveItem(at: destination, to: aside)
                displaced = aside
            } catch {
                try? fileManager.removeItem(at: staging)
                throw Failure.cannotCommit(destination.relativePath, reason: error.localizedDescription)
            }
        }
        do {
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            if let displaced { try? fileManager.moveItem(at: displaced, to: destination) }
            try? fileManager.removeItem(at: staging)
            throw Failure.cannotCommit(destination.relativePath, reason: error.localizedDescription)
        }
        if let displaced { try? fileManager.removeItem(at: displaced) }
    }

    /// Deletes the staged files; the destination is untouched.
    public func discard() {
        guard isOpen else { return }
        isOpen = false
        try? FileManager.default.removeItem(at: staging)
    }
}
