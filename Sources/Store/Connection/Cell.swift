/// One value of a row written by the bulk path: text, integer or NULL.
///
/// Money, percentages and dates travel as text: binding `Decimal` would print `69752699.50` as
/// `69752699.5`, and PostgreSQL reads text into `NUMERIC` and `DATE` exactly.
enum Cell: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int)

    init(_ text: String?) {
        self = text.map(Cell.text) ?? .null
    }

    init(_ integer: Int?) {
        self = integer.map(Cell.integer) ?? .null
    }
}

/// The cells of a row by column name, in any order: `["activity_id": .integer(id), "ref": Cell(ref)]`.
/// A literal keeps its pairs in an array (no hashing); ``TableRows/append(_:)-(NamedCells)`` places
/// them, and a column left out is NULL.
struct NamedCells: ExpressibleByDictionaryLiteral {
    var pairs: [(name: String, cell: Cell)]

    init(dictionaryLiteral elements: (String, Cell)...) {
        pairs = elements.map { (name: $0.0, cell: $0.1) }
    }

    /// The pairs of every part, in order.
    init(joining parts: [NamedCells]) {
        pairs = parts.flatMap(\.pairs)
    }
}

/// A cell as ``TableRows`` keeps it: an integer, NULL, or a range of the rows' text bytes.
struct StoredCell: Sendable, Equatable {
    /// The integer, or where the text starts.
    fileprivate(set) var value: Int
    /// The text's length; `-1` for NULL, `-2` for an integer.
    fileprivate(set) var length: Int

    static let null = StoredCell(value: 0, length: -1)

    static func integer(_ value: Int) -> StoredCell { StoredCell(value: value, length: -2) }

    var isNull: Bool { length == -1 }
    var isInteger: Bool { length == -2 }
}

/// Rows bound for one table, flattened: `cells.count` is a multiple of the table's column count, and
/// every text is a range of one byte buffer, so building a row allocates nothing per cell.
struct TableRows: Sendable {
    let table: Table
    private(set) var cells: [StoredCell] = []
    private(set) var bytes: [UInt8] = []

    init(_ table: Table) {
        self.table = table
    }

    var rowCount: Int { cells.count / table.columns.count }

    mutating func reserveCapacity(cells: Int, bytes: Int) {
        self.cells.reserveCapacity(cells)
        self.bytes.reserveCapacity(bytes)
    }

    /// Appends a row given cell by cell, in the table's column order.
    mutating func append(_ row: [Cell]) {
        precondition(row.count == table.columns.count, "row of \(row.count) cells for \(table.name)")
        for cell in row {
            switch cell {
            case .null: cells.append(.null)
            case .integer(let integer): cells.append(.integer(integer))
            case .text(var text): cells.append(text.withUTF8 { store($0) })
            }
        }
    }

    /// Appends a row given by column name; a name the table does not have, or one given twice, is a programming error.
    mutating func append(_ row: NamedCells) {
        var cells = [Cell](repeating: .null, count: table.columns.count)
        var given = [Bool](repeating: false, count: table.columns.count)
        for (name, cell) in row.pairs {
            let index = table.index(of: name)
            precondition(!given[index], "column \(name) of \(table.name) given twice")
            given[index] = true
            cells[index] = cell
        }
        append(cells)
    }

    /// Appends a row built with ``store(_:)``.
    mutating func append(_ row: some Collection<StoredCell>) {
        precondition(row.count == table.columns.count, "row of \(row.count) cells for \(table.name)")
        cells.append(contentsOf: row)
    }

    /// Keeps text bytes for a cell of a row about to be appended.
    mutating func store(_ text: some Collection<UInt8>) -> StoredCell {
        let start = bytes.count
        bytes.append(contentsOf: text)
        return StoredCell(value: start, length: bytes.count - start)
    }

    mutating func store(_ text: String) -> StoredCell {
        var text = text
        return text.withUTF8 { store($0) }
    }

    /// The cell at `row`, `column`.
    subscript(row: Int, column: Int) -> StoredCell {
        get { cells[row * table.columns.count + column] }
        set { cells[row * table.columns.count + column] = newValue }
    }

    /// A cell's text, for callers that want a `String`.
    func text(_ cell: StoredCell) -> String? {
        guard cell.length >= 0 else { return nil }
        // From a buffer: decoding an array slice takes the slow path.
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[cell.value..<(cell.value + cell.length)]), as: UTF8.self)
        }
    }

    /// Where the rows end now, to go back to with ``truncate(to:)``.
    var mark: (cells: Int, bytes: Int) { (cells.count, bytes.count) }

    /// Drops the rows (and their text) appended since `mark`.
    mutating func truncate(to mark: (cells: Int, bytes: Int)) {
        cells.removeSubrange(mark.cells...)
        bytes.removeSubrange(mark.bytes...)
    }
}
