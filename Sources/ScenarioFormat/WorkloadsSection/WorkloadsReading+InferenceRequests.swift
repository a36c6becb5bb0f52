import Foundation
import SimKernel
import Workloads

/// Reading a service's `requests`: an arrival process with length distributions, or a trace.
extension WorkloadsReading {
    /// Arrival-process names a scenario may write: the registry's, plus `diurnal` (a rate curve
    /// built by `RateCurve.diurnal`).
    static let arrivalNames = ArrivalProcess.Kind.allCases.map(\.rawValue) + ["diurnal"]

    func readRequests(_ r: ObjectReader, prefixBlockTokens: Int) -> RequestSourceSpec? {
        guard r.node["requests"] != nil else {
            _ = r.contains("requests")
            error("missing required key 'requests' (an object with arrival and rate, or trace)", at: r.node, in: r.context.appending("requests"))
            return nil
        }
        let result = nested(r, "requests", expecting: "an object (arrival, rate, prompt_tokens, output_tokens, … or trace)") { q -> RequestSourceSpec? in
            if q.node["trace"] != nil { return readRequestTrace(q) }
            return readSyntheticRequests(q, prefixBlockTokens: prefixBlockTokens)
        }
        return result ?? nil
    }

    private func readRequestTrace(_ q: ObjectReader) -> RequestSourceSpec? {
        let result = nested(q, "trace", expecting: "a trace (an object with format, file, time_scale, limit)") { t -> RequestSourceSpec? in
            let format = required(t, "format", .choice(TraceFormat.self, of: "trace format"))
            let file = required(t, "file", .nonEmptyString)
            let scale = optional(t, "time_scale", .number(.positive)) ?? 1
            let limit = optional(t, "limit", .integer(.positive))
            guard let format, let file, let fileNode = t.node["file"] else { return nil }
            let path = t.context.resolve(file).path
            // Open it now, so a missing or malformed file is reported with the scenario's position.
            do {
                var source = try RequestSourceSpec.trace(format: format, path: path, timeScale: scale, limit: 1).makeSource(seed: 0, index: 0)
                if source.next() == nil {
                    error("trace file '\(file)' holds no valid request", at: fileNode, in: t.context.appending("file"))
                    return nil
                }
            } catch {
                self.error("trace file '\(file)': \(error)", at: fileNode, in: t.context.appending("file"))
                return nil
            }
            return .trace(format: format, path: path, timeScale: scale, limit: limit)
        }
        return result ?? nil
    }

