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
/// Queries, aggregates and migrations go through SQLKit, one set for both engines. The bulk path
/// of the import does not: it writes multi-row `INSERT`s through sqlite-nio and `COPY` on PostgreSQL,
/// several times faster than SQLKit's builder.
final class Database: Sendable {
    enum Engine: Sendable {
        case sqlite(SQLiteConnection)
        case postgres(PostgresConnection)
    }

    let engine: Engine
    let sql: any SQLDatabase
    let location: String
    private static let logger = Logger(label: "devcoop.store")

    private init(engine: Engine, location: String) {
        self.engine = engine
        self.location = location
        switch engine {
        case .sqlite(let connection): sql = connection.sql()
        case .postgres(let connection): sql = connection.sql(queryLogLevel: nil)
        }
    }

    var isPostgres: Bool {
        if case .postgres = engine { return true }
        return false
    }

    /// Opens `location`: a `postgres://` / `postgresql://` URL, or else the path of an SQLite file (created when missing).
    static func open(_ location: String) async throws -> Database {
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
        let database = Database(engine: .sqlite(connection), location: location)
        do {
            // WAL lets readers (the dashboard) go on while an import writes; NORMAL is durable at each commit in WAL.
            try await database.execute("PRAGMA journal_mode = WAL")
            try await database.execute("PRAGMA synchronous = NORMAL")
            try await database.execute("PRAGMA busy_timeout = 10000")
            return database
        } catch {
            await database.close()
            throw StoreError(.location, "cannot open the SQLite database \(location): \(error)")
        }
    }

    func close() async {
        switch engine {
        case .sqlite(let connection): try? await connection.close()
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
        guard rows.rowCount > 0 else { return }
        do {
            switch engine {
            case .sqlite(let connection): try await Self.insert(rows, sqlite: connection)
            case .postgres(let connection): try await Self.copy(rows, postgres: connection)
            }
        } catch {
            throw StoreError(.database, "writing \(rows.rowCount) rows into \(rows.table.name): \(String(reflecting: error))")
        }
    }

    /// Multi-row `INSERT`s of at most 32,766 binds (SQLite's limit), the statement text built once per size.
    private static func insert(_ rows: TableRows, sqlite connection: SQLiteConnection) async throws {
        let width = rows.table.columns.count
        let rowsPerStatement = min(1000, 32_766 / width)
        let total = rows.rowCount
        var statements: [Int: String] = [:]
        var start = 0
        while start < total {
            let count = min(rowsPerStatement, total - start)
            let statement = statements[count] ?? {
                let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
                let text = "INSERT INTO \(rows.table.name) (\(rows.table.columnNames.joined(separator: ","))) VALUES "
                    + Array(repeating: tuple, count: count).joined(separator: ",")
                statements[count] = text
                return text
            }()
            var binds: [SQLiteData] = []
            binds.reserveCapacity(count * width)
            for cell in rows.cells[(start * width)..<((start + count) * width)] {
                switch cell {
                case .null: binds.append(.null)
                case .text(let text): binds.append(.text(text))
                case .integer(let integer): binds.append(.integer(integer))
                }
            }
            try await connection.query(statement, binds) { _ in }
            start += count
        }
    }

    /// `COPY … FROM STDIN` in text format: `\`, tab, newline and CR escaped, NULL as `\N`.
    private static func copy(_ rows: TableRows, postgres connection: PostgresConnection) async throws {
        let width = rows.table.columns.count
        try await connection.copyFrom(table: rows.table.name, columns: rows.table.columnNames, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for (index, cell) in rows.cells.enumerated() {
                switch cell {
                case .null: buffer.writeStaticString("\\N")
                case .integer(let integer): buffer.writeString(String(integer))
                case .text(let text): Self.writeEscaped(text, into: &buffer)
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

    private static func writeEscaped(_ text: String, into buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
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
    }

    /// The URL without its password, for messages.
    static func redacted(_ location: String) -> String {
        guard var components = URLComponents(string: location), components.password != nil else { return location }
        components.password = "***"
        return components.string ?? location
    }
}
