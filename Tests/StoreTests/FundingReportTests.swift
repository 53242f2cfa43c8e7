import Foundation
import IATI
import IATIXML
import Portfolio
import TestSupport
import Testing
@testable import Store

/// The funding analytics on the real samples: every incoming commitment converted at its value
/// date by the bundled ECB rates, recomputed here from the files.
@Suite(.serialized) struct FundingReportTests {
    struct Expected {
        var usd: Decimal = 0
        var converted = 0
        /// Currency → (count, sum) of what the rates cannot convert.
        var unconverted: [String: (count: Int, sum: Decimal)] = [:]
    }

    /// The incoming commitments the store keeps after importing the samples in order, converted here.
    static func expectedContributions(rates: ExchangeRates) throws -> Expected {
        let commitments = try KeptSampleActivities.read().flatMap { activity in
            activity.transactions.compactMap { transaction -> (amount: Decimal, currency: String?, day: ExchangeRates.Day?)? in
                guard transaction.transactionType == "11", let amount = transaction.value?.amount else { return nil }
                let date = transaction.value?.valueDate ?? transaction.transactionDate
                return (amount, transaction.value?.currency ?? activity.defaultCurrency, date.flatMap { ExchangeRates.Day(iso: $0) })
            }
        }
        var expected = Expected()
        for commitment in commitments {
            switch rates.usd(commitment.amount, currency: commitment.currency, on: commitment.day) {
            case .converted(let usd, _):
                expected.usd += usd
                expected.converted += 1
            case .unconverted:
                var entry = expected.unconverted[commitment.currency ?? ""] ?? (0, 0)
                entry.count += 1
                entry.sum += commitment.amount
                expected.unconverted[commitment.currency ?? ""] = entry
            }
        }
        return expected
    }

    @Test(arguments: TestDatabase.engines)
    func contributionsEqualTheFilesConvertedAtTheBundledRates(database: TestDatabase) async throws {
        let expected = try Self.expectedContributions(rates: try ExchangeRates.bundled())
        #expect(expected.converted > 100)
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for path in Fixtures.samples { _ = await store.importFile(at: path) }
            let report = try await store.funding(FundingQuery(.contributions, by: [.source]))
            #expect(Decimal(string: report.total) == expected.usd, "\(report.total) ≠ \(expected.usd)")
            #expect(report.count == expected.converted)
            var unconverted: [String: (count: Int, sum: Decimal)] = [:]
            for sum in report.unconverted {
                var entry = unconverted[sum.currency ?? ""] ?? (0, 0)
                entry.count += sum.count
                entry.sum += Decimal(string: sum.sum) ?? 0
                unconverted[sum.currency ?? ""] = entry
            }
            #expect(unconverted.mapValues(\.count) == expected.unconverted.mapValues(\.count))
            #expect(unconverted.mapValues(\.sum) == expected.unconverted.mapValues(\.sum))
            // Real publishers: some partners are classified, some are not, and both are reported.
            #expect(report.rows.contains { $0.keys == ["multi-bilateral"] })
            #expect(report.unclassified.count > 0)
            #expect(report.rows.contains { $0.keys == [nil] && $0.usd == report.unclassified.usd })
            #expect(abs((report.rows.last?.cumulativeShare ?? 0) - 1) < 1e-9)

            // Filters and a second dimension answer from the same facts.
            let byYear = try await store.funding(FundingQuery(.contributions, by: [.year, .source], from: 2015, to: 2020))
            #expect(byYear.rows.allSatisfy { ("2015"..."2020").contains($0.keys[0] ?? "") })
            let rows = byYear.rows.map(\.keys[0])
            #expect(rows == rows.sorted { ($0 ?? "") < ($1 ?? "") })
        }
    }

    @Test(arguments: TestDatabase.engines)
    func badQueriesAreRefused(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            await #expect(throws: StoreError.self) { try await store.funding(FundingQuery(by: [.year, .partner, .region])) }
            await #expect(throws: StoreError.self) { try await store.funding(FundingQuery(from: 2023, to: 2020)) }
            let empty = try await store.funding(FundingQuery(by: [.partner]))
            #expect(empty.rows.isEmpty && empty.total == "0")
        }
    }
}
