/// One value of a row written by the bulk path: text, integer or NULL.
///
/// Money and dates travel as text: binding `Decimal` would print `69752699.50` as `69752699.5`, and
/// PostgreSQL reads text into `NUMERIC` and `DATE` exactly.
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

/// Rows bound for one table, flattened: `cells.count` is a multiple of the table's column count.
struct TableRows: Sendable {
    let table: Table
    var cells: [Cell] = []

    init(_ table: Table) {
        self.table = table
    }

    var rowCount: Int { cells.count / table.columns.count }

    mutating func append(_ row: [Cell]) {
        precondition(row.count == table.columns.count, "row of \(row.count) cells for \(table.name)")
        cells.append(contentsOf: row)
    }
}
