import Foundation
import IATIValidation
import NIOConcurrencyHelpers
import ServiceLifecycle
import SQLKit

/// The store: every imported IATI file, its activities and organisations, and their projections.
///
/// One set of queries runs on SQLite (a file, the default) and PostgreSQL (a `postgres://` URL).
/// Each activity is kept as the XML it was published as; projection tables serve the queries.
///
/// A store is shared by every task of a process: writes (imports) go one after the other through
/// one connection (``StoreWriter``), reads through a pool of connections of their own
/// (``ReaderPool``) that never wait for a write, on SQLite too (always in WAL mode). As a
/// `Service` it closes its connections when its service group shuts down.
public final class Store: Sendable, Service {
    let writer: StoreWriter
    let readers: ReaderPool
    private let closed = NIOLockedValueBox(false)

    /// The write connection, for tests and benchmarks of this module that go around the writer's lock.
    var database: Database { writer.database }

    private init(writer: StoreWriter, readers: ReaderPool) {
        self.writer = writer
        self.readers = readers
    }

    /// Opens the database at `location` (a path or a `postgres://` URL) and brings its schema up to date.
    /// - Parameter readers: the most read connections open at once.
    public static func open(_ location: String, readers: Int = 4) async throws -> Store {
        let database = try await Database.open(location, role: .writer)
        do {
            try await Migrations.migrate(database)
            try await PortfolioFacts.rebuildIfStale(in: database)
        } catch {
            await database.close()
            throw error
        }
        return Store(
            writer: StoreWriter(database: database),
            readers: ReaderPool(limit: readers) { try await Database.open(location, role: .reader) })
    }

    /// Where the store is, with any password hidden.
    public var location: String { database.location }

    public var engineName: String { database.isPostgres ? "PostgreSQL" : "SQLite" }

    /// Waits for the service group's graceful shutdown, then closes the store.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Closes every connection; work still waiting for one fails. Closing again does nothing.
    public func close() async {
        let wasClosed = closed.withLockedValue { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        await readers.close()
        try? await writer.exclusive { await $0.close() }
    }

    /// Runs `body` with a read connection of its own.
    func read<T>(_ body: (Database) async throws -> T) async throws -> T {
        try await readers.withConnection(body)
    }

    /// Imports one file in one transaction: all its activities or none. The report says which.
    /// With a `validator`, the file is validated first and its verdict and findings are stored with it.
    public func importFile(
        at path: String, validator: Validator? = nil, progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) async -> ImportReport {
        await Importer(writer: writer, validator: validator).importFile(at: path, progress: progress)
    }

    /// Imports files one after the other, each as ``importFile(at:validator:progress:)`` imports it
    /// (in a transaction of its own), and hands each report to `each` in order. Faster than one
    /// call per file: the next file is read and validated while this one is written.
    public func importFiles(
        _ paths: [String], validator: Validator? = nil, progress: (@Sendable (ImportProgress) -> Void)? = nil,
        each: (ImportReport) async -> Void
    ) async {
        await Importer(writer: writer, validator: validator).importFiles(paths, progress: progress, each: each)
    }

    /// Every stored activity document of a dataset (by its sha256), in file order.
    public func activityDocuments(datasetSHA256 sha256: String) async throws -> [StoredDocument] {
        try await read { database in try await Self.activityDocuments(database.sql.select())
            .where(SQLColumn("sha256", table: "dataset"), .equal, SQLBind(sha256))
            .orderBy(SQLColumn("id", table: "activity"))
            .all()
            .map(StoredDocument.init(row:))
        }
    }

    /// `select` reading what ``StoredDocument`` needs of activities: their XML and their dataset's namespaces.
    static func activityDocuments(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        select
            .column(SQLColumn("xml", table: "activity"))
            .column(SQLColumn("upgraded", table: "activity"))
            .column(SQLColumn("namespaces", table: "dataset"))
            .from("activity")
            .join("dataset", on: SQLColumn("dataset_id", table: "activity"), .equal, SQLColumn("id", table: "dataset"))
    }

    /// Every stored organisation document of a dataset (by its sha256), in file order.
    public func organisationDocuments(datasetSHA256 sha256: String) async throws -> [StoredDocument] {
        try await read { database in try await database.sql.select()
            .column(SQLColumn("xml", table: "organisation"))
            .column(SQLColumn("namespaces", table: "dataset"))
            .column(SQLColumn("version", table: "dataset"))
            .from("organisation")
            .join("dataset", on: SQLColumn("dataset_id", table: "organisation"), .equal, SQLColumn("id", table: "dataset"))
            .where(SQLColumn("sha256", table: "dataset"), .equal, SQLBind(sha256))
            .orderBy(SQLColumn("id", table: "organisation"))
            .all()
            .map(StoredDocument.init(row:))
        }
    }
}

/// An activity or organisation as stored: its published XML and the context to read it again.
public struct StoredDocument: Sendable {
    public var xml: String
    public var namespaces: [String: String]
    public var legacy: Bool

    init(row: any SQLRow) throws {
        var parsed: [String: [String: String]] = [:]
        try self.init(row: row, parsedNamespaces: &parsed)
    }

    /// `parsedNamespaces` keeps the namespaces already decoded, by their JSON: the rows of one
    /// dataset all carry the same.
    init(row: any SQLRow, parsedNamespaces: inout [String: [String: String]]) throws {
        xml = try row.decode(column: "xml", as: String.self)
        let namespacesJSON = try row.decodeNil(column: "namespaces") ? "{}" : row.decode(column: "namespaces", as: String.self)
        if let known = parsedNamespaces[namespacesJSON] {
            namespaces = known
        } else {
            namespaces = (try? JSONDecoder().decode([String: String].self, from: Data(namespacesJSON.utf8))) ?? [:]
            parsedNamespaces[namespacesJSON] = namespaces
        }
        // An activity says whether it was upgraded; an organisation goes by its file's version.
        if row.contains(column: "upgraded") {
            legacy = try row.decode(column: "upgraded", as: Int.self) != 0
        } else {
            legacy = try row.decode(column: "version", as: String?.self)?.trimmingCharacters(in: .whitespaces).hasPrefix("1") ?? false
        }
    }
}
