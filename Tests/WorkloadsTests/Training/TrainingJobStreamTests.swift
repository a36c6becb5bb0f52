import SimKernel
import Testing
@testable import Workloads

@Suite("TrainingJobStream")
struct TrainingJobStreamTests {
    static let template = TrainingJobTemplate(
        model: .megatron1_7B, sequenceLength: 2048, batchPerReplica: 8,
        parallelism: TrainingParallelism(data: 1, microBatchSize: 4))

    static func stream(_ name: String, count: Int = 2_000) -> TrainingJobStream {
        TrainingJobStream(
            name: name,
            source: .synthetic(count: count, arrivals: .poisson(meanInterarrival: .minutes(3)), start: .zero,
                               chips: ChipCountChoice(choices: [8, 16, 64, 256], weights: [0.5, 0.3, 0.15, 0.05]),
                               work: .tokens(DrawnValue(.logNormal(mean: 2e9, standardDeviation: 1e9)))),
            template: template)
    }

    @Test("the same seed gives the same jobs; another seed gives other jobs")
    func deterministic() {
        let a = Self.stream("mix").jobs(seed: 42)
        #expect(a == Self.stream("mix").jobs(seed: 42))
        #expect(a != Self.stream("mix").jobs(seed: 43))
        #expect(a.first?.name == "mix/0" && a.first?.stream == "mix")
    }

    @Test("a stream's jobs do not depend on other streams or on its own later jobs")
    func independent() {
        let alone = Self.stream("mix").jobs(seed: 42)
        let other = Self.stream("other").jobs(seed: 42)
        #expect(alone.map(\.arrival) != other.map(\.arrival))
        // More jobs in the stream: the first 2,000 are unchanged.
        #expect(Array(Self.stream("mix", count: 3_000).jobs(seed: 42).prefix(2_000)) == alone)
    }

    @Test("chip counts and interarrival times have the configured means")
    func means() {
        let jobs = Self.stream("mix", count: 20_000).jobs(seed: 1)
        // E[chips] = 0.5·8 + 0.3·16 + 0.15·64 + 0.05·256 = 4 + 4.8 + 9.6 + 12.8 = 31.2; sd ≈ 53,
        // so the standard error over 20,000 jobs is ≈ 0.37: 1.5 is over 4 standard errors.
        let meanChips = Double(jobs.map(\.chips).reduce(0, +)) / Double(jobs.count)
        #expect(abs(meanChips - 31.2) < 1.5)
        #expect(abs(ChipCountChoice(choices: [8, 16, 64, 256], weights: [0.5, 0.3, 0.15, 0.05]).mean - 31.2) < 1e-9)
        // Mean interarrival 180 s (exponential, sd 180 s): standard error 180/√20000 ≈ 1.3 s.
        let meanGap = jobs.last!.arrival.seconds / Double(jobs.count)
        #expect(abs(meanGap - 180) < 6)
        // Tokens: log-normal with mean 2e9 (sd 1e9); standard error ≈ 7e6. Clamping at one step
        // (8·data·2048 tokens) touches none of the mass in practice.
        let meanTokens = jobs.map(\.job.totalTokens).reduce(0, +) / Double(jobs.count)
        #expect(abs(meanTokens - 2e9) / 2e9 < 0.02)
    }

    @Test("each job's data degree and global batch follow its chip count")
    func scaling() {
        let job = try! Self.template.job(chips: 64, length: .steps(10)).get()
        #expect(job.parallelism.data == 64 && job.globalBatch == 512)  // 64 replicas × 8 sequences
        guard case .failure(let issues) = TrainingJobTemplate(
            model: .megatron1_7B, sequenceLength: 2048, batchPerReplica: 1,
            parallelism: TrainingParallelism(data: 1, tensor: 8)).job(chips: 12, length: .steps(1)) else {
            Issue.record("12 chips with tensor 8 should not make a job")
            return
        }
        #expect(issues.messages == ["12 chips is not a multiple of tensor 8 × pipeline 1 = 8"])
    }

    @Test("a replayed trace keeps its arrivals, GPUs and durations as fixed-length jobs")
    func replay() {
        let stream = TrainingJobStream(
            name: "philly",
            source: .trace(format: "philly", jobs: [
                .init(line: 3, arrival: .zero, chips: 1, duration: .seconds(66)),
                .init(line: 2, arrival: .seconds(100), chips: 8, duration: .seconds(2951)),
            ]),
            template: Self.template)
        let jobs = stream.jobs(seed: 9)
        #expect(jobs.map(\.chips) == [1, 8])
        #expect(jobs.map(\.fixedDuration) == [.seconds(66), .seconds(2951)])
        #expect(jobs.map(\.arrival) == [.zero, .zero + .seconds(100)])
    }
}
