import Foundation
import IATI
import IATIXML
import TestSupport
import Testing
@testable import Store

/// `stats` sums transaction values exactly: to the last digit of an exact decimal sum of the
/// values as published in the sample files.
@Suite(.serialized) struct TransactionValueTests {
    struct Group: Hashable {
        var type: String?
        var currency: String?
    }

    /// Every transaction the store keeps after importing the samples in order (``KeptSampleActivities``).
    static func expectedGroups() throws -> [Group: (count: Int, sum: Decimal)] {
        let transactions = try KeptSampleActivities.read().flatMap { activity in
            activity.transactions.map { transaction in
                (Group(type: transaction.transactionType, currency: transaction.value?.currency ?? activity.defaultCurrency),
                 transaction.value?.text)
            }
        }
        var groups: [Group: (count: Int, sum: Decimal)] = [:]
        for (group, text) in transactions {
            var entry = groups[group] ?? (0, 0)
            entry.count += 1
            if let text, var amount = Value.parseAmount(text) {
                // The store adds amounts to the billionth, rounded half-even (UNDP Congo publishes
                // float artifacts such as `888325.6800000001`); the text keeps every digit.
                var rounded = Decimal()
                NSDecimalRound(&rounded, &amount, 9, .bankers)
                entry.sum += rounded
            }
            groups[group] = entry
        }
        return groups
    }

    @Test(arguments: TestDatabase.engines)
    func sumsEqualAnExactSumOfTheSampleFiles(database: TestDatabase) async throws {
        let expected = try Self.expectedGroups()
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for path in Fixtures.samples { _ = await store.importFile(at: path) }
            let stats = try await store.stats()
            var seen = Set<Group>()
            for value in stats.transactionValues {
                let group = Group(type: value.type, currency: value.currency)
                seen.insert(group)
                guard let want = expected[group] else {
                    Issue.record("type \(value.type ?? "nil") currency \(value.currency ?? "nil"): not in the files")
                    continue
                }
                #expect(value.count == want.count, "\(group)")
                #expect(value.tooLarge == 0)
                let sum = try #require(value.sum)
                // Decimal is exact to 38 digits: equal numbers, to the last digit.
                #expect(Decimal(string: sum) == want.sum, "\(group): \(sum) ≠ \(want.sum)")
                #expect(!sum.contains("e") && (!sum.contains(".") || !sum.hasSuffix("0")), "\(sum) is not plain decimal text")
            }
            #expect(seen == Set(expected.keys))
            #expect(stats.transactionValues.reduce(0) { $0 + $1.count } == stats.transactions)
            // The samples hold sums past 15 significant digits, which a double cannot add exactly.
            #expect(stats.transactionValues.contains { ($0.sum?.filter(\.isNumber).count ?? 0) > 15 })
        }
    }

    /// An amount with more digits than a double keeps, and one too large for 64 bits, through both write paths.
    @Test(arguments: TestDatabase.engines)
    func keepsEveryDigitAndReportsWhatItCannotAdd(database: TestDatabase) async throws {
        try await database.with { location in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-test-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            func activity(_ id: String, _ type: String, _ values: [String]) -> String {
                """
                <iati-activity default-currency="EUR"><iati-identifier>\(id)</iati-identifier><reporting-org ref="XM-TEST"/>
                \(values.map { "<transaction><transaction-type code=\"\(type)\"/><value>\($0)</value></transaction>" }.joined())
                </iati-activity>
                """
            }
            // The fast path (2.03) and the model's (1.05, upgraded: `D` is a disbursement, code 3).
            let files = [("v203.xml", "2.03", "3"), ("v105.xml", "1.05", "D")]
            for (index, (name, version, type)) in files.enumerated() {
                let path = folder.appendingPathComponent(name).path
                let body = activity("XM-TEST-\(index)-1", type, ["12345678901234567.891", "-0.000000001", "1 000.50"])
                    + activity("XM-TEST-\(index)-2", type, ["99999999999999999999.5"])
                try "<iati-activities version=\"\(version)\">\(body)</iati-activities>".write(toFile: path, atomically: true, encoding: .utf8)
                let store = try await Store.open(location)
                let report = await store.importFile(at: path)
                #expect(report.status == .imported, "\(report.error ?? "")")
                let values = try await store.database.sql.raw("""
                    SELECT t.value, t.value_whole, t.value_nanos FROM activity_transaction t JOIN activity a ON a.id = t.activity_id
                    WHERE a.iati_identifier LIKE \(bind: "XM-TEST-\(index)-%") ORDER BY a.id, t.seq
                    """).all().map {
                    [try $0.decode(column: "value", as: String.self), try $0.decode(column: "value_whole", as: Int?.self).map(String.init) ?? "NULL",
                     try $0.decode(column: "value_nanos", as: Int?.self).map(String.init) ?? "NULL"]
                }
                #expect(values == [
                    ["12345678901234567.891", "12345678901234567", "891000000"],
                    ["-0.000000001", "0", "-1"],
                    ["1000.50", "1000", "500000000"],
                    ["99999999999999999999.5", "NULL", "NULL"],
                ], "\(name)")
                await store.close()
            }
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let values = try await store.stats().transactionValues
            #expect(values == [StoreStats.TransactionValue(type: "3", currency: "EUR", count: 8, sum: nil, tooLarge: 2)])
        }
    }
}
