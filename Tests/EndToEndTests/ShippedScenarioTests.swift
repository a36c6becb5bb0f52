import Foundation
import Testing

/// The small shipped scenarios run end to end, each checked for what its opening comment
/// promises (the larger ones have their own suites).
@Suite("shipped scenarios")
struct ShippedScenarioTests {
    @Test("quickstart: each training job completes on its platform's pool, the chat service meets its SLO, the day's bill follows the tariffs")
    func quickstart() throws {
        let summary = try ScenarioFindingsTests.summary(of: "quickstart")
        let jobs = try ScenarioFindingsTests.jobs(summary)
        for (name, pool) in [("llama-70b-tpu", "tpu"), ("gpt-1.7b-gpu", "gpu"), ("dense-8b-trainium", "trainium")] {
            let job = try #require(jobs[name])
            #expect(job["outcome"] as? String == "completed", "\(name)")
            #expect(job["pool"] as? String == pool, "\(name)")
        }
        let inference = try #require(summary["inference"] as? [String: Any])
        let service = try #require((inference["services"] as? [[String: Any]])?.first)
        #expect(service["name"] as? String == "chat")
        #expect(try #require(service["completed"] as? Int) > 100_000)  // 2 requests/s for a day
        #expect(try #require(service["slo_attainment"] as? Double) >= 0.99)
        let ttft = try #require(service["ttft"] as? [String: Any])
        #expect(try #require(ttft["p50_s"] as? Double) < 0.5)
        // $0.08/kWh = $80/MWh and 400 g/kWh = 400 kg/MWh on the exact facility energy.
        let energy = try #require(summary["energy"] as? [String: Any])
        let megawattHours = try #require(energy["facility_energy_mwh"] as? Double)
        #expect(megawattHours > 0)
        #expect(abs(try #require(energy["cost_usd"] as? Double) - megawattHours * 80) <= 1e-9 * megawattHours * 80)
        #expect(abs(try #require(energy["carbon_kg"] as? Double) - megawattHours * 400) <= 1e-9 * megawattHours * 400)
    }

    @Test("training-quickstart: every job finds its platform, and the GPU pool's refusal names the HBM shortfall")
    func trainingQuickstart() throws {
        let summary = try ScenarioFindingsTests.summary(of: "training-quickstart")
        let jobs = try ScenarioFindingsTests.jobs(summary)
        #expect(jobs.count == 14)  // four named jobs and ten from the stream
        #expect(jobs.values.allSatisfy { $0["outcome"] as? String == "completed" })
        #expect(jobs["llama-70b-tpu"]?["pool"] as? String == "tpu")
        #expect(jobs["gpt-1.7b-gpu"]?["pool"] as? String == "gpu")
        #expect(jobs["dense-8b-trainium"]?["pool"] as? String == "trainium")
        // The 8B model may use GPUs or Trainium, but does not fit an H100's 80 GB: the reason says so.
        let anywhere = try #require(jobs["dense-8b-anywhere"])
        #expect(anywhere["pool"] as? String == "trainium")
        #expect(try #require(anywhere["reason"] as? String).contains("does not fit"))
    }

    @Test("pool-outage-failover: the flagship stops at the outage and finishes on the Trainium2 backup; every job completes")
    func poolOutageFailover() throws {
        let summary = try ScenarioFindingsTests.summary(of: "pool-outage-failover")
        let jobs = try ScenarioFindingsTests.jobs(summary)
        let flagship = try #require(jobs["flagship-7b"])
        #expect(flagship["pool"] as? String == "trn2-backup")
        #expect(try #require(flagship["preemptions"] as? Int) >= 1)
        #expect(jobs.values.allSatisfy { $0["outcome"] as? String == "completed" })
        let training = try #require(summary["training"] as? [String: Any])
        #expect(try #require(training["lost_chip_hours"] as? Double) > 0)  // work since the last checkpoint
    }

    @Test("fleet-million-chips: 2^20 chips, and each site's IT hardware maximum is what the comment says")
    func fleetMillionChips() throws {
        let summary = try ScenarioFindingsTests.summary(of: "fleet-million-chips", extra: ["--horizon", "1 h"])
        let fleet = try #require(summary["fleet"] as? [String: Any])
        #expect(fleet["chips"] as? Int == 1_048_576)
        let sites = try #require(fleet["sites"] as? [[String: Any]])
        // "about 620 MW in Oklahoma, 271 MW in Indiana and 504 MW in Texas" (within 1 %).
        for (name, megawatts) in [("oklahoma", 620.0), ("indiana", 271.0), ("texas", 504.0)] {
            let site = try #require(sites.first { $0["name"] as? String == name })
            let watts = try #require(site["it_hardware_maximum_w"] as? Double)
            #expect(abs(watts / 1e6 - megawatts) / megawatts < 0.01, "\(name): \(watts / 1e6) MW")
        }
    }
}
