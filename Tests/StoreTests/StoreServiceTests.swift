import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import TestSupport
@testable import Store

/// The store shared by tasks: readers beside the writer, writes one after the other.
@Suite(.serialized) struct StoreServiceTests {
    /// Fails instead of hanging when `body` waits for something that never comes.
    static func within<T: Sendable>(seconds: Int, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw StoreError(.database, "\(what) did not finish within \(seconds) s")
            }
            return value
        }
    }

    @Test(arguments: TestDatabase.engines)
    func readersAnswerInsideAnOpenWriteTransaction(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let sample = try #require(Fixtures.samples.first { $0.hasSuffix("iaticloud_nl-mfa_XM-DAC-7_13acts.xml") })
            #expect(await store.importFile(at: sample).status == .imported)
            let committed = try await store.stats()
            // A write transaction holds uncommitted rows (and on SQLite the write lock) while readers
            // read: from the pool, and from a store opened anew on the same database, as another process would.
            await #expect(throws: CancellationError.self) {
                try await store.writer.transaction { database in
                    try await database.execute("DELETE FROM activity_transaction")
                    try await Self.within(seconds: 30, "a read during a write") {
                        #expect(try await store.stats() == committed)
                        #expect(try await store.activities(ActivityQuery()).total == committed.activities)
                        let other = try await Store.open(location)
                        let seen = try await other.stats()
                        await other.close()
                        #expect(seen == committed)
                    }
                    throw CancellationError()  // rolls the deletion back
                }
            }
            #expect(try await store.stats() == committed)
        }
    }

    /// The samples under 1 MB: many files, quickly imported.
    static let manyFiles = Fixtures.samples.filter { Fixtures.bytes($0).count < 1 << 20 }

    @Test(arguments: TestDatabase.engines)
    func readersNeverFailWhileAnImportOfManyFilesRuns(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let finished = NIOLockedValueBox(false)
            let importing = Task {
                var imported = 0
                for path in Self.manyFiles where await store.importFile(at: path).status == .imported { imported += 1 }
                finished.withLockedValue { $0 = true }
                return imported
            }
            var reads = 0
            var lastActivities = 0
            while true {
                // A second store on the same database is what a dashboard process beside the import is.
                let other = try await Store.open(location)
                let stats = try await other.stats()
                await other.close()
                let page = try await store.activities(ActivityQuery(limit: 5))
                #expect(stats.activities >= lastActivities, "the reader went back in time")
                #expect(page.total >= stats.activities)
                lastActivities = stats.activities
                reads += 1
                if finished.withLockedValue({ $0 }) { break }
            }
            #expect(await importing.value == Self.manyFiles.count)
            #expect(reads >= 3, "only \(reads) reads while the import ran")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func concurrentImportsIntoOneStoreNeverShareATransaction(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let files = Array(Fixtures.samples.prefix(8))
            let reports = await withTaskGroup(of: ImportReport.self) { group in
                for path in files { group.addTask { await store.importFile(at: path) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reports.allSatisfy { $0.status == .imported }, "\(reports.compactMap(\.error))")
            let stats = try await store.stats()
            #expect(stats.datasets == files.count)
        }
    }

    @Test func aClosedStoreRefusesReadsAndClosesOnce() async throws {
        try await TestDatabase(engine: .sqlite).with { location in
            let store = try await Store.open(location)
            await store.close()
            await store.close()
            await #expect(throws: StoreError.self) { try await store.stats() }
        }
    }
}
