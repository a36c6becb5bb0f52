import Foundation

/// Memory figures of this process, read from `/proc/self/status` (Linux).
enum ProcessStats {
    /// Peak resident set size (VmHWM) in KiB, or nil where /proc is unavailable.
    static func peakResidentKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }
}
