import SQLKit

/// Versioned schema changes, applied in order and recorded in `schema_migration`.
///
/// A migration is never edited once released: a change to the schema is a new migration.
enum Migrations {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var apply: @Sendable (Database) async throws -> Void
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "datasets, activities, projections, organisations") { database in
            for table in Schema.version1 { try await create(table, in: database) }
        },
        Migration(version: 2, name: "validation findings of each dataset") { database in
            for table in Schema.version2 { try await create(table, in: database) }
        },
    ]

    static var latestVersion: Int { all.map(\.version).max() ?? 0 }

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
                try await migration.apply(database)
                try await sql.insert(into: "schema_migration")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Timestamp.now()))
                    .run()
            }
            done.append(migration.version)
        }
        return done
    }

    private static func create(_ table: Table, in database: Database) async throws {
        var builder = database.sql.create(table: table.name)
        for column in table.columns {
            var constraints: [SQLColumnConstraintAlgorithm] = []
            if column.name == table.primaryKey { constraints.append(.primaryKey(autoIncrement: false)) }
            if column.notNull { constraints.append(.notNull) }
            builder = builder.column(column.name, type: column.dataType, constraints)
        }
        try await builder.run()
        for columns in table.indexes {
            var index = database.sql.create(index: "\(table.name)_\(columns.joined(separator: "_"))").on(table.name)
            for column in columns { index = index.column(column) }
            try await index.run()
        }
        for columns in table.uniqueIndexes {
            var index = database.sql.create(index: "\(table.name)_\(columns.joined(separator: "_"))_key").unique().on(table.name)
            for column in columns { index = index.column(column) }
            try await index.run()
        }
    }
}
