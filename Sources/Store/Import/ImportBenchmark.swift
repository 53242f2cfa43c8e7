import Foundation
import SQLKit

/// The parts of an import timed apart by `devcoop bench import`, to tell where its time goes.
package enum ImportBenchmark {
    /// The parsing side of an import without a database: the import's own producer (parser,
    /// projection rows, hash) with batches thrown away as they come; returns how many rows.
    package static func projectRows(file path: String) async throws -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let (pipe, batches) = BatchPipe.make()
        Producer(path: path, size: size, datasetID: 1, firstActivityID: 1, firstOrganisationID: 1,
                 batchRows: 20_000, pipe: pipe, progress: nil).start()
        var rows = 0
        for try await batch in batches { rows += batch.rowCount }
        return rows
    }

    /// The database engine's share alone: copies every row of the SQLite store at `source` into a
    /// new store at `target` with `INSERT … SELECT`, in one transaction written as an import writes its own
    /// but with no parsing and no binding. No import into that engine can be faster than this.
    package static func copyTables(fromSQLite source: String, into target: String) async throws {
        let store = try await Store.open(target)
        do {
            let database = store.database
            try await database.execute("ATTACH DATABASE '\(source.replacingOccurrences(of: "'", with: "''"))' AS source")
            try await store.writer.bulkTransaction { database in
                for table in Schema.all {
                    // A new store has its settings already.
                    try await database.execute("DELETE FROM main.\(table.name)")
                    try await database.execute("INSERT INTO main.\(table.name) SELECT * FROM source.\(table.name)")
                }
                try await database.execute("INSERT INTO main.\(NarrativeSearch.table) (\(NarrativeSearch.table)) VALUES ('delete-all')")
                try await NarrativeSearch.add(in: database, activitiesFrom: 0)
            }
            try await database.execute("DETACH DATABASE source")
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