    private func readSyntheticRequests(_ q: ObjectReader, prefixBlockTokens: Int) -> RequestSourceSpec? {
        let kind = required(q, "arrival", .choice(Self.arrivalNames, of: "arrival process"))
        let prompt = optional(q, "prompt_tokens", Self.drawn(.number(.positive)))
        let output = optional(q, "output_tokens", Self.drawn(.number(.positive)))
        let maxPrompt = optional(q, "max_prompt_tokens", .integer(.positive))
        let maxOutput = optional(q, "max_output_tokens", .integer(.positive))
        let shared = nested(q, "shared_prefix", expecting: "an object (tokens, groups)") { p -> SharedPrefix? in
            let tokens = required(p, "tokens", .integer(.positive))
            let groups = optional(p, "groups", .integer(.positive)) ?? 1
            guard let tokens else { return nil }
            return SharedPrefix(tokens: tokens, groups: groups, blockTokens: prefixBlockTokens)
        }
        if case .some(nil) = shared { return nil }
        let count = optional(q, "count", .integer(.positive))
        guard let kind else { return nil }
        var process: ArrivalProcess?
        switch kind {
        case "poisson":
            process = required(q, "rate", Self.requestRate).map { .poisson(ratePerSecond: $0) }
        case "gamma":
            let rate = required(q, "rate", Self.requestRate)
            let cv = required(q, "cv", .number(.positive))
            if let rate, let cv { process = .gamma(ratePerSecond: rate, coefficientOfVariation: cv) }
        case "diurnal":
            let rate = required(q, "rate", Self.requestRate)
            let ratio = optional(q, "peak_to_trough", ValueReader<Double>.number(.positive).checked("a ratio ≥ 1") { $0 >= 1 }) ?? 3
            let peak = optional(q, "peak_at", .duration(.nonNegative)) ?? .hours(14)
            let period = optional(q, "period", .duration(.positive)) ?? .days(1)
            if let rate { process = .rateCurve(.diurnal(meanRate: rate, peakToTroughRatio: ratio, peakAt: peak, period: period)) }
        case "rate-curve":
            let points = required(q, "curve", .array(of: Self.ratePoint, nonEmpty: true))
            let period = optional(q, "period", .duration(.positive))
            if let points {
                let curve = RateCurve(segments: points, period: period)
                if let problem = curve.problem {
                    error(problem, at: q.node["curve"]!, in: q.context.appending("curve"))
                } else {
                    process = .rateCurve(curve)
                }
            }
        default:  // mmpp
            let calm = required(q, "calm_rate", Self.requestRate)
            let burst = required(q, "burst_rate", Self.requestRate)
            let calmFor = required(q, "calm_duration", .duration(.positive))
            let burstFor = required(q, "burst_duration", .duration(.positive))
            if let calm, let burst, let calmFor, let burstFor {
                process = .markovModulated(MarkovModulatedPoisson(calmRatePerSecond: calm, burstRatePerSecond: burst,
                                                                  meanCalmDuration: calmFor, meanBurstDuration: burstFor))
            }
        }
        guard let process else { invalidate(); return nil }
        if let problem = process.problem {
            error(problem, at: q.node, in: q.context)
            return nil
        }
        // Absent lengths follow the Azure 2023 conversation trace (RequestLengthModel.azureConversation).
        let preset = RequestLengthModel.azureConversation
        let lengths = RequestLengthModel(prompt: prompt?.distribution ?? preset.prompt, output: output?.distribution ?? preset.output,
                                         maxPromptTokens: maxPrompt ?? preset.maxPromptTokens,
                                         maxOutputTokens: maxOutput ?? preset.maxOutputTokens)
        if let problem = lengths.problem {
            error(problem, at: q.node, in: q.context)
            return nil
        }
        return .synthetic(process: process, lengths: lengths, sharedPrefix: shared ?? nil, count: count)
    }

    /// Requests per second: a number, or a string `"20/s"`, `"1200/min"`, `"72000/h"`.
    static let requestRate = ValueReader<Double>(expecting: "a rate in requests per second, or a string such as \"20/s\", \"1200/min\", \"3600/h\"") { node, context in
        let expectation = "a rate ≥ 0 in requests per second, or a string such as \"20/s\", \"1200/min\", \"3600/h\""
        switch node.kind {
        case .number(let n) where n.value.isFinite && n.value >= 0:
            return n.value
        case .string(let text):
            let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            let per: [String: Double] = ["s": 1, "min": 60, "h": 3600, "d": 86_400]
            if parts.count == 2, let value = Double(parts[0]), value.isFinite, value >= 0, let seconds = per[parts[1]] {
                return value / seconds
            }
            context.rejected(expected: expectation, got: node)
            return nil
        case .number:
            context.rejected(expected: expectation, got: node)
            return nil
        default:
            context.mismatch(expected: expectation, got: node)
            return nil
        }
    }

    /// One point of a rate curve: `{ at: "2 h", rate: 30 }`.
    static let ratePoint = ValueReader<RateCurve.Segment>.object("a rate point (an object with at, rate)") { p in
        let at = p.required("at", .duration(.nonNegative))
        let rate = p.required("rate", requestRate)
        guard let at, let rate else { return nil }
        return RateCurve.Segment(start: at, ratePerSecond: rate)
    }
}
