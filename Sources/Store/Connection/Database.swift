import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import PostgresNIO
import SQLiteKit
import SQLiteNIO
import SQLKit
import VaporCSQLite

/// One connection to the store's database: SQLite (a file, the default) or PostgreSQL (a `postgres://` URL).
///
/// A store opens one ``Role/writer`` (behind ``StoreWriter``) and a pool of ``Role/reader``s
/// (``ReaderPool``). SQLite runs in WAL mode always, so readers never wait for the writer.
///
/// Queries, aggregates and migrations go through SQLKit, one set for both engines. The bulk path
/// of the import does not: on SQLite it runs one `INSERT … SELECT` per table and batch from a
/// virtual table over the rows in memory (``SQLiteRowsTable``) on the connection's own `sqlite3`
/// handle, and on PostgreSQL it uses `COPY`, several times faster than SQLKit's builder or
/// sqlite-nio's `query` (which converts and hops threads for every statement).
final class Database: Sendable {
    enum Engine: Sendable {
        /// A reader has no handle: it never takes the bulk path.
        case sqlite(SQLiteConnection, SQLiteHandle?)
        case postgres(PostgresConnection)
    }

    /// What a connection is opened for.
    enum Role: Sendable {
        /// The one connection that writes: it sets the file's journal mode and takes the bulk path.
        case writer
        /// A connection that only reads (SQLite refuses its writes: `query_only`).
        case reader
    }

    /// sqlite-nio's `sqlite3*`, which it opens in serialized mode, so it may be used from any
    /// thread; the store uses it only between sqlite-nio's queries, never during one.
    struct SQLiteHandle: @unchecked Sendable {
        let raw: OpaquePointer
        /// What the connection's ``SQLiteRowsTable`` reads: set only around the statement that reads it.
        let rowsSource: UnsafeMutablePointer<SQLiteRowsTable.Source>
        /// The bulk path's statements, prepared once per table.
        let statements = PreparedStatements()
        /// Held while a batch is written: the rows source and the statements serve one batch at a time.
        let bulkLock = NSLock()

