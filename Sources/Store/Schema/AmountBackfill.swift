import SQLKit

/// The data step of migration 3: every stored amount gets its integer parts (``Amount``), and its
/// text becomes plain decimal text (SQLite wrote a large REAL as `1.5e+15`).
///
/// The amounts are read and written back a range of activities (or organisations) at a time, so
/// a large store is never held in memory at once. Its table names are literal: like the DDL, a
/// migration does what it did when it was released.
enum AmountBackfill {
    /// The tables with an amount, and the column of the row that owns each of their rows.
    static let tables = [
        ("activity_transaction", "activity_id"), ("budget", "activity_id"), ("planned_disbursement", "activity_id"),
        ("organisation_budget", "organisation_id"),
    ]
    /// Owners read at a time; their ids are dense (the import numbers them in order).
    static let ownersPerRead = 2_000
    /// Rows written back per `UPDATE`: five bound values each, far under either engine's limit.
    static let rowsPerWrite = 1_000

    @Sendable static func run(_ database: Database) async throws {
        for (table, owner) in tables {
            try await fill(table, owner: owner, in: database)
        }
    }

    private struct Update {
        var owner: Int
        var seq: Int
        var text: String
        var amount: Amount?
    }

    private static func fill(_ table: String, owner: String, in database: Database) async throws {
        let sql = database.sql
        let bounds = try await sql.raw("SELECT MIN(\(ident: owner)) AS low, MAX(\(ident: owner)) AS high FROM \(ident: table)").first()
        guard let low = try bounds?.decode(column: "low", as: Int?.self), let high = try bounds?.decode(column: "high", as: Int?.self) else {
            return
        }
        for start in stride(from: low, through: high, by: ownersPerRead) {
            let rows = try await sql.raw("""
                SELECT \(ident: owner) AS owner, seq, value FROM \(ident: table)
                WHERE \(ident: owner) >= \(bind: start) AND \(ident: owner) < \(bind: start + ownersPerRead) AND value IS NOT NULL
                """).all()
            let updates = try rows.map { row in
                let stored = try row.decode(column: "value", as: String.self)
                let text = Amount.plainText(stored) ?? stored
                return Update(owner: try row.decode(column: "owner", as: Int.self), seq: try row.decode(column: "seq", as: Int.self),
                              text: text, amount: Amount.split(text))
            }
            for chunk in stride(from: 0, to: updates.count, by: rowsPerWrite).map({ updates[$0..<min($0 + rowsPerWrite, updates.count)] }) {
                let values = chunk.map { update -> SQLQueryString in
                    "(\(binds: [update.owner, update.seq, update.text, update.amount?.whole, update.amount?.nanos]))"
                }
                // VALUES names its columns column1… on both engines; the casts type the NULLs of an amount too large to split.
                try await sql.raw("""
                    UPDATE \(ident: table) SET value = v.column3, value_whole = CAST(v.column4 AS BIGINT),
                    value_nanos = CAST(v.column5 AS BIGINT)
                    FROM (VALUES \(values.joined(separator: ", "))) AS v
                    WHERE \(ident: table).\(ident: owner) = v.column1 AND \(ident: table).seq = v.column2
                    """).run()
            }
        }
    }
}
