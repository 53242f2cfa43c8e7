#if canImport(Glibc)
import Glibc
#endif
import NIOConcurrencyHelpers
import SQLiteNIO
// Not a product of sqlite-nio, so it cannot be named in Package.swift: it comes with SQLiteNIO,
// whose version is pinned to the minor release whose private layout `init?(_:)` relies on.
import VaporCSQLite

/// The SQLite side of the import's bulk path, and the only code that reaches into sqlite-nio:
/// one `INSERT … SELECT` per table and batch from ``SQLiteRowsTable``, a virtual table over the
/// rows in memory, on the connection's own `sqlite3` handle. Several times faster than SQLKit's
/// builder or sqlite-nio's `query`, which converts and hops threads for every statement.
///
/// sqlite-nio opens the handle in serialized mode, so it may be used from any thread; the store
/// uses it only between sqlite-nio's queries (the writer's lock keeps them apart), never during one.
final class SQLiteBulkWriter: @unchecked Sendable {
    private let raw: OpaquePointer
    /// What the connection's ``SQLiteRowsTable`` reads: set only around the statement that reads it.
    private let rowsSource: UnsafeMutablePointer<SQLiteRowsTable.Source>
    /// The statements, prepared once per table and set of filled columns.
    private let statements = PreparedStatements()
    /// Held while a batch is written: the rows source and the statements serve one batch at a time.
    private let lock = NIOLock()

    /// The writer of `connection`; `nil` when its handle cannot be reached (sqlite-nio changed).
    ///
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

    /// To be called before the connection closes.
    func finalizeStatements() {
        statements.finalizeAll()
    }

    /// To be called once the connection is closed.
    func deallocate() {
        rowsSource.deallocate()
    }

    /// The descriptors SQLite writes the database file and its WAL through, for ``WriteBack``;
    /// none while the WAL holds less than `walBytes` (a small commit's checkpoint has little to
    /// sync). Only descriptors found to be open on the files at their paths; never closed here:
    /// they are SQLite's (closing any descriptor of a file drops the process's locks on it).
    func filesToWriteBack(walBytes: Int = 4 << 20) -> [Int32] {
        lock.withLock {
            guard let name = sqlite_nio_sqlite3_db_filename(raw, "main"), let wal = sqlite_nio_sqlite3_filename_wal(name),
                  let walDescriptor = descriptor(SQLITE_FCNTL_JOURNAL_POINTER, path: String(cString: wal)),
                  Self.size(walDescriptor) >= walBytes else { return [] }
            return [walDescriptor] + (descriptor(SQLITE_FCNTL_FILE_POINTER, path: String(cString: name)).map { [$0] } ?? [])
        }
    }

    /// The descriptor of the file SQLite's file control `operation` points at, when it is open on `path`.
    private func descriptor(_ operation: Int32, path: String) -> Int32? {
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite_nio_sqlite3_file_control(raw, "main", operation, &file) == SQLITE_OK, let file,
              file.pointee.pMethods != nil else { return nil }
        // The unix VFS's `unixFile` begins with its methods, its VFS and its inode, then the
        // descriptor (os_unix.c); checked against the path, so another VFS is never mistaken for it.
        let descriptor = UnsafeRawPointer(file).load(fromByteOffset: 3 * MemoryLayout<UnsafeRawPointer>.stride, as: Int32.self)
        var open = stat(), named = stat()
        guard descriptor >= 0, fstat(descriptor, &open) == 0, stat(path, &named) == 0,
              open.st_dev == named.st_dev, open.st_ino == named.st_ino else { return nil }
        return descriptor
    }

    private static func size(_ descriptor: Int32) -> Int {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
    }

    /// One `INSERT … SELECT` from ``SQLiteRowsTable``, which reads the rows in place.
    func insert(_ rows: TableRows) throws {
        try lock.withLock { try insertLocked(rows) }
    }

    private func insertLocked(_ rows: TableRows) throws {
        let table = rows.table
        func failure(_ what: String) -> StoreError {
            let message = sqlite_nio_sqlite3_errmsg(raw).map { String(cString: $0) } ?? "error"
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
        guard let statement = statements.statement(for: name, in: raw, sql: {
            SQLiteRowsTable.insertStatement(into: table.name, columns: table.columnNames, indexes: indexes)
        }) else {
            throw failure("preparing the insert")
        }
        defer { sqlite_nio_sqlite3_reset(statement) }
        try rows.cells.withUnsafeBufferPointer { cells in
            try rows.bytes.withUnsafeBufferPointer { bytes in
                rowsSource.pointee = SQLiteRowsTable.Source(
                    cells: cells, bytes: bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                    width: table.columns.count)
                defer { rowsSource.pointee = SQLiteRowsTable.Source() }
                guard sqlite_nio_sqlite3_step(statement) == SQLITE_DONE else { throw failure("writing \(rows.rowCount) rows") }
            }
        }
    }
}

/// Statements kept prepared on one SQLite connection, by name; finalized before it closes.
private final class PreparedStatements: @unchecked Sendable {
    private let lock = NIOLock()
    private var statements: [String: OpaquePointer] = [:]
    /// More than this many are all finalized before the next is prepared.
    private let limit = 256

    /// The statement named `name`, prepared from `sql()` the first time; `nil` when it does not prepare.
    func statement(for name: String, in handle: OpaquePointer, sql: () -> String) -> OpaquePointer? {
        lock.withLock { prepared(name, in: handle, sql: sql) }
    }

    private func prepared(_ name: String, in handle: OpaquePointer, sql: () -> String) -> OpaquePointer? {
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
        lock.withLock {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
        }
    }
}
