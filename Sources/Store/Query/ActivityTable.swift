import SQLKit

/// A table about a set of activities, as downloads write it: one row per activity, transaction,
/// budget, or result indicator period.
public enum ActivityTable: String, Sendable, CaseIterable, Codable {
    case activities, transactions, budgets, results

    /// What a column holds, so that a spreadsheet gets numbers and dates, not text.
    public enum Kind: Sendable {
        case text, decimal, date, integer
    }

    /// One column: its name (snake_case, as in the JSON API) and kind.
    public struct Column: Sendable {
        public var name: String
        public var kind: Kind
    }

    /// The columns, in order; every row has one cell per column.
    public var columns: [Column] {
        func text(_ names: String...) -> [Column] { names.map { Column(name: $0, kind: .text) } }
        let keys = text("iati_identifier", "reporting_org")
        switch self {
        case .activities:
            return keys + text("title", "activity_status")
                + [Column(name: "start_date", kind: .date), Column(name: "end_date", kind: .date)] + text("default_currency")
        case .transactions:
            return keys + [Column(name: "seq", kind: .integer)] + text("type")
                + [Column(name: "transaction_date", kind: .date), Column(name: "value", kind: .decimal)] + text("currency")
                + [Column(name: "value_date", kind: .date), Column(name: "usd", kind: .decimal)]
                + text("provider_org_ref", "provider_org_name", "receiver_org_ref", "receiver_org_name", "description")
        case .budgets:
            return keys + [Column(name: "seq", kind: .integer)] + text("type", "status")
                + [Column(name: "period_start", kind: .date), Column(name: "period_end", kind: .date),
                   Column(name: "value", kind: .decimal)] + text("currency") + [Column(name: "value_date", kind: .date)]
        case .results:
            return keys + text("result_type", "result_title", "indicator_title", "measure", "baseline_year", "baseline_value")
                + [Column(name: "period_start", kind: .date), Column(name: "period_end", kind: .date)]
                + text("target_value", "actual_value")
        }
    }

