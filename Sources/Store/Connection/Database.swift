import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import PostgresNIO
import SQLiteKit
import SQLiteNIO
import SQLKit

/// One connection to the store's database: SQLite (a file, the default) or PostgreSQL (a `postgres://` URL).
///
/// A store opens one ``Role/writer`` (behind ``StoreWriter``) and a pool of ``Role/reader``s
/// (``ReaderPool``). SQLite runs in WAL mode always, so readers never wait for the writer.
///
/// Queries, aggregates and migrations go through SQLKit, one set for both engines. The bulk path
/// of the import does not: ``insert(_:)-([TableRows])`` writes through ``SQLiteBulkWriter`` or
/// ``PostgresCopy``.
final class Database: Sendable {
    enum Engine: Sendable {
        /// A reader has no handle: it never takes the bulk path.
        case sqlite(SQLiteConnection, SQLiteBulkWriter?)
        case postgres(PostgresConnection)
    }

    /// What a connection is opened for.
    enum Role: Sendable {
        /// The one connection that writes: it sets the file's journal mode and takes the bulk path.
        case writer
        /// A connection that only reads (SQLite refuses its writes: `query_only`).
        case reader
    }

    let engine: Engine
    let sql: any SQLDatabase
    let location: String
    private static let logger = Logger(label: "devcoop.store")

    private init(engine: Engine, location: String) {
        self.engine = engine
        self.location = location
        switch engine {
        case .sqlite(let connection, _):
            sql = connection.sql()
        case .postgres(let connection):
            sql = connection.sql(queryLogLevel: nil)
        }
    }

    var isPostgres: Bool {
        if case .postgres = engine { return true }
        return false
    }

