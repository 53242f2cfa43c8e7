import Foundation
import Portfolio
import SQLKit

/// What `devcoop bench funding` times: the dashboard's analytics queries, each as `Store.funding`
/// runs it (SQL, decoding, shares), against a reference measured on the same store in the same run.
package enum FundingBenchmark {
    /// The analytics of the seed's appendix and figures 1–5, and a filtered one.
    package static let queries: [(name: String, query: FundingQuery)] = {
        var filtered = FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022)
        filtered.regions = [Region.africa.rawValue]
        filtered.sstc = false
        var rbsa = FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022)
        rbsa.modalities = [FundingModality.rbsa.rawValue]
        return [
            ("approvals by year", FundingQuery(.approvals, by: [.year])),
            ("approvals by funding source", FundingQuery(.approvals, by: [.source])),
            ("approvals by region", FundingQuery(.approvals, by: [.region])),
            ("approvals by region × source", FundingQuery(.approvals, by: [.region, .source])),
            ("expenditure by outcome 2020–22", FundingQuery(.expenditure, by: [.outcome], from: 2020, to: 2022)),
            ("contributions by partner 2020–22", FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022)),
            ("contributions by country", FundingQuery(.contributions, by: [.country])),
            ("contributions by modality", FundingQuery(.contributions, by: [.modality])),
            ("core vs non-core by year", FundingQuery(.contributions, by: [.year, .core])),
            ("RBSA by partner 2020–22", rbsa),
            ("partners 2020–22, Africa, no SSTC", filtered),
        ]
    }()

    /// The reference: the plain `SUM … GROUP BY` over every transaction that the issue measured
    /// (no classification, no conversion), on a read connection of the same store.
    package static func plainTransactionSum(_ store: Store) async throws {
        _ = try await store.read { database in
            try await database.sql.raw("SELECT type, currency, SUM(value_whole), COUNT(*) FROM activity_transaction GROUP BY type, currency").all()
        }
    }

    /// Milliseconds of each of `runs` calls of `body`, after one untimed warm-up.
    package static func time(runs: Int, _ body: () async throws -> Void) async rethrows -> [Double] {
        try await body()
        var times: [Double] = []
        for _ in 0..<runs {
            let started = ContinuousClock.now
            try await body()
            let elapsed = ContinuousClock.now - started
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return times
    }

    /// The value below which `fraction` of the sorted `times` lie (nearest rank).
    package static func percentile(_ fraction: Double, of times: [Double]) -> Double {
        let sorted = times.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