        /// sqlite-nio keeps the handle internal; reading it through reflection uses the one SQLite
        /// the process links (a second copy on the same file would break its locking).
        init?(_ connection: SQLiteConnection) {
            guard let raw = Mirror(reflecting: connection).descendant("handle", "raw") as? OpaquePointer else { return nil }
            self.raw = raw
            rowsSource = .allocate(capacity: 1)
            rowsSource.initialize(to: SQLiteRowsTable.Source())
            guard SQLiteRowsTable.register(in: raw, source: rowsSource) else {
                rowsSource.deallocate()
                return nil
            }
        }
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
                throw StoreError(.location, "not a usable PostgreSQL URL: \(Self.redacted(location))")
            }
            do {
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(),
                    configuration: configuration.coreConfiguration, id: 1, logger: logger
                ).get()
                let database = Database(engine: .postgres(connection), location: Self.redacted(location))
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
                throw StoreError(.location, "cannot connect to \(Self.redacted(location)): \(String(reflecting: error))")
            }
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: location), logger: logger)
        } catch {
            throw StoreError(.location, "cannot open the SQLite database \(location): \(error)")
        }
        var handle: SQLiteHandle?
        if role == .writer {
            handle = SQLiteHandle(connection)
            guard handle != nil else {
                try? await connection.close()
                throw StoreError(.location, "cannot reach the sqlite3 handle of sqlite-nio's connection (has its SQLiteConnection changed?)")
            }
        }
        let database = Database(engine: .sqlite(connection, handle), location: location)
        do {
            // Another connection may hold a write lock for a moment (a migration, a checkpoint).
            try await database.execute("PRAGMA busy_timeout = 10000")
            switch role {
            case .writer:
                // WAL lets readers (the dashboard) go on while an import writes, and never changes
                // back: switching modes needs the file to itself, and a reader opening then fails.
                // NORMAL is durable at each commit in WAL.
                try await database.execute("PRAGMA journal_mode = WAL")
                try await database.execute("PRAGMA synchronous = NORMAL")
            case .reader:
                try await database.execute("PRAGMA query_only = 1")
            }
            return database
        } catch {
            await database.close()
            throw StoreError(.location, "cannot open the SQLite database \(location): \(error)")
        }
    }

    func close() async {
        switch engine {
        case .sqlite(let connection, let handle):
            handle?.statements.finalizeAll()
            try? await connection.close()
            handle?.rowsSource.deallocate()
        case .postgres(let connection): try? await connection.close()
        }
    }

    /// Runs one statement that returns nothing.
    func execute(_ statement: String) async throws {
        do {
            try await sql.raw(SQLQueryString(statement)).run()
        } catch {
            throw StoreError(.database, "\(statement.prefix(80)): \(String(reflecting: error))")
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await execute(isPostgres ? "BEGIN" : "BEGIN IMMEDIATE")
        do {
            let value = try await body()
            try await execute("COMMIT")
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
                    for rows in tables { try Self.insert(rows, sqlite: handle) }
                }
            case .postgres(let connection):
                for rows in tables { try await Self.copy(rows, postgres: connection) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "writing rows into \(tables.map(\.table.name).joined(separator: ", ")): \(String(reflecting: error))")
        }
    }

    /// One `INSERT … SELECT` from ``SQLiteRowsTable``, which reads the rows in place.
    private static func insert(_ rows: TableRows, sqlite handle: SQLiteHandle) throws {
        handle.bulkLock.lock()
        defer { handle.bulkLock.unlock() }
        let table = rows.table
        func failure(_ what: String) -> StoreError {
            let message = sqlite_nio_sqlite3_errmsg(handle.raw).map { String(cString: $0) } ?? "error"
            return StoreError(.database, "\(what) into \(table.name): \(message)")
        }
        // Columns NULL in every row are left out: SQLite then asks for fewer values per row.
        let width = table.columns.count
        var filled = [Bool](repeating: false, count: width)
        var filledCount = 0
        rows.cells.withUnsafeBufferPointer { cells in
            for row in stride(from: 0, to: cells.count, by: width) where filledCount < width {
                for column in 0..<width where !filled[column] && !cells[row + column].isNull {
                    filled[column] = true
                    filledCount += 1
                }
            }
        }
        let indexes = filled.indices.filter { filled[$0] }
        let name = table.name + ":" + indexes.map(String.init).joined(separator: ",")
        guard let statement = handle.statements.statement(for: name, in: handle.raw, sql: {
            SQLiteRowsTable.insertStatement(into: table.name, columns: table.columnNames, indexes: indexes)
        }) else {
            throw failure("preparing the insert")
        }
        defer { sqlite_nio_sqlite3_reset(statement) }
        try rows.cells.withUnsafeBufferPointer { cells in
            try rows.bytes.withUnsafeBufferPointer { bytes in
                handle.rowsSource.pointee = SQLiteRowsTable.Source(
                    cells: cells, bytes: bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                    width: table.columns.count)
                defer { handle.rowsSource.pointee = SQLiteRowsTable.Source() }
                guard sqlite_nio_sqlite3_step(statement) == SQLITE_DONE else { throw failure("writing \(rows.rowCount) rows") }
            }
        }
    }

    /// `COPY … FROM STDIN` in text format: `\`, tab, newline and CR escaped, NULL as `\N`.
    private static func copy(_ rows: TableRows, postgres connection: PostgresConnection) async throws {
        let width = rows.table.columns.count
        try await connection.copyFrom(table: rows.table.name, columns: rows.table.columnNames, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for (index, cell) in rows.cells.enumerated() {
                if cell.isNull {
                    buffer.writeStaticString("\\N")
                } else if cell.isInteger {
                    buffer.writeString(String(cell.value))
                } else {
                    rows.bytes.withUnsafeBufferPointer { bytes in
                        Self.writeEscaped(UnsafeBufferPointer(rebasing: bytes[cell.value..<(cell.value + cell.length)]), into: &buffer)
                    }
                }
                buffer.writeInteger(UInt8(index % width == width - 1 ? 10 : 9))
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: inout ByteBuffer) {
        guard bytes.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 0 }) else {
            buffer.writeBytes(bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case 92: buffer.writeStaticString("\\\\")
            case 9: buffer.writeStaticString("\\t")
            case 10: buffer.writeStaticString("\\n")
            case 13: buffer.writeStaticString("\\r")
            case 0: break  // PostgreSQL text cannot hold NUL; XML cannot either, so none comes from a parsed file.
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// The URL without its password, for messages.
    static func redacted(_ location: String) -> String {
        guard var components = URLComponents(string: location), components.password != nil else { return location }
        components.password = "***"
        return components.string ?? location
    }
}


/// Statements kept prepared on one SQLite connection, by name; finalized before it closes.
final class PreparedStatements: @unchecked Sendable {
    private let lock = NSLock()
    private var statements: [String: OpaquePointer] = [:]
    /// More than this many are all finalized before the next is prepared.
    private let limit = 256

    /// The statement named `name`, prepared from `sql()` the first time; `nil` when it does not prepare.
    func statement(for name: String, in handle: OpaquePointer, sql: () -> String) -> OpaquePointer? {
        lock.lock()
        defer { lock.unlock() }
        if let statement = statements[name] { return statement }
        if statements.count >= limit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
        }
        var prepared: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, sql(), -1, &prepared, nil) == SQLITE_OK, let prepared else { return nil }
        statements[name] = prepared
        return prepared
    }

    func finalizeAll() {
        lock.lock()
        defer { lock.unlock() }
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements = [:]
    }
}
