import Foundation
import Portfolio
import Testing
@testable import Store

/// `rates load`: a newer ECB file converts every sum again, in one transaction.
@Suite(.serialized) struct ExchangeRateLoadTests {
    /// One activity with a EUR, a JOD and a USD incoming commitment, funded by Germany.
    static func activityFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rates-\(UUID().uuidString).xml").path
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03" generated-datetime="2026-01-15T00:00:00Z">
             <iati-activity default-currency="EUR">
              <iati-identifier>XM-DAC-41302-TEST-1</iati-identifier>
              <reporting-org ref="XM-DAC-41302" type="40"><narrative>ILO</narrative></reporting-org>
              <title><narrative>Test</narrative></title>
              <participating-org ref="XM-DAC-5" role="1" type="10"><narrative>Germany</narrative></participating-org>
              <activity-status code="2"/>
              <recipient-country code="JO"/>
              <transaction><transaction-type code="11"/><transaction-date iso-date="2020-03-06"/><value value-date="2020-03-06">1000</value><provider-org ref="XM-DAC-5"/></transaction>
              <transaction><transaction-type code="11"/><transaction-date iso-date="2020-03-06"/><value currency="JOD" value-date="2020-03-06">500</value></transaction>
              <transaction><transaction-type code="11"/><transaction-date iso-date="2021-01-01"/><value currency="USD">250.5</value></transaction>
             </iati-activity>
            </iati-activities>
            """
        try xml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: TestDatabase.engines)
    func aNewerFileConvertsEverySumAgainAndABadOneChangesNothing(database: TestDatabase) async throws {
        let file = try Self.activityFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await database.with { location in
            try await Store.using(location) { store in
                let report = await store.importFile(at: file)
                #expect(report.status == .imported)
                let before = try await store.funding(FundingQuery(by: [.partner]))
                // 1,000 EUR at the ECB's 1.1336 of 6 March 2020, plus 250.50 USD.
                #expect(before.total == "1384.1")
                #expect(before.rows.map(\.keys) == [["Germany"]])
                #expect(before.rows.first?.category == "multi-bilateral")
                // The sum left in JOD, and the group it belongs to: without a provider, the funding participating-org.
                #expect(before.unconverted == [UnconvertedSum(currency: "JOD", reason: "currency not quoted by the ECB", count: 1, sum: "500",
                                                              groups: [.init(keys: ["Germany"], category: "multi-bilateral", count: 1, sum: "500")])])
                #expect(before.rows.first.map { $0.count } == 2)
                #expect(before.unclassified.count == 0)

                let csv = "Date,USD,JOD,\n2020-03-06,2.0,0.5,\n2020-03-05,1.5,N/A,\n"
                let loaded = try await store.loadExchangeRates(file: Data(csv.utf8), source: "test file")
                #expect(loaded.factsRebuilt == 3 && loaded.lastDay == "2020-03-06")
                let after = try await store.funding(FundingQuery(by: [.partner]))
                // 1,000 EUR × 2 + 500 JOD × 2 / 0.5 + 250.50 USD.
                #expect(after.total == "4250.5")
                #expect(after.unconverted.isEmpty)
                #expect(after.rateBasis.hasPrefix("test file"))

                await #expect(throws: StoreError.self) { try await store.loadExchangeRates(file: Data("nonsense".utf8), source: "bad") }
                #expect(try await store.funding(FundingQuery()).total == "4250.5")
            }
            // Reopened, the store keeps the loaded rates; facts lost (as in a store upgraded to
            // this release) are rebuilt when it opens.
            try await Store.using(location) { reopened in
                #expect(try await reopened.funding(FundingQuery()).total == "4250.5")
                try await reopened.database.sql.delete(from: "portfolio_fact").run()
                try await reopened.database.sql.delete(from: "store_setting").run()
            }
            let rebuilt = try await Store.using(location) { try await $0.funding(FundingQuery()) }
            #expect(rebuilt.total == "4250.5")
        }
    }
}
