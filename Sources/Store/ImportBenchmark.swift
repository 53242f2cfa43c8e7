import Foundation
import IATI
import IATIXML
import SQLKit

/// The parts of an import timed apart by `devcoop bench import`, to tell where its time goes.
public enum ImportBenchmark {
    /// The parsing side without a database: reads the file and builds every projection row as an
    /// import would; returns how many rows.
    public static func projectRows(file path: String) throws -> Int {
        let projector = ActivityProjector()
        var rows = 0
        try IATIReader().read(file: path, contentHandler: projector) { event in
            guard case .activity(let element) = event else { return }
            if let summary = projector.pending {
                let key = ActivityKey(reportingOrg: summary.reportingOrg ?? "", identifier: summary.identifier ?? "")
                projector.commit(id: projector.nextID, datasetID: 1, key: key, identifierMissing: summary.identifier == nil,
                                 element: element, version: nil)
            } else {
                projector.batch.add(Activity(node: element.node), element: element, key: ActivityKey(reportingOrg: "", identifier: ""),
                                    identifierMissing: false, id: projector.nextID, datasetID: 1, version: nil)
                projector.nextID += 1
            }
            if projector.batch.rowCount >= 20_000 {
                rows += projector.batch.rowCount
                projector.batch = ImportBatch()
            }
        }
        return rows + projector.batch.rowCount
    }

    /// The database engine's share alone: copies every row of the SQLite store at `source` into a
    /// new store at `target` with `INSERT … SELECT`, in one transaction written as an import writes its own
    /// but with no parsing and no binding. No import into that engine can be faster than this.
    public static func copyTables(fromSQLite source: String, into target: String) async throws {
        let store = try await Store.open(target)
        do {
            let database = store.database
            try await database.execute("ATTACH DATABASE '\(source.replacingOccurrences(of: "'", with: "''"))' AS source")
            try await database.bulkTransaction {
                for table in Schema.all {
                    try await database.execute("INSERT INTO main.\(table.name) SELECT * FROM source.\(table.name)")
                }
            }
            try await database.execute("DETACH DATABASE source")
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
