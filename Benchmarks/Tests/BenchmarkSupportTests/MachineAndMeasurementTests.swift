import BenchmarkSupport
import Foundation
import Testing

@Suite("Machine facts")
struct MachineFactsTests {
    @Test("the CPU model is the first 'model name' line of /proc/cpuinfo")
    func cpuModel() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nprocessor\t: 1\nmodel name\t: other\n"
        #expect(MachineFacts.cpuModel(cpuinfo: cpuinfo) == "Intel(R) Xeon(R) CPU @ 2.20GHz")
        #expect(MachineFacts.cpuModel(cpuinfo: "processor : 0\n") == nil)
    }

    @Test("a /proc status field is read in kB")
    func statusField() {
        let status = "Name:\tgigawatt\nVmPeak:\t  200000 kB\nVmHWM:\t   12345 kB\n"
        #expect(ProcessMemory.field("VmHWM", in: status) == 12_345)
        #expect(ProcessMemory.field("VmRSS", in: status) == nil)
        #expect(ProcessMemory.field("MemTotal", in: "MemTotal:       24576000 kB\n") == 24_576_000)
    }

    @Test("dates are ISO 8601 in UTC")
    func isoDate() {
        #expect(MachineFacts.isoDate(Date(timeIntervalSince1970: 86_400 + 3_661)) == "1970-01-02T01:01:01Z")
    }
}

@Suite("Child measurement")
struct ChildMeasurementTests {
    @Test("measure's report line is parsed; a missing field is rejected")
    func parse() {
        let parsed = ChildMeasurement.parse("wall_s=1.250000 max_rss_kib=20480 status=0\n")
        #expect(parsed == ChildMeasurement(wallSeconds: 1.25, peakRSSKiB: 20_480, status: 0))
        #expect(parsed?.peakRSSMiB == 20)
        #expect(ChildMeasurement.parse("wall_s=1.25 status=0") == nil)
        #expect(ChildMeasurement.parse("wall_s=fast max_rss_kib=1 status=0") == nil)
    }
}
