import Foundation
import SimKernel
import Testing
@testable import Fleet

@Suite("Units")
struct UnitsTests {
    @Test("power times duration is energy, and energy over duration is power")
    func powerEnergy() {
        // 700 W for 1 h = 700 × 3600 = 2.52e6 J = 0.7 kWh
        let energy = Watts(700) * SimDuration.hours(1)
        #expect(energy == Joules(2_520_000))
        #expect(abs(energy.kilowattHours - 0.7) < 1e-12)
        #expect(energy / SimDuration.hours(1) == Watts(700))
        #expect(SimDuration.seconds(2) * Watts.kilowatts(1) == Joules(2_000))
    }

    @Test("bytes over a rate is seconds, and a rate over time is bytes")
    func transfer() {
        // 100 GB at 50 GB/s = 2 s; 400 Gb/s = 5e10 B/s
        #expect(Bytes.gigabytes(100) / BytesPerSecond.gigabytesPerSecond(50) == 2)
        #expect(BytesPerSecond.gigabitsPerSecond(400) == BytesPerSecond(5e10))
        #expect(BytesPerSecond.gigabytesPerSecond(1) * SimDuration.milliseconds(500) == Bytes(5e8))
        #expect(Bytes.gibibytes(1) == Bytes(1_073_741_824))
    }

    @Test("energy is priced and carbon-weighted, rent accrues over time")
    func costAndCarbon() {
        // 1000 kWh = 1 MWh at $80/MWh = $80; at 400 g/kWh = 400,000 g
        let energy = Joules.kilowattHours(1_000)
        #expect(abs((energy * DollarsPerJoule.perMegawattHour(80)).value - 80) < 1e-9)
        #expect(abs((energy * GramsCO2PerJoule.perKilowattHour(400)).value - 400_000) < 1e-6)
        // $3.60/h for 30 min = $1.80
        #expect(abs((DollarsPerHour(3.6) * SimDuration.minutes(30)).value - 1.8) < 1e-12)
    }

    @Test("same-unit arithmetic, scaling, ordering and sums")
    func arithmetic() {
        #expect(Watts(3) + Watts(4) == Watts(7))
        #expect(Watts(10) - Watts(4) == Watts(6))
        #expect(Watts(10) * 2 == Watts(20))
        #expect(Watts(10) / Watts(4) == 2.5)
        #expect(Watts(100).times(8) == Watts(800))
        #expect(Watts(1) < Watts(2))
        #expect([Watts(1), Watts(2), Watts(3)].sum() == Watts(6))
    }

    @Test("quantities encode as a bare number in SI units")
    func codable() throws {
        let data = try JSONEncoder().encode([Watts(700)])
        #expect(String(decoding: data, as: UTF8.self) == "[700]")
        #expect(try JSONDecoder().decode(BytesPerSecond.self, from: Data("5e10".utf8)) == BytesPerSecond(5e10))
    }
}
