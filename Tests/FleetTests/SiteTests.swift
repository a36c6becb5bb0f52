import SimKernel
import Testing
@testable import Fleet

@Suite("Site")
struct SiteTests {
    @Test("a PUE curve interpolates linearly and holds flat outside its points")
    func pueCurve() {
        let pue = PUEModel.curve(points: [
            .init(itLoad: .megawatts(100), pue: 1.1),
            .init(itLoad: .megawatts(10), pue: 1.4),
        ])
        #expect(pue.pue(atITLoad: .megawatts(5)) == 1.4)
        // halfway from 10 MW (1.4) to 100 MW (1.1): 55 MW → 1.25
        #expect(abs(pue.pue(atITLoad: .megawatts(55)) - 1.25) < 1e-12)
        #expect(pue.pue(atITLoad: .megawatts(500)) == 1.1)
        #expect(abs(PUEModel.constant(1.1).facilityPower(itLoad: .megawatts(100)).value - 110e6) < 1e-3)
    }

    @Test("an hourly series repeats and reports its next change")
    func hourly() {
        let price = HourlySeries<DollarsPerJoule>.hourly([.perMegawattHour(50), .perMegawattHour(90)])
        #expect(price.value(at: .zero) == .perMegawattHour(50))
        #expect(price.value(at: SimTime.zero + .minutes(61)) == .perMegawattHour(90))
        #expect(price.value(at: SimTime.zero + .hours(2)) == .perMegawattHour(50))
        #expect(price.nextChange(after: SimTime.zero + .minutes(61)) == SimTime.zero + .hours(2))
        #expect(HourlySeries.constant(GramsCO2PerJoule(1)).nextChange(after: .zero) == nil)
    }

    @Test("the facility limit is the tighter of grid limit and cap")
    func facilityLimit() {
        var site = Site(id: SiteID(0), name: "iowa", pue: .constant(1.1), gridLimit: .megawatts(600),
                        electricityPrice: .constant(.perMegawattHour(80)),
                        carbonIntensity: .constant(.perKilowattHour(400)), timeZoneIdentifier: "America/Chicago")
        #expect(site.facilityLimit == .megawatts(600))
        site.powerCap = .megawatts(500)
        #expect(site.facilityLimit == .megawatts(500))
    }
}
