import Foundation
import IATIValidation
import SQLKit
import TestSupport
import Testing
@testable import Store

/// The migrations' literal DDL against the live ``Schema``, and a store of the previous release upgraded.
@Suite(.serialized) struct MigrationTests {
    /// A table as the database describes it, in the terms of ``Schema``.
    struct TableShape: Equatable, CustomStringConvertible {
        struct ColumnShape: Equatable {
            var name: String
            var type: String
            var notNull: Bool
        }

        struct IndexShape: Hashable {
            var name: String
            var columns: [String]
            var unique: Bool
        }

        var columns: [ColumnShape]
        var primaryKey: String?
        var indexes: Set<IndexShape>

        var description: String {
            "columns \(columns.map { "\($0.name) \($0.type)\($0.notNull ? " NOT NULL" : "")" }), primary key \(primaryKey ?? "none"), indexes \(indexes.sorted { $0.name < $1.name })"
        }

        /// What ``Schema`` says the table is.
        init(_ table: Table, postgres: Bool) {
            columns = table.columns.map { ColumnShape(name: $0.name, type: $0.declaredType(postgres: postgres), notNull: $0.notNull) }
            primaryKey = table.primaryKey
            indexes = Set(table.indexes.map { IndexShape(name: "\(table.name)_\($0.joined(separator: "_"))", columns: $0, unique: false) }
                + table.uniqueIndexes.map { IndexShape(name: "\(table.name)_\($0.joined(separator: "_"))_key", columns: $0, unique: true) })
        }

        init(columns: [ColumnShape], primaryKey: String?, indexes: Set<IndexShape>) {
            self.columns = columns
            self.primaryKey = primaryKey
            self.indexes = indexes
        }

