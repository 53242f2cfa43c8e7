import SQLKit

extension Store {
    /// A token that changes whenever what the store answers may have changed: a file imported (or
    /// refused: each attempt is a dataset), a rate file loaded, or a change to the strategy or the
    /// country programmes (each logged in `change_log`). A server keeps computed answers
    /// while it stays the same; one cheap query, on a read connection.
    public func changeToken() async throws -> String {
        try await read { database in
            let row = try await database.sql.raw("""
                SELECT (SELECT COALESCE(MAX(id), 0) FROM dataset) AS datasets,
                       (SELECT COALESCE(MAX(id), 0) FROM exchange_rate_file) AS rates,
                       (SELECT COALESCE(MAX(id), 0) FROM change_log) AS changes
                """).first()
            let datasets = try row?.decode(column: "datasets", as: Int.self) ?? 0
            let rates = try row?.decode(column: "rates", as: Int.self) ?? 0
            let changes = try row?.decode(column: "changes", as: Int.self) ?? 0
            return "\(datasets).\(rates).\(changes)"
        }
    }
}
