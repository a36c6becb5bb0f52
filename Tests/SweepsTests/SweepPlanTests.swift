import Foundation
import ScenarioFormat
import Testing
@testable import Sweeps

@Suite("sweep files and points")
struct SweepPlanTests {
    static let twoAxes = """
        { base: "base.json5",
          axes: [
            { field: "fleet.pools[name=gpu].hosts", name: "gpu hosts", values: [2, 4] },
            { field: "scheduler.policy", values: ["fifo", "easy-backfill"] },
          ],
          seeds: [3, 1] }
        """

    @Test("a product gives every combination, first axis slowest and seeds fastest, with ids made of the values")
    func productOrderAndIds() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let plan = try fixture.plan(Self.twoAxes)
        #expect(plan.points.map(\.id) == [
            "gpu_hosts=2,policy=fifo,seed=3", "gpu_hosts=2,policy=fifo,seed=1",
            "gpu_hosts=2,policy=easy-backfill,seed=3", "gpu_hosts=2,policy=easy-backfill,seed=1",
            "gpu_hosts=4,policy=fifo,seed=3", "gpu_hosts=4,policy=fifo,seed=1",
            "gpu_hosts=4,policy=easy-backfill,seed=3", "gpu_hosts=4,policy=easy-backfill,seed=1",
        ])
        #expect(plan.points.map(\.index) == Array(0..<8))
    }

    @Test("reading the same sweep twice gives the same points, ids and scenario texts")
    func deterministic() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let a = try fixture.plan(Self.twoAxes), b = try fixture.plan(Self.twoAxes)
        #expect(a.points == b.points)
        #expect(a.points.map { a.scenarioText(for: $0) } == b.points.map { b.scenarioText(for: $0) })
        #expect(SweepManifest(a).encoded() == SweepManifest(b).encoded())
    }

    @Test("a point's scenario is the base with the axis values and the seed written in, and it is a valid scenario")
    func pointScenario() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let plan = try fixture.plan(Self.twoAxes)
        let point = plan.points[6]  // gpu hosts 4, easy-backfill, seed 3
        let scenario = try ScenarioLoader.parse(text: plan.scenarioText(for: point), fileName: "point")
        #expect(scenario.seed == 3)
        #expect(scenario.policy == "easy-backfill")
        #expect(scenario.fleet.pools.map(\.name) == ["tpu", "gpu"])
        #expect(scenario.fleet.pools[1].chips == 32)  // 4 hosts × 8 H100s
        try plan.validate(plan.points)
    }

    @Test("zip pairs the i-th values; a seed count means seeds 1…N; no seeds means the base's seed")
    func zipAndSeeds() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let zipped = try fixture.plan("""
            { base: "base.json5", combine: "zip", seeds: 2,
              axes: [{ field: "horizon", values: ["1 h", "2 h"] }, { field: "fleet.pools[1].hosts", values: [1, 2] }] }
            """)
        #expect(zipped.points.map(\.id) == ["horizon=1_h,hosts=1,seed=1", "horizon=1_h,hosts=1,seed=2",
                                            "horizon=2_h,hosts=2,seed=1", "horizon=2_h,hosts=2,seed=2"])
        let baseSeed = try fixture.plan(#"{ base: "base.json5", axes: [{ field: "horizon", values: ["1 h"] }] }"#)
        #expect(baseSeed.points.map(\.seed) == [7])
    }

    @Test("a range lists from…to by step, written with the literals' decimals, with an optional unit")
    func ranges() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let plan = try fixture.plan("""
            { base: "base.json5", axes: [
                { field: "fleet.sites[0].pue", range: { from: 1.1, to: 1.4, step: 0.1 } },
                { field: "horizon", range: { from: 2, to: 6, step: 2, unit: "h" } } ] }
            """)
        #expect(plan.definition.axes[0].values.map(\.label) == ["1.1", "1.2", "1.3", "1.4"])
        #expect(plan.definition.axes[1].values.map(\.label) == ["2 h", "4 h", "6 h"])
        #expect(plan.points.count == 12)
        try plan.validate(plan.points)
    }

    @Test("mistakes in a sweep file are reported with file, line, column and field path")
    func diagnostics() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        #expect(fixture.problems(#"{ base: "base.json5", axes: [{ field: "fleet.pools[name=cpu].hosts", values: [1] }], sedes: 2 }"#) == [
            "sweep.json5:1:39: error: axes[0].field: 'fleet.pools[name=cpu].hosts': fleet.pools has no element named 'cpu' (names: tpu, gpu)",
            "sweep.json5:1:86: error: sedes: unknown key 'sedes'; did you mean 'seeds'? (valid keys: name, base, combine, seeds, axes, metrics)",
        ])
        #expect(fixture.problems(#"{ base: "missing.json5" }"#) == ["sweep.json5:1:9: error: base: cannot read the base scenario missing.json5: no such file"])
        #expect(fixture.problems("""
            { base: "base.json5", combine: "zip", axes: [{ field: "horizon", values: ["1 h", "2 h"] }, { field: "seed", values: [1] }] }
            """).contains { $0.contains("'seed' is a column of its own") })
        #expect(fixture.problems("""
            { base: "base.json5", combine: "zip", axes: [{ field: "horizon", values: ["1 h", "2 h"] }, { field: "fleet.pools[0].pods", values: [1] }] }
            """) == ["sweep.json5:1:32: error: combine: zip needs every axis to have the same number of values; 'horizon' has 2, 'pods' has 1"])
        #expect(fixture.problems(#"{ base: "base.json5", axes: [{ field: "name", values: ["a b", "a/b"] }] }"#)
            == ["sweep.json5:1:30: error: axes[0]: values a b and a/b give the same id text 'a_b'; point ids must differ"])
        #expect(fixture.problems(#"{ base: "base.json5", seeds: [1, 2, 1] }"#) == ["sweep.json5:1:37: error: seeds[2]: seed 1 is listed twice"])
    }

    @Test("an axis value that makes an invalid scenario is reported at that value before anything runs")
    func invalidPoint() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let plan = try fixture.plan(#"{ base: "base.json5", seeds: 3, axes: [{ field: "scheduler.policy", values: ["fifo", "fiffo"] }] }"#)
        #expect(throws: ScenarioError.self) { try plan.validate(plan.points) }
        do {
            try plan.validate(plan.points)
        } catch {
            #expect(error.renderedLines.count == 1)  // once, not once per seed
            #expect(error.renderedLines[0].hasPrefix("sweep.json5:1:86: error: axes[0]: point policy=fiffo,seed=1 is not a valid scenario: scheduler.policy: "))
        }
        try plan.validate(plan.points.filter { $0.labels == ["fifo"] })
    }

    @Test("shards partition the points: every point in exactly one shard, for every shard count")
    func shardsPartition() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let plan = try fixture.plan(#"{ base: "base.json5", seeds: 5, axes: [{ field: "horizon", values: ["1 h", "2 h", "3 h"] }] }"#)
        for count in 1...17 {
            let shards = (0..<count).map { try! SweepShard.parse("\($0)/\(count)").get().select(plan.points) }
            let ids = shards.flatMap { $0.map(\.id) }
            #expect(ids.count == plan.points.count && Set(ids) == Set(plan.points.map(\.id)), "\(count) shards")
            #expect(shards.map(\.count).max()! - shards.map(\.count).min()! <= 1, "\(count) shards are balanced")
        }
        #expect(throws: PathSyntaxError.self) { try SweepShard.parse("4/4").get() }
        #expect(throws: PathSyntaxError.self) { try SweepShard.parse("-1/4").get() }
        #expect(throws: PathSyntaxError.self) { try SweepShard.parse("1").get() }
    }

    @Test("axis paths parse keys, indices, quoted keys and [name=…], and reject malformed text")
    func axisPaths() throws {
        let path = try AxisPath.parse(#"fleet.pools[name=gpu]["odd key"][2].x"#).get()
        #expect(path.steps == [.key("fleet"), .key("pools"), .named("gpu"), .key("odd key"), .index(2), .key("x")])
        for bad in ["", ".a", "a..b", "a[", "a[x]", "a[0]b"] {
            #expect(throws: PathSyntaxError.self, "\(bad)") { try AxisPath.parse(bad).get() }
        }
    }
}
