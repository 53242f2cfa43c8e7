import VaporCSQLite

/// `devcoop_rows`, a virtual table over one batch of ``TableRows`` kept in memory: the import
/// writes each batch into its table with one `INSERT INTO t (…) SELECT c0, c1, … FROM devcoop_rows`,
/// which SQLite runs as one loop, instead of binding every value and stepping every row.
///
/// It is eponymous (usable without `CREATE VIRTUAL TABLE`) and lives only in the connection that
/// registered it: nothing of it is stored in the file. Its texts are handed to SQLite in place.
enum SQLiteRowsTable {
    static let name = "devcoop_rows"
    /// Columns `c0`… it declares: the widest table has fewer.
    static let columnCount = 32

    /// The batch being written: set around one statement, read by the callbacks.
    struct Source {
        var cells: UnsafeBufferPointer<StoredCell> = UnsafeBufferPointer(start: nil, count: 0)
        var bytes: UnsafePointer<CChar>?
        var width = 1
        var rowCount: Int { cells.count / width }
    }

    /// The table's state in a connection, a `sqlite3_vtab` first so SQLite can hold it as one.
    private struct Table {
        var base = sqlite3_vtab()
        var source: UnsafeMutablePointer<Source>
    }

    private struct Cursor {
        var base = sqlite3_vtab_cursor()
        var row = 0
    }

    /// Registers the table in the connection; `source` is what it reads, for as long as the connection is open.
    static func register(in handle: OpaquePointer, source: UnsafeMutablePointer<Source>) -> Bool {
        precondition(MemoryLayout<Table>.offset(of: \.base) == 0 && MemoryLayout<Cursor>.offset(of: \.base) == 0)
        return sqlite_nio_sqlite3_create_module_v2(handle, name, module, source, nil) == SQLITE_OK
    }

    /// The statement that writes the source's rows into `table`: the columns at `indexes` of
    /// `columns` (the others are left NULL).
    ///
    /// `OR ROLLBACK`: the rows are always written in a transaction that a failure rolls back whole
    /// (an import's), so SQLite need not keep a statement journal, a copy of every page the
    /// statement changes, to undo that statement alone.
    static func insertStatement(into table: String, columns: [String], indexes: [Int]) -> String {
        "INSERT OR ROLLBACK INTO \(table) (\(indexes.map { columns[$0] }.joined(separator: ","))) SELECT "
            + indexes.map { "c\($0)" }.joined(separator: ",") + " FROM \(name)"
    }

    /// Never changed once made; SQLite reads it from any thread.
    nonisolated(unsafe) private static let module: UnsafeMutablePointer<sqlite3_module> = {
        var module = sqlite3_module()
        module.iVersion = 1
        module.xCreate = nil  // eponymous only
        module.xConnect = { handle, source, _, _, table, _ in
            let declaration = "CREATE TABLE x(" + (0..<SQLiteRowsTable.columnCount).map { "c\($0)" }.joined(separator: ",") + ")"
            guard sqlite_nio_sqlite3_declare_vtab(handle, declaration) == SQLITE_OK, let source else { return SQLITE_ERROR }
            let state = UnsafeMutablePointer<Table>.allocate(capacity: 1)
            state.initialize(to: Table(source: source.assumingMemoryBound(to: Source.self)))
            table?.pointee = UnsafeMutableRawPointer(state).assumingMemoryBound(to: sqlite3_vtab.self)
            return SQLITE_OK
        }
        module.xBestIndex = { _, info in
            info?.pointee.estimatedCost = 1
            return SQLITE_OK
        }
        module.xDisconnect = { table in
            UnsafeMutableRawPointer(table)?.assumingMemoryBound(to: Table.self).deallocate()
            return SQLITE_OK
        }
        module.xDestroy = module.xDisconnect
        module.xOpen = { _, cursor in
            let state = UnsafeMutablePointer<Cursor>.allocate(capacity: 1)
            state.initialize(to: Cursor())
            cursor?.pointee = UnsafeMutableRawPointer(state).assumingMemoryBound(to: sqlite3_vtab_cursor.self)
            return SQLITE_OK
        }
        module.xClose = { cursor in
            UnsafeMutableRawPointer(cursor)?.assumingMemoryBound(to: Cursor.self).deallocate()
            return SQLITE_OK
        }
        module.xFilter = { cursor, _, _, _, _ in
            UnsafeMutableRawPointer(cursor)!.assumingMemoryBound(to: Cursor.self).pointee.row = 0
            return SQLITE_OK
        }
        module.xNext = { cursor in
            UnsafeMutableRawPointer(cursor)!.assumingMemoryBound(to: Cursor.self).pointee.row += 1
            return SQLITE_OK
        }
        module.xEof = { cursor in
            let row = UnsafeMutableRawPointer(cursor)!.assumingMemoryBound(to: Cursor.self).pointee.row
            return row < source(of: cursor!).pointee.rowCount ? 0 : 1
        }
        module.xColumn = { cursor, context, column in
            let row = UnsafeMutableRawPointer(cursor)!.assumingMemoryBound(to: Cursor.self).pointee.row
            let source = source(of: cursor!)
            let width = source.pointee.width
            guard Int(column) < width else {
                sqlite_nio_sqlite3_result_null(context)
                return SQLITE_OK
            }
            let cell = source.pointee.cells[row * width + Int(column)]
            if cell.isNull {
                sqlite_nio_sqlite3_result_null(context)
            } else if cell.isInteger {
                sqlite_nio_sqlite3_result_int64(context, sqlite3_int64(cell.value))
            } else if let bytes = source.pointee.bytes {
                // SQLITE_STATIC: the bytes outlive the statement.
                sqlite_nio_sqlite3_result_text(context, bytes + cell.value, Int32(cell.length), nil)
            } else {
                sqlite_nio_sqlite3_result_text(context, "", 0, nil)
            }
            return SQLITE_OK
        }
        module.xRowid = { cursor, rowid in
            rowid?.pointee = sqlite3_int64(UnsafeMutableRawPointer(cursor)!.assumingMemoryBound(to: Cursor.self).pointee.row)
            return SQLITE_OK
        }
        let pointer = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
        pointer.initialize(to: module)
        return pointer
    }()

    private static func source(of cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>) -> UnsafeMutablePointer<Source> {
        UnsafeMutableRawPointer(cursor.pointee.pVtab)!.assumingMemoryBound(to: Table.self).pointee.source
    }
}