        /// What the database says the table is.
        static func read(_ name: String, from store: Store) async throws -> TableShape {
            let sql = store.database.sql
            if store.database.isPostgres {
                let columns = try await sql.raw("""
                    SELECT column_name, data_type, is_nullable FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = \(bind: name) ORDER BY ordinal_position
                    """).all().map {
                    ColumnShape(name: try $0.decode(column: "column_name", as: String.self), type: try $0.decode(column: "data_type", as: String.self),
                                notNull: try $0.decode(column: "is_nullable", as: String.self) == "NO")
                }
                var primaryKey: String?
                var indexes = Set<IndexShape>()
                for row in try await sql.raw("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = \(bind: name)").all() {
                    let indexName = try row.decode(column: "indexname", as: String.self)
                    let definition = try row.decode(column: "indexdef", as: String.self)
                    // `CREATE [UNIQUE] INDEX name ON public.table USING btree (a, b)`
                    let inside = definition[definition.index(after: definition.lastIndex(of: "(")!)..<definition.lastIndex(of: ")")!]
                    let columns = inside.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "") }
                    if indexName == "\(name)_pkey" {
                        primaryKey = columns.joined(separator: ",")
                    } else {
                        indexes.insert(IndexShape(name: indexName, columns: columns, unique: definition.hasPrefix("CREATE UNIQUE")))
                    }
                }
                return TableShape(columns: columns, primaryKey: primaryKey, indexes: indexes)
            }
            var primaryKey: String?
            let columns = try await sql.raw("SELECT name, type, \"notnull\" AS not_null, pk FROM pragma_table_info(\(bind: name)) ORDER BY cid").all().map { row in
                let column = ColumnShape(name: try row.decode(column: "name", as: String.self), type: try row.decode(column: "type", as: String.self),
                                         notNull: try row.decode(column: "not_null", as: Int.self) != 0)
                if try row.decode(column: "pk", as: Int.self) != 0 { primaryKey = column.name }
                return column
            }
            var indexes = Set<IndexShape>()
            for row in try await sql.raw("SELECT name, \"unique\" AS is_unique, origin FROM pragma_index_list(\(bind: name))").all() {
                let indexName = try row.decode(column: "name", as: String.self)
                let indexColumns = try await sql.raw("SELECT name FROM pragma_index_info(\(bind: indexName)) ORDER BY seqno").all(decodingColumn: "name", as: String.self)
                if try row.decode(column: "origin", as: String.self) == "pk" {
                    primaryKey = indexColumns.joined(separator: ",")
                } else {
                    indexes.insert(IndexShape(name: indexName, columns: indexColumns, unique: try row.decode(column: "is_unique", as: Int.self) != 0))
                }
            }
            return TableShape(columns: columns, primaryKey: primaryKey, indexes: indexes)
        }
    }

    /// The tables of the database other than `schema_migration`.
    static func tableNames(_ store: Store) async throws -> Set<String> {
        let query: SQLQueryString = store.database.isPostgres
            ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        return Set(try await store.database.sql.raw(query).all(decodingColumn: "name", as: String.self)).subtracting(["schema_migration"])
            .filter { !NarrativeSearch.isSearchTable($0) }
    }

    /// The narratives' full-text index: SQLite's FTS5 table of trigrams, PostgreSQL's trigram index on `narrative.text`.
    static func expectSearchIndex(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard !store.database.isPostgres else { return }
        let definition = try await store.database.sql.raw(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = \(bind: NarrativeSearch.table)"
        ).first(decodingColumn: "sql", as: String.self)
        #expect(definition?.contains("fts5") == true && definition?.contains("tokenize='trigram'") == true
                && definition?.contains("detail=none") == true, sourceLocation: sourceLocation)
    }

    static func expectMatchesSchema(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await tableNames(store) == Set(Schema.all.map(\.name)), sourceLocation: sourceLocation)
        for table in Schema.all {
            let actual = try await TableShape.read(table.name, from: store)
            var expected = TableShape(table, postgres: store.database.isPostgres)
            if store.database.isPostgres, table.name == Schema.narrative.name {
                expected.indexes.insert(.init(name: NarrativeSearch.postgresIndex, columns: ["text gin_trgm_ops"], unique: false))
            }
            #expect(actual == expected, "\(table.name): the database has \(actual), Schema says \(expected)", sourceLocation: sourceLocation)
        }
        try await expectSearchIndex(store, sourceLocation: sourceLocation)
    }

    @Test(arguments: TestDatabase.engines)
    func everyMigrationTogetherGivesTheLiveSchema(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            try await Self.expectMatchesSchema(store)
            let versions = try await store.database.sql.raw("SELECT version FROM schema_migration ORDER BY version").all(decodingColumn: "version", as: Int.self)
            #expect(versions == Migrations.all.map(\.version))
        }
    }

    @Test func postgresDDLReadsIntegerAsBigint() {
        #expect(Migrations.postgresDDL(#"CREATE TABLE "t" ("id" INTEGER PRIMARY KEY NOT NULL, "integers" TEXT);"#)
            == #"CREATE TABLE "t" ("id" BIGINT PRIMARY KEY NOT NULL, "integers" TEXT);"#)
        // Only a migration that says so (an empty `postgres`) does nothing on PostgreSQL.
        #expect(Migrations.all.allSatisfy {
            !$0.statements(postgres: false).isEmpty && ($0.postgres == "" || !$0.statements(postgres: true).isEmpty)
        })
    }

    /// Migrations 9 and 10: a new SQLite store's search index merges its segments 16 at a time.
    @Test func theSearchIndexMergesSixteenSegmentsAtATime() async throws {
        try await TestDatabase(engine: .sqlite).with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let automerge = try await store.database.sql.raw("SELECT v FROM activity_search_config WHERE k = 'automerge'")
                .first(decodingColumn: "v", as: Int.self)
            #expect(automerge == 16)
        }
    }

    /// The files the fixture store `schema-v2.db` holds, in the order the previous release imported them.
    static let fixtureFiles = [
        "Samples/iati/flattener_ifad_XM-DAC-41108_1act.xml", "Samples/iati/att_be-dgd_XM-DAC-2-10_4acts.xml",
        "Samples/iati/iaticloud_nl-mfa_XM-DAC-7_13acts.xml", "Samples/iati/validator_hiv-aids-alliance_21020_organisation_1.05.xml",
        "Samples/iati/att_worldbank-tz_44000_1.01.xml", "Samples/iati/iaticloud_nl-mfa_XM-DAC-7_organisation.xml",
        "Samples/iati/flattener_gdihub_GB-COH-11126312_4acts.xml", "Tests/Fixtures/hostile/malformed.xml",
    ].map { Fixtures.repository.appendingPathComponent($0).path }

    /// A store written by the previous release (schema version 2, money as SQLite REAL) is upgraded
    /// in place and keeps every figure: its stats equal those of the same files imported now.
    @Test func upgradesAStoreOfThePreviousReleaseKeepingEveryFigure() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-test-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("schema-v2.db").path
        try FileManager.default.copyItem(atPath: Fixtures.root.appendingPathComponent("stores/schema-v2.db").path, toPath: old)

        let upgraded = try await Store.open(old)
        defer { Task { await upgraded.close() } }
        try await Self.expectMatchesSchema(upgraded)
        let upgradedStats = try await upgraded.stats()

        let fresh = try await Store.open(folder.appendingPathComponent("fresh.sqlite").path)
        defer { Task { await fresh.close() } }
        let validator = try Validator()
        for path in Self.fixtureFiles { _ = await fresh.importFile(at: path, validator: validator) }
        let freshStats = try await fresh.stats()

        #expect(upgradedStats.datasets == 7)
        #expect(upgradedStats.failedDatasets == 1)
        #expect(upgradedStats.transactionValues.allSatisfy { $0.sum != nil })
        #expect(upgradedStats.transactionValues.reduce(0) { $0 + $1.count } == upgradedStats.transactions)
        #expect(upgradedStats == freshStats)

        // Every amount, not only the sums: the upgraded text and integers equal a fresh import's.
        for table in ["activity_transaction", "budget", "planned_disbursement", "organisation_budget"] {
            let query: SQLQueryString = "SELECT value, value_whole, value_nanos FROM \(ident: table) ORDER BY value_whole, value_nanos, value"
            func amounts(_ store: Store) async throws -> [String] {
                try await store.database.sql.raw(query).all().map {
                    "\(try $0.decode(column: "value", as: String?.self) ?? "NULL") \(try $0.decode(column: "value_whole", as: Int?.self).map(String.init) ?? "NULL") \(try $0.decode(column: "value_nanos", as: Int?.self).map(String.init) ?? "NULL")"
                }
            }
            let upgradedAmounts = try await amounts(upgraded)
            let freshAmounts = try await amounts(fresh)
            #expect(upgradedAmounts.count == freshAmounts.count, "\(table)")
            // The old store kept 15 significant digits as a REAL: `1000.50` came back as `1000.5`.
            // Equal as numbers, and the integers equal exactly.
            for (was, now) in zip(upgradedAmounts, freshAmounts) where was != now {
                let (a, b) = (was.split(separator: " "), now.split(separator: " "))
                #expect(Decimal(string: String(a[0])) == Decimal(string: String(b[0])) && a[1...] == b[1...], "\(table): \(was) ≠ \(now)")
            }
        }
    }
}
