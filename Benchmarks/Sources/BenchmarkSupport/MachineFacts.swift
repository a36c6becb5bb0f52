import Foundation

/// What a measurement was taken on and with: stated in every result file and in RESULTS.md,
/// because a figure without its machine and its code version cannot be compared with anything.
public struct MachineFacts: Codable, Equatable, Sendable {
    /// The processor model (from /proc/cpuinfo `model name`).
    public var cpu: String
    /// Logical processors the process may use.
    public var cores: Int
    /// Physical memory in GiB (from /proc/meminfo `MemTotal`).
    public var memoryGiB: Double
    /// Operating system and kernel (`uname -sr`).
    public var system: String
    /// The first line of `swift --version`.
    public var toolchain: String
    /// `git rev-parse --short HEAD`, with `+dirty` when the tree has uncommitted changes.
    public var commit: String
    /// When the measurement finished, UTC, ISO 8601.
    public var date: String

    enum CodingKeys: String, CodingKey {
        case cpu, cores
        case memoryGiB = "memory_gib"
        case system, toolchain, commit, date
    }

    public init(cpu: String, cores: Int, memoryGiB: Double, system: String, toolchain: String, commit: String, date: String) {
        self.cpu = cpu; self.cores = cores; self.memoryGiB = memoryGiB
        self.system = system; self.toolchain = toolchain; self.commit = commit; self.date = date
    }

    /// Reads the facts of this machine; `repository` is where git is asked for the commit.
    /// Anything that cannot be read is "unknown" rather than an error: a benchmark should not
    /// fail because, say, git is missing.
    public static func current(repository: URL, now: Date = Date()) -> MachineFacts {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let memoryKiB = ProcessMemory.field("MemTotal", in: meminfo)
        let uname = (try? Subprocess.output("/usr/bin/env", ["uname", "-sr"]))?.trimmed ?? "unknown"
        let swift = (try? Subprocess.output("/usr/bin/env", ["swift", "--version"]))?
            .split(separator: "\n").first.map { String($0).trimmed } ?? "unknown"
        var commit = (try? Subprocess.output("/usr/bin/env", ["git", "-C", repository.path, "rev-parse", "--short", "HEAD"]))?.trimmed ?? ""
        if commit.isEmpty { commit = "unknown" }
        if let status = try? Subprocess.output("/usr/bin/env", ["git", "-C", repository.path, "status", "--porcelain", "--untracked-files=no"]),
           !status.trimmed.isEmpty { commit += "+dirty" }
        return MachineFacts(cpu: cpuModel(cpuinfo: cpuinfo) ?? "unknown",
                            cores: ProcessInfo.processInfo.activeProcessorCount,
                            memoryGiB: memoryKiB.map { (Double($0) / 1_048_576 * 10).rounded() / 10 } ?? 0,
                            system: uname, toolchain: swift, commit: commit, date: isoDate(now))
    }

    /// The first `model name` of a /proc/cpuinfo text.
    public static func cpuModel(cpuinfo: String) -> String? {
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("model name") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// `2026-12-04T11:20:00Z`.
    public static func isoDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// One line for a report: "Intel Xeon … (2 cores), 23.4 GiB, Linux 6.1, Swift 6.3.1, commit abc123".
    public var line: String {
        "\(cpu), \(cores) cores, \(String(format: "%.1f", memoryGiB)) GiB RAM; \(system); \(toolchain); commit \(commit); \(date)"
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