    /// The select of this table's rows for the activities whose ids are in `ids`, in activity and
    /// file order; every column as text (dates ISO, amounts exact decimal text).
    func select(_ sql: any SQLDatabase, ids: [Int]) -> SQLSelectBuilder {
        func asText(_ table: String, _ column: String, as name: String? = nil) -> any SQLExpression {
            SQLAlias(SQLQueryString("CAST(\(ident: table).\(ident: column) AS TEXT)"), as: name ?? column)
        }
        let keys: [any SQLExpression] = [SQLColumn("iati_identifier", table: "activity"), SQLColumn("reporting_org", table: "activity")]
        let idList = SQLGroupExpression(ids.map { SQLBind($0) as any SQLExpression })
        switch self {
        case .activities:
            return sql.select().columns(keys + [
                SQLColumn("title", table: "activity"), SQLColumn("activity_status", table: "activity"),
                asText("activity", "start_date"), asText("activity", "end_date"), SQLColumn("default_currency", table: "activity"),
            ]).from("activity").where(SQLColumn("id", table: "activity"), .in, idList).orderBy(SQLColumn("id", table: "activity"))
        case .transactions:
            let t = Schema.transaction.name
            return sql.select().columns(keys + [
                asText(t, "seq"), SQLColumn("type", table: t), asText(t, "transaction_date"), asText(t, "value"),
                SQLColumn("currency", table: t), asText(t, "value_date"), asText("portfolio_fact", "usd"),
                SQLColumn("provider_org_ref", table: t), SQLColumn("provider_org_name", table: t),
                SQLColumn("receiver_org_ref", table: t), SQLColumn("receiver_org_name", table: t), SQLColumn("description", table: t),
            ]).from(t)
                .join("activity", on: SQLColumn("activity_id", table: t), .equal, SQLColumn("id", table: "activity"))
                .join("portfolio_fact", method: SQLJoinMethod.left, on: SQLQueryString(
                    "portfolio_fact.activity_id = \(ident: t).activity_id AND portfolio_fact.seq = \(ident: t).seq"))
                .where(SQLColumn("activity_id", table: t), .in, idList)
                .orderBy(SQLColumn("activity_id", table: t)).orderBy(SQLColumn("seq", table: t))
        case .budgets:
            let b = Schema.budget.name
            return sql.select().columns(keys + [
                asText(b, "seq"), SQLColumn("type", table: b), SQLColumn("status", table: b), asText(b, "period_start"),
                asText(b, "period_end"), asText(b, "value"), SQLColumn("currency", table: b), asText(b, "value_date"),
            ]).from(b)
                .join("activity", on: SQLColumn("activity_id", table: b), .equal, SQLColumn("id", table: "activity"))
                .where(SQLColumn("activity_id", table: b), .in, idList)
                .orderBy(SQLColumn("activity_id", table: b)).orderBy(SQLColumn("seq", table: b))
        case .results:
            let (r, i, p) = (Schema.result.name, Schema.indicator.name, Schema.indicatorPeriod.name)
            return sql.select().columns(keys + [
                SQLAlias(SQLColumn("type", table: r), as: "result_type"), SQLAlias(SQLColumn("title", table: r), as: "result_title"),
                SQLAlias(SQLColumn("title", table: i), as: "indicator_title"), SQLColumn("measure", table: i),
                SQLColumn("baseline_year", table: i), SQLColumn("baseline_value", table: i),
                asText(p, "period_start"), asText(p, "period_end"), SQLColumn("target_value", table: p), SQLColumn("actual_value", table: p),
            ]).from(i)
                .join("activity", on: SQLColumn("activity_id", table: i), .equal, SQLColumn("id", table: "activity"))
                .join(r, on: SQLQueryString("\(ident: r).activity_id = \(ident: i).activity_id AND \(ident: r).seq = \(ident: i).result_seq"))
                .join(p, method: SQLJoinMethod.left, on: SQLQueryString(
                    "\(ident: p).activity_id = \(ident: i).activity_id AND \(ident: p).result_seq = \(ident: i).result_seq AND \(ident: p).indicator_seq = \(ident: i).seq"))
                .where(SQLColumn("activity_id", table: i), .in, idList)
                .orderBy(SQLColumn("activity_id", table: i)).orderBy(SQLColumn("result_seq", table: i)).orderBy(SQLColumn("seq", table: i))
                .orderBy(SQLColumn("seq", table: p))
        }
    }
}

extension Store {
    /// Streams `table` for the activities that match `query` (its page size and cursor ignored),
    /// in the order they were stored: `body` gets the rows of a few hundred activities at a time
    /// (each cell text or `nil`, one per column of ``ActivityTable/columns``), so the first rows go
    /// out at once and memory stays flat however many activities match.
    public func rows(
        of table: ActivityTable, matching query: ActivityQuery, activitiesPerPage: Int = 500,
        _ body: ([[String?]]) async throws -> Void
    ) async throws {
        let names = table.columns.map(\.name)
        try await read { database in
            var lastID = 0
            while true {
                let ids = try await Self.filtered(
                    database.sql.select().column(SQLColumn("id", table: "activity")).from("activity"),
                    by: query, postgres: database.isPostgres)
                    .where(SQLColumn("id", table: "activity"), .greaterThan, SQLBind(lastID))
                    .orderBy(SQLColumn("id", table: "activity")).limit(activitiesPerPage)
                    .all().map { try $0.decode(column: "id", as: Int.self) }
                guard let last = ids.last else { return }
                lastID = last
                let rows = try await table.select(database.sql, ids: ids).all().map { row in
                    try names.map { try row.decode(column: $0, as: String?.self) }
                }
                if !rows.isEmpty { try await body(rows) }
            }
        }
    }
}
