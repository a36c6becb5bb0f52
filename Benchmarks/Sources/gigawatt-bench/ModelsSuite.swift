import BenchmarkSupport
import Foundation
import Workloads

/// The training step-time model against published runs: the same cases and arithmetic as
/// `gigawatt models training` (`TrainingValidation`), as a result table.
struct ModelsSuite {
    func run(_ harness: Harness) throws -> BenchmarkResult {
        var table = ResultTable(title: "Training step-time model vs published (tolerance ±\(Int(TrainingValidation.tolerance * 100)) %)",
                                columns: ["case", "metric", "published", "predicted", "error", "status"])
        var within = 0
        for c in TrainingValidation.cases {
            do {
                let predicted = try c.predicted()
                let error = (predicted - c.published) / c.published
                let status = abs(error) <= TrainingValidation.tolerance ? "within" : (c.knownGap == nil ? "OUT OF TOLERANCE" : "known gap")
                if abs(error) <= TrainingValidation.tolerance { within += 1 }
                table.rows.append([.text(c.id), .text(c.metric.unit), .number(c.published, decimals: 2), .number(predicted, decimals: 2),
                                   .text(String(format: "%+.1f %%", error * 100)), .text(status)])
            } catch {
                table.rows.append([.text(c.id), .text(c.metric.unit), .number(c.published, decimals: 2), .text("error: \(error)"), .text(""), .text("failed")])
            }
        }
        print(TrainingValidation.renderTable(), terminator: "")
        return BenchmarkResult(suite: "models", command: harness.command, machine: Harness.machine(), tables: [table],
                               notes: ["\(within) of \(TrainingValidation.cases.count) cases within ±\(Int(TrainingValidation.tolerance * 100)) %. "
                                       + "Sources and assumptions per case: Sources/Workloads/Training/TrainingValidation.swift; "
                                       + "the same table as `gigawatt models training`."])
    }
}
