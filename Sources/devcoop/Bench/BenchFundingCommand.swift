import ArgumentParser
import Foundation
import Portfolio
import Store

/// Times each funding analytics query on the demo portfolio and on a larger one, p50 and p95.
struct BenchFundingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funding",
        abstract: "Latency of each funding analytics query on generated demo portfolios (p50, p95).",
        discussion: """
            Generates the demo portfolio at each --scale, imports it into a new SQLite store and runs every \
            query of the dashboard --runs times. With --db, measures that store instead (for PostgreSQL: \
            import `devcoop demo generate` output into it first). Targets: p95 ≤ 20 ms on the demo portfolio, \
            ≤ 200 ms on the 10× one. The reference, timed the same way on the same store: a plain \
            SUM … GROUP BY over every transaction.
            """)

    @Option(help: "The portfolio sizes to generate (comma-separated multiples of the demo).")
    var scale = "1,10"

    @Option(help: "A store to measure as it is, instead of generated ones.")
    var db: String?

    @Option(help: "Timed runs of each query.")
    var runs = 50

    func run() async throws {
        if let db {
            try await Store.withCommandStore(db) { try await measure($0, title: "\(db)") }
            return
        }
        let scales = scale.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !scales.isEmpty, scales.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--scale takes multiples ≥ 1, e.g. 1,10") }
        for scale in scales {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-bench-funding-\(UUID())")
            defer { try? FileManager.default.removeItem(at: folder) }
            let files = try DemoFiles.write(try DemoPortfolio(seed: 1, scale: scale), to: folder)
            let store = try await Store.open(folder.appendingPathComponent("bench.sqlite").path)
            do {
                let started = Date()
                for file in files {
                    let report = await store.importFile(at: file.path)
                    guard report.status == .imported else { throw ValidationError("\(file.path): \(report.error ?? "not imported")") }
                }
                let megabytes = Double(files.reduce(0) { $0 + $1.bytes }) / 1_000_000
                print(String(format: "demo portfolio ×%d: %d activities, %.1f MB, imported in %.1f s",
                             scale, files.dropLast().reduce(0) { $0 + $1.count }, megabytes, Date().timeIntervalSince(started)))
                try await measure(store, title: "×\(scale)", target: scale == 1 ? 20 : scale <= 10 ? 200 : nil)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }

    private func measure(_ store: Store, title: String, target: Double? = nil) async throws {
        let stats = try await store.stats()
        print("\(title): \(stats.transactions) transactions; \(runs) runs of each query, ms")
        let reference = try await FundingBenchmark.time(runs: runs) { try await FundingBenchmark.plainTransactionSum(store) }
        let referenceP50 = FundingBenchmark.percentile(0.5, of: reference)
        let referenceName = "reference: SUM … GROUP BY transactions"
        let width = (FundingBenchmark.queries.map(\.name) + [referenceName]).map(\.count).max() ?? 0
        func line(_ name: String, _ times: [Double], rows: Int?) -> String {
            let p50 = FundingBenchmark.percentile(0.5, of: times), p95 = FundingBenchmark.percentile(0.95, of: times)
            return name.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: "  p50 %7.2f  p95 %7.2f  %5.2f× the reference", p50, p95, p50 / referenceP50)
                + (rows.map { "  (\($0) rows)" } ?? "")
        }
        print(line(referenceName, reference, rows: nil))
        var worst = 0.0
        for (name, query) in FundingBenchmark.queries {
            var rows = 0
            let times = try await FundingBenchmark.time(runs: runs) { rows = try await store.funding(query).rows.count }
            worst = max(worst, FundingBenchmark.percentile(0.95, of: times))
            print(line(name, times, rows: rows))
        }
        print(String(format: "slowest p95: %.2f ms", worst) + (target.map { String(format: " (target ≤ %.0f ms: %@)", $0, worst <= $0 ? "met" : "missed") } ?? ""))
    }
}
