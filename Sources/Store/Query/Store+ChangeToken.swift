import SQLKit

extension Store {
    /// A token that changes whenever what the store answers may have changed: a file imported (or
    /// refused: each attempt is a dataset), a rate file loaded, a change to the strategy or the
    /// country programmes (each logged in `change_log`), a screening recorded or a pipeline status
    /// changed. A server keeps computed answers
    /// while it stays the same; one cheap query, on a read connection.
    public func changeToken() async throws -> String {
        try await read { database in
            let row = try await database.sql.raw("""
                SELECT (SELECT COALESCE(MAX(id), 0) FROM dataset) AS datasets,
                       (SELECT COALESCE(MAX(id), 0) FROM exchange_rate_file) AS rates,
                       (SELECT COALESCE(MAX(id), 0) FROM change_log) AS changes,
                       (SELECT COALESCE(MAX(id), 0) FROM screening) AS screenings,
                       (SELECT COALESCE(MAX(id), 0) FROM pipeline_status) AS statuses
                """).first()
            let columns = ["datasets", "rates", "changes", "screenings", "statuses"]
            return try columns.map { try String(row?.decode(column: $0, as: Int.self) ?? 0) }.joined(separator: ".")
        }
    }
}
