import Foundation

/// Memory figures of this process from `/proc/self/status` (Linux).
public enum ProcessMemory {
    /// Peak resident set size (VmHWM) of this process in KiB; nil where /proc is unavailable.
    public static func peakResidentKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return field("VmHWM", in: status)
    }

    /// The peak resident set size as "12.3 MiB" ("n/a" where /proc is unavailable), for the
    /// print-only benchmarks' summary lines.
    public static func peakResidentText() -> String {
        peakResidentKiB().map { String(format: "%.1f MiB", Double($0) / 1024) } ?? "n/a"
    }

    /// The number of a `Name:   1234 kB` line of a /proc status-style text.
    public static func field(_ name: String, in text: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }
}
