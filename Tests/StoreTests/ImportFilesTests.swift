import Foundation
import IATIValidation
import SQLKit
import Testing
import TestSupport
@testable import Store

/// `importFiles` reads the next file while it writes this one: what it stores is what one import
/// per file stores, ids included, whatever happens between the files.
@Suite(.serialized) struct ImportFilesTests {
    /// Small samples, a malformed file among them (whose failure leaves the next file nothing read
    /// ahead), and a file given twice (its second import replaces the first).
    static let files: [String] = {
        let small = StoreServiceTests.manyFiles
        return Array(small.prefix(6)) + [Fixtures.hostile("malformed.xml")] + Array(small.dropFirst(6)) + [small[0]]
    }()

    /// Every dataset's outcome and every activity's and organisation's id, identifier and dataset.
    static func contents(of store: Store) async throws -> [String] {
        try await store.read { database in
            var lines: [String] = []
            for row in try await database.sql.raw("SELECT id, name, status, activity_count, organisation_count, transaction_count, budget_count, duplicate_count FROM dataset ORDER BY id").all() {
                let counts = try ["id", "activity_count", "organisation_count", "transaction_count", "budget_count", "duplicate_count"]
                    .map { try row.decode(column: $0, as: Int?.self).map(String.init) ?? "-" }
                lines.append(try ([row.decode(column: "name", as: String.self), row.decode(column: "status", as: String.self)] + counts)
                    .joined(separator: " "))
            }
            for table in ["activity", "organisation"] {
                let identifier = table == "activity" ? "iati_identifier" : "identifier"
                for row in try await database.sql.raw("SELECT id, \(unsafeRaw: identifier) AS identifier, dataset_id FROM \(unsafeRaw: table) ORDER BY id").all() {
                    lines.append(try "\(table) \(row.decode(column: "id", as: Int.self)) \(row.decode(column: "identifier", as: String.self)) \(row.decode(column: "dataset_id", as: Int.self))")
                }
            }
            let transactions = try await database.sql.raw("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(activity_id), 0) AS BIGINT) AS ids FROM activity_transaction").first()
            lines.append(try "transactions \(transactions!.decode(column: "n", as: Int.self)) \(transactions!.decode(column: "ids", as: Int.self))")
            return lines
        }
    }

    /// The first line where `got` and `expected` differ, both sides, or `nil` when they are equal.
    static func firstDifference(_ got: [String], _ expected: [String]) -> String? {
        guard got != expected else { return nil }
        let index = zip(got, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, expected.count)
        return "line \(index): got \(index < got.count ? got[index] : "nothing"), expected \(index < expected.count ? expected[index] : "nothing")"
    }

    @Test(arguments: TestDatabase.engines)
    func storesWhatOneImportPerFileStores(database: TestDatabase) async throws {
        let expected = try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for path in Self.files { _ = await store.importFile(at: path) }
            return try await Self.contents(of: store)
        }
        let (got, reports) = try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            var reports: [ImportReport] = []
            await store.importFiles(Self.files) { reports.append($0) }
            return (try await Self.contents(of: store), reports)
        }
        #expect(reports.map(\.path) == Self.files)
        #expect(reports.map(\.status) == Self.files.map { $0.hasSuffix("malformed.xml") ? .failed : .imported })
        #expect(got.count > Self.files.count)
        #expect(Self.firstDifference(got, expected) == nil)
    }

    /// A file imported by someone else between two files takes the ids the next file was read
    /// with: that file is read again with the store's ids instead of failing on the ones it assumed.
    @Test(arguments: TestDatabase.engines)
    func aWriteBetweenFilesMakesTheNextFileReadAgain(database: TestDatabase) async throws {
        let files = Array(StoreServiceTests.manyFiles.prefix(5))
        let other = try #require(StoreServiceTests.manyFiles.last)
        let expected = try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for path in files {
                _ = await store.importFile(at: path)
                if path == files[1] { _ = await store.importFile(at: other) }
            }
            return try await Self.contents(of: store)
        }
        let got = try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            var statuses: [ImportReport.Status] = []
            await store.importFiles(files) { report in
                statuses.append(report.status)
                if report.path == files[1] { statuses.append(await store.importFile(at: other).status) }
            }
            #expect(statuses == Array(repeating: .imported, count: files.count + 1))
            return try await Self.contents(of: store)
        }
        #expect(Self.firstDifference(got, expected) == nil)
    }

    /// Without validation, the write connection's page cache stays large from a folder import's
    /// first file to its last, a single import between them included, and is as it was
    /// afterwards; with validation it is large only while each file is written (SQLite).
    @Test func thePageCacheLastsTheWholeFolderImport() async throws {
        try await TestDatabase(engine: .sqlite).with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            @Sendable func cacheSize() async throws -> Int? {
                try await store.database.sql.raw("PRAGMA cache_size").first(decodingColumn: "cache_size", as: Int.self)
            }
            let before = try await cacheSize()
            let large = -StoreWriter.bulkPageCacheKibibytes
            #expect(before != large)
            var during: [Int?] = []
            let files = Array(Self.files.prefix(8))
            await store.importFiles(files) { report in
                during.append(try? await cacheSize())
                if report.path == files[2] { _ = await store.importFile(at: files[3]) }
            }
            #expect(during == Array(repeating: large, count: files.count))
            #expect(try await cacheSize() == before)
            _ = await store.importFile(at: files[0])
            #expect(try await cacheSize() == before)
            var validating: [Int?] = []
            await store.importFiles(Array(files.prefix(3)), validator: try Validator()) { _ in validating.append(try? await cacheSize()) }
            #expect(validating == [before, before, before])
        }
    }

    /// What a folder import stores of each file's validation is what `validate` says of the file.
    @Test func storedFindingsAreValidatesFindings() async throws {
        let validator = try Validator()
        try await TestDatabase.engines[0].with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            var reports: [ImportReport] = []
            await store.importFiles(StoreServiceTests.manyFiles, validator: validator) { reports.append($0) }
            let datasets = try await store.datasets()
            var compared = 0
            for report in reports where report.status == .imported {
                let result = await validator.validate(file: report.path)
                let dataset = try #require(datasets.first { $0.sha256 == report.sha256 })
                let stored = try await store.findings(FindingQuery(datasetID: dataset.id, limit: 10_000))
                #expect(stored.map(\.severity) == result.findings.map(\.severity.rawValue), "\(report.path)")
                #expect(stored.map(\.rule) == result.findings.map(\.rule), "\(report.path)")
                #expect(stored.map(\.message) == result.findings.map(\.message), "\(report.path)")
                #expect(stored.map(\.line) == result.findings.map(\.line), "\(report.path)")
                #expect(stored.map(\.xpath) == result.findings.map(\.xpath), "\(report.path)")
                #expect(stored.map(\.activity) == result.findings.map(\.activity), "\(report.path)")
                #expect(dataset.validation?.validSchema == result.validSchema)
                compared += stored.count
            }
            #expect(compared > 1_000)
        }
    }
}
