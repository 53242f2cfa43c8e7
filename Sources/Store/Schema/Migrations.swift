import Foundation
import SQLKit

/// Versioned schema changes, applied in order and recorded in `schema_migration`.
///
/// A migration is never edited once released: a change to the schema is a new migration, with
/// literal DDL of its own (``MigrationDDL``), so a column added to ``Schema`` later cannot change
/// what an earlier version creates.
enum Migrations {
    struct Migration: Sendable {
        var version: Int
        var name: String
        /// The DDL on SQLite, and on PostgreSQL with `INTEGER` read as `BIGINT` unless `postgres` is given.
        var sqlite: String
        var postgres: String?
        /// What the migration then does to the rows the DDL kept.
        var data: (@Sendable (Database) async throws -> Void)?

        /// The statements to run on one engine, in order.
        func statements(postgres onPostgres: Bool) -> [String] {
            let text = onPostgres ? postgres ?? Migrations.postgresDDL(sqlite) : sqlite
            // Statements end with `;` at the end of a line; no literal in this DDL holds one.
            return text.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
                .filter { !$0.isEmpty }
        }
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "datasets, activities, projections, organisations", sqlite: MigrationDDL.version1),
        Migration(version: 2, name: "validation findings of each dataset", sqlite: MigrationDDL.version2),
        Migration(
            version: 3, name: "money as exact decimal text, with integer parts to sum it",
            sqlite: MigrationDDL.version3SQLite, postgres: MigrationDDL.version3PostgreSQL, data: AmountBackfill.run),
        // Its rows are derived data: Store.open builds them (``PortfolioFacts``), not the migration.
        Migration(version: 4, name: "portfolio facts, exchange rate files, settings", sqlite: MigrationDDL.version4),
        Migration(
            version: 5, name: "full-text search of narratives (trigrams)",
            sqlite: MigrationDDL.version5SQLite, postgres: MigrationDDL.version5PostgreSQL),
        Migration(version: 6, name: "strategy, indicators, country programmes, change log", sqlite: MigrationDDL.version6),
        Migration(version: 7, name: "E&S screenings, their answers and measures, pipeline status history", sqlite: MigrationDDL.version7),
        Migration(version: 8, name: "the activities of each dataset that fail the schema", sqlite: MigrationDDL.version8),
        Migration(version: 9, name: "search index segments merged 16 at a time", sqlite: MigrationDDL.version9SQLite, postgres: ""),
        Migration(version: 10, name: "search index of which activities hold a trigram, not where", sqlite: MigrationDDL.version10SQLite, postgres: ""),
        Migration(version: 11, name: "the kind and line of a dataset's failure", sqlite: MigrationDDL.version11),
    ]

    static var latestVersion: Int { all.map(\.version).max() ?? 0 }

    /// The one rule from SQLite's DDL to PostgreSQL's: `INTEGER` is `BIGINT` (both 64 bits).
    static func postgresDDL(_ sqlite: String) -> String {
        sqlite.replacingOccurrences(of: #"\bINTEGER\b"#, with: "BIGINT", options: .regularExpression)
    }

    /// Applies every migration the database has not seen; returns the versions applied.
    @discardableResult
    static func migrate(_ database: Database) async throws -> [Int] {
        let sql = database.sql
        try await sql.create(table: "schema_migration").ifNotExists()
            .column("version", type: .bigint, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .column("applied_at", type: .text, .notNull)
            .run()
        let applied = Set(try await sql.select().column("version").from("schema_migration").all(decodingColumn: "version", as: Int.self))
        if let newest = applied.max(), newest > latestVersion {
            throw StoreError(.schemaTooNew, "the database is at schema version \(newest); this DevCoop knows up to \(latestVersion): update DevCoop")
        }
        var done: [Int] = []
        for migration in all where !applied.contains(migration.version) {
            try await database.transaction {
                for statement in migration.statements(postgres: database.isPostgres) {
                    try await database.execute(statement)
                }
                try await migration.data?(database)
                try await sql.insert(into: "schema_migration")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Timestamp.now()))
                    .run()
            }
            done.append(migration.version)
        }
        return done
    }
}
