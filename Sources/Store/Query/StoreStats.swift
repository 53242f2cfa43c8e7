import SQLKit

/// What the store holds, computed by SQL aggregates.
public struct StoreStats: Sendable, Codable, Equatable {
    public struct Count: Sendable, Codable, Equatable {
        public var key: String
        public var count: Int
    }

    /// The transactions of one type in one currency, and the exact sum of their values.
    public struct TransactionValue: Sendable, Codable, Equatable {
        /// The `@code` of the transaction type; `nil` when the transaction has none.
        public var type: String?
        /// The value's `@currency`, else the activity's default; `nil` when neither is given.
        public var currency: String?
        public var count: Int
        /// The exact sum as decimal text (`"-1234.5"`); `nil` when some value's integer part is beyond
        /// ±9.2×10¹⁸ (`tooLarge` says how many), which the store keeps as text but cannot add.
        public var sum: String?
        public var tooLarge: Int
    }

    public var datasets: Int
    public var failedDatasets: Int
    public var activities: Int
    public var organisations: Int
    public var transactions: Int
    public var budgets: Int
    /// Transactions by `@code` of their type, most frequent first.
    public var transactionsByType: [Count]
    /// Transactions grouped by type and currency, each group with the exact sum of its values.
    public var transactionValues: [TransactionValue]
    /// Activities by reporting organisation, most first.
    public var publishers: [Count]
    /// Narratives of titles and descriptions by `xml:lang` as written (`(default)` when absent).
    public var languages: [Count]
    /// Datasets validated on import, and how many of them validate against the 2.03 schema.
    public var validatedDatasets: Int
    public var schemaValidDatasets: Int
    /// Stored validation findings by severity.
    public var findings: [Count]
}

extension Store {
    /// Counts of what the store holds.
    public func stats() async throws -> StoreStats {
        var stats = try await read { database in try await Self.stats(database.sql) }
        // After the read above, not inside it: a reader that waits for a second connection could
        // wait forever once every connection of the pool is held by such a reader.
        stats.transactionValues = try await transactionValues()
        return stats
    }

    private static func stats(_ sql: any SQLDatabase) async throws -> StoreStats {
        func count(_ table: String, where condition: (column: String, value: String)? = nil) async throws -> Int {
            var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
            if let condition { query = query.where(SQLIdentifier(condition.column), .equal, condition.value) }
            return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
        }
        func grouped(_ table: String, by column: String, default fallback: String, limit: Int? = nil) async throws -> [StoreStats.Count] {
            let key = SQLFunction("COALESCE", args: SQLIdentifier(column), SQLLiteral.string(fallback))
            var query = sql.select()
                .column(key, as: "k")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(table)
                .groupBy(key)
                .orderBy(SQLFunction("COUNT", args: SQLLiteral.all), SQLDirection.descending)
                .orderBy(key)
            if let limit { query = query.limit(limit) }
            return try await query.all().map {
                StoreStats.Count(key: try $0.decode(column: "k", as: String.self), count: try $0.decode(column: "n", as: Int.self))
            }
        }
        return StoreStats(
            datasets: try await count("dataset", where: ("status", "imported")),
            failedDatasets: try await count("dataset", where: ("status", "failed")),
            activities: try await count("activity"),
            organisations: try await count("organisation"),
            transactions: try await count("activity_transaction"),
            budgets: try await count("budget"),
            transactionsByType: try await grouped("activity_transaction", by: "type", default: "(none)"),
            transactionValues: [],
            publishers: try await grouped("activity", by: "reporting_org", default: "(none)"),
            languages: try await grouped("narrative", by: "lang", default: "(default)"),
            validatedDatasets: try await count("dataset_validation"),
            schemaValidDatasets: try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("dataset_validation").where("valid_schema", .equal, 1).first()?.decode(column: "n", as: Int.self) ?? 0,
            findings: try await grouped("finding", by: "severity", default: "(none)"))
    }
}

extension Store {
    /// Transactions by type and currency with their exact sums, by type and currency.
    func transactionValues() async throws -> [StoreStats.TransactionValue] {
        try await aggregate(Aggregate(.transactions, by: [.column("type"), .column("currency")]))
            .map { row in
                StoreStats.TransactionValue(
                    type: row.keys[0], currency: row.keys[1], count: row.count,
                    sum: row.unsummed == 0 ? row.sum : nil, tooLarge: row.unsummed)
            }
            .sorted { ($0.type ?? "", $0.currency ?? "") < ($1.type ?? "", $1.currency ?? "") }
    }
}