    /// Opens `location`: a `postgres://` / `postgresql://` URL, or else the path of an SQLite file (created when missing).
    static func open(_ location: String, role: Role) async throws -> Database {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") || location.hasPrefix("postgres+") {
            let url = location.hasPrefix("postgresql://") ? "postgres://" + location.dropFirst("postgresql://".count) : location
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw StoreError(.location, "not a usable PostgreSQL URL: \(StoreError.redacted(location))")
            }
            do {
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(),
                    configuration: configuration.coreConfiguration, id: 1, logger: logger
                ).get()
                let database = Database(engine: .postgres(connection), location: StoreError.redacted(location))
                do {
                    try await database.execute("SET client_min_messages TO WARNING")
                    if role == .reader { try await database.execute("SET default_transaction_read_only = on") }
                } catch {
                    await database.close()
                    throw error
                }
                return database
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(.location, "cannot connect to \(StoreError.redacted(location)): \(StoreError.cause(of: error))")
            }
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: location), logger: logger)
        } catch {
            throw StoreError(.location, "cannot open the SQLite database \(location): \(Self.whyNotOpened(location, error))")
        }
        var handle: SQLiteBulkWriter?
        if role == .writer {
            handle = SQLiteBulkWriter(connection)
            guard handle != nil else {
                try? await connection.close()
                throw StoreError(.location, "cannot reach the sqlite3 handle of sqlite-nio's connection (has its SQLiteConnection changed?)")
            }
        }
        let database = Database(engine: .sqlite(connection, handle), location: location)
        do {
            // Another connection may hold a write lock for a moment (a migration, a checkpoint).
            try await database.execute("PRAGMA busy_timeout = 10000")
            try await connection.install(customFunction: NarrativeSearch.containsFunction)
            switch role {
            case .writer:
                // WAL lets readers (the dashboard) go on while an import writes, and never changes
                // back: switching modes needs the file to itself, and a reader opening then fails.
                // NORMAL is durable at each commit in WAL.
                // A new file gets pages of 64 KiB (an existing one keeps its own): an import writes
                // a fourth less CPU time with them than with 4 KiB (fewer pages to balance, to
                // write to the WAL and to copy at the checkpoint), the file is 3% larger, and the
                // funding queries, which scan, are no slower.
                try await database.execute("PRAGMA page_size = 65536")
                try await database.execute("PRAGMA journal_mode = WAL")
                try await database.execute("PRAGMA synchronous = NORMAL")
            case .reader:
                try await database.execute("PRAGMA query_only = 1")
            }
            return database
        } catch {
            await database.close()
            throw StoreError(.location, "cannot open the SQLite database \(location): \(Self.whyNotOpened(location, error))")
        }
    }

    func close() async {
        switch engine {
        case .sqlite(let connection, let handle):
            handle?.finalizeStatements()
            try? await connection.close()
            handle?.deallocate()
        case .postgres(let connection): try? await connection.close()
        }
    }

    /// Runs one statement that returns nothing.
    func execute(_ statement: String) async throws {
        do {
            try await sql.raw(SQLQueryString(statement)).run()
        } catch {
            let cause = StoreError.cause(of: error)
            var failure = StoreError(.database, "\(StoreError.oneLine(String(statement.prefix(80)))): \(cause)")
            failure.cause = cause
            throw failure
        }
    }

    /// Runs `body` (a bulk write: an import) with the connection's page cache at `kibibytes` on
    /// SQLite, then as it was: the B-tree pages the write goes back to (indexes, the last page of
    /// each table) stay in memory instead of going out to the WAL and being read back.
    func withPageCache<T: Sendable>(kibibytes: Int, _ body: () async throws -> T) async throws -> T {
        let previous = try await setPageCache(kibibytes: kibibytes)
        do {
            let value = try await body()
            try await restorePageCache(previous)
            return value
        } catch {
            try? await restorePageCache(previous)
            throw error
        }
    }

    /// Sets the page cache to `kibibytes` (SQLite); returns the `cache_size` it had, for
    /// ``restorePageCache(_:)``. PostgreSQL has no such setting: `nil`.
    func setPageCache(kibibytes: Int) async throws -> Int? {
        guard !isPostgres else { return nil }
        let previous = try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self) ?? -2_000
        try await execute("PRAGMA cache_size = -\(kibibytes)")
        return previous
    }

    /// Sets the page cache back to what ``setPageCache(kibibytes:)`` returned.
    func restorePageCache(_ previous: Int?) async throws {
        guard let previous else { return }
        try await execute("PRAGMA cache_size = \(previous)")
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await execute(isPostgres ? "BEGIN" : "BEGIN IMMEDIATE")
        do {
            let value = try await body()
            // A large commit's checkpoint copies the WAL into the database file and syncs both.
            if case .sqlite(_, let handle?) = engine {
                try await WriteBack.during(handle.filesToWriteBack()) { try await execute("COMMIT") }
            } else {
                try await execute("COMMIT")
            }
            return value
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
    }

    // MARK: Bulk path

    /// Writes the rows into their table on the engine's fastest path.
    func insert(_ rows: TableRows) async throws {
        try await insert([rows])
    }

    /// Writes rows of several tables, in order; on SQLite in one trip to the thread pool.
    func insert(_ tables: [TableRows]) async throws {
        let tables = tables.filter { $0.rowCount > 0 }
        guard !tables.isEmpty else { return }
        do {
            switch engine {
            case .sqlite(_, let handle):
                guard let handle else { throw StoreError(.database, "a read connection cannot write rows") }
                // On the thread pool sqlite-nio runs its queries on: blocking calls stay off the tasks' threads.
                try await NIOThreadPool.singleton.runIfActive {
                    for rows in tables { try handle.insert(rows) }
                    // What the batch added to the WAL goes to disk while the next is made.
                    WriteBack.start(handle.filesToWriteBack())
                }
            case .postgres(let connection):
                for rows in tables { try await PostgresCopy.copy(rows, into: connection) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "writing rows into \(tables.map(\.table.name).joined(separator: ", ")): \(StoreError.cause(of: error))")
        }
    }

    /// The URL without its password, for messages.
    /// Why SQLite could not open or read the file at `path`, in words that point at the fix:
    /// SQLite itself says only `unable to open database file` for a missing folder and a folder without permission alike.
    private static func whyNotOpened(_ path: String, _ error: any Error) -> String {
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { return "it is a folder" }
            if access(path, R_OK | W_OK) != 0 { return "permission denied" }
        } else if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            return "the folder \(folder) does not exist"
        } else if !isFolder.boolValue {
            return "\(folder) is not a folder"
        } else if access(folder, W_OK | X_OK) != 0 {
            return "permission denied in \(folder)"
        }
        if let error = error as? StoreError, error.reason == .database, let cause = error.cause { return cause }
        return StoreError.cause(of: error)
    }
}
