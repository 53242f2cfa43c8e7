import Foundation
import Portfolio
import SQLKit
import Testing
@testable import Store

/// The import makes the facts from its rows in memory; a rebuild reads the stored tables: both
/// give the same rows.
@Suite(.serialized) struct PortfolioFactsTests {
    /// Every fact, every column as text, in the order of activity and transaction.
    static func facts(_ store: Store) async throws -> [[String?]] {
        let columns = Schema.portfolioFact.columnNames
        let list = columns.map { "CAST(\($0) AS TEXT) AS \($0)" }.joined(separator: ", ")
        return try await store.database.sql.raw("SELECT \(unsafeRaw: list) FROM portfolio_fact ORDER BY activity_id, seq").all()
            .map { row in try columns.map { try row.decode(column: $0, as: String?.self) } }
    }

    @Test(arguments: TestDatabase.engines)
    func theImportsFactsEqualThoseRebuiltFromTheTables(database: TestDatabase) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facts-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        // The demo portfolio (the agency's tags, many currencies), real files of other publishers
        // (legacy ones go through the model), and amounts in JOD and USD.
        var files = try DemoFiles.write(try DemoPortfolio(seed: 1), to: folder).map(\.path)
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples/iati").standardized
        files += try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".xml") }.sorted()
            .map { samples.appendingPathComponent($0).path }
        let rates = try ExchangeRateLoadTests.activityFile()
        defer { try? FileManager.default.removeItem(atPath: rates) }
        files.append(rates)
        try await database.with { location in
            try await Store.using(location) { store in
                for file in files { _ = await store.importFile(at: file) }
                let imported = try await Self.facts(store)
                #expect(imported.count > 10_000)
                try await store.writer.transaction { database in
                    try await database.sql.delete(from: Schema.portfolioFact.name).run()
                    try await PortfolioFacts.build(in: database, activitiesFrom: 0)
                }
                let rebuilt = try await Self.facts(store)
                #expect(rebuilt.count == imported.count)
                for (index, (left, right)) in zip(imported, rebuilt).enumerated() where left != right {
                    Issue.record("fact \(index): imported \(left), rebuilt \(right)")
                    break
                }
            }
        }
    }

    @Test func convertedSumsPrintAsADecimalPrints() {
        var values = ["0", "0.05", "-0.05", "-0.5", "100", "1088.14", "-13.38", "9999999999999999.99", "-10000000000000000",
                      "123456789012345678901234.56", "1e3", "0.001"].map { Decimal(string: $0)! }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var value = Decimal(
                sign: Bool.random(using: &generator) ? .minus : .plus, exponent: -Int.random(in: 0...6, using: &generator),
                significand: Decimal(UInt64.random(in: 0...999_999_999_999_999, using: &generator)))
                * Decimal(sign: .plus, exponent: -4, significand: Decimal(Int.random(in: 1_000...200_000, using: &generator)))
            var cents = Decimal()
            NSDecimalRound(&cents, &value, 2, .plain)
            values.append(cents)
        }
        for value in values {
            let printed = "\(value)"
            let made = PortfolioFacts.dollars(value)
            #expect(made.text == printed)
            #expect(made.amount == Amount.split(printed))
        }
    }
}
