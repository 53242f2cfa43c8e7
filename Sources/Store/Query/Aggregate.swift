import SQLKit

/// A count (and, for money, an exact sum) of projection rows grouped by any of their columns,
/// computed by SQL: the building block of the portfolio's analytics.
///
/// ```swift
/// // Transactions by type and currency, for one reporting organisation's activities:
/// let rows = try await store.aggregate(Aggregate(
///     .transactions, by: [.column("type"), .column("currency")], filter: ActivityQuery(reportingOrg: "XM-DAC-41302")))
/// ```
public struct Aggregate: Sendable {
    /// The rows counted.
    public enum Source: String, Sendable, CaseIterable {
        case activities, transactions, budgets, plannedDisbursements, participatingOrgs, sectors, countries, regions

        var table: Table {
            switch self {
            case .activities: Schema.activity
            case .transactions: Schema.transaction
            case .budgets: Schema.budget
            case .plannedDisbursements: Schema.plannedDisbursement
            case .participatingOrgs: Schema.participatingOrg
            case .sectors: Schema.sector
            case .countries: Schema.recipientCountry
            case .regions: Schema.recipientRegion
            }
        }

        /// Whether its rows carry an amount to sum.
        var hasAmounts: Bool { self == .transactions || self == .budgets || self == .plannedDisbursements }
    }

    /// What rows are grouped by.
    public enum Dimension: Sendable, Hashable {
        /// A column of the source's own table (`type`, `currency`, `provider_org_ref`, …).
        case column(String)
        /// A column of the activity the row belongs to (`reporting_org`, `activity_status`, …).
        case activity(String)
        /// The year of a date column of the source's table (`transaction_date`, `period_start`, …).
        case year(String)
    }

    public var source: Source
    public var dimensions: [Dimension]
    /// Only rows of the activities this selects (its page size and cursor are ignored).
    public var filter: ActivityQuery

    public init(_ source: Source, by dimensions: [Dimension], filter: ActivityQuery = ActivityQuery()) {
        self.source = source
        self.dimensions = dimensions
        self.filter = filter
    }
}

/// One group of an ``Aggregate``.
public struct AggregateRow: Sendable, Codable, Equatable {
    /// The group's value of each dimension, in the aggregate's order; `nil` where rows have none.
    public var keys: [String?]
    public var count: Int
    /// The exact sum of the amounts, as decimal text; `nil` for sources without amounts.
    public var sum: String?
    /// Amounts left out of `sum`: an integer part beyond ±9.2×10¹⁸, which the store keeps as text
    /// but cannot add exactly.
    public var unsummed: Int
}

extension Store {
    /// The groups of `aggregate`, largest count first.
    public func aggregate(_ aggregate: Aggregate) async throws -> [AggregateRow] {
        let source = aggregate.source.table.name
        var keys: [any SQLExpression] = []
        for dimension in aggregate.dimensions {
            keys.append(try Self.expression(for: dimension, of: aggregate.source))
        }
        return try await read { database in
            let select = database.sql.select()
            for (index, key) in keys.enumerated() { select.column(SQLAlias(key, as: "k\(index)")) }
            select.column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            if aggregate.source.hasAmounts {
                // The whole parts in two pieces, so that no SQL sum can overflow (``Amount/Sum``).
                for column in Amount.Sum.columns("value", of: source, alias: "sum") { select.column(column) }
            }
            select.from(source)
            if aggregate.source != .activities {
                select.join("activity", on: SQLColumn("activity_id", table: source), .equal, SQLColumn("id", table: "activity"))
            }
            _ = Self.filtered(select, by: aggregate.filter, postgres: database.isPostgres)
            for key in keys { select.groupBy(key) }
            select.orderBy(SQLFunction("COUNT", args: SQLLiteral.all), SQLDirection.descending)
            for index in keys.indices { select.orderBy("k\(index)") }
            return try await select.all().map { row in
                let count = try row.decode(column: "n", as: Int.self)
                var sum: String?
                var unsummed = 0
                if aggregate.source.hasAmounts {
                    sum = try Amount.Sum(row: row, alias: "sum").text
                    unsummed = try Amount.Sum.unsummed(row: row, alias: "sum")
                }
                return AggregateRow(
                    keys: try keys.indices.map { try row.decode(column: "k\($0)", as: String?.self) },
                    count: count, sum: sum, unsummed: unsummed)
            }
        }
    }

    private static func expression(for dimension: Aggregate.Dimension, of source: Aggregate.Source) throws -> any SQLExpression {
        func checked(_ column: String, in table: Table) throws -> String {
            guard table.columnNames.contains(column) else {
                throw StoreError(.query, "\(table.name) has no column \(column) to group by")
            }
            return column
        }
        switch dimension {
        case .column(let column):
            let table = source.table
            // Dates group as their ISO text on both engines.
            return SQLQueryString("CAST(\(ident: table.name).\(ident: try checked(column, in: table)) AS TEXT)")
        case .activity(let column):
            return SQLQueryString("CAST(activity.\(ident: try checked(column, in: Schema.activity)) AS TEXT)")
        case .year(let column):
            let table = source.table
            return SQLQueryString("SUBSTR(CAST(\(ident: table.name).\(ident: try checked(column, in: table)) AS TEXT), 1, 4)")
        }
    }
}
