import IATI
import IATIXML
import SQLKit

extension Store {
    /// A page of the activities that match `query`, in the order they were stored, with their total.
    public func activities(_ query: ActivityQuery) async throws -> ActivityPage {
        guard (1...1_000).contains(query.limit) else {
            throw StoreError(.query, "a page holds 1 to 1,000 activities, not \(query.limit)")
        }
        return try await read { database in
            let sql = database.sql
            let count = try await Self.filtered(
                sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("activity"),
                by: query, postgres: database.isPostgres)
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let page = Self.filtered(
                sql.select().columns(ActivitySummary.columns(of: "activity")).from("activity"),
                by: query, postgres: database.isPostgres)
            if let after = query.after { page.where(SQLColumn("id", table: "activity"), .greaterThan, SQLBind(after.lastID)) }
            // One more than a page tells whether another follows.
            let rows = try await page.orderBy(SQLColumn("id", table: "activity")).limit(query.limit + 1).all()
            let activities = try rows.prefix(query.limit).map(ActivitySummary.init(row:))
            let next = rows.count > query.limit ? activities.last.map { ActivityCursor(lastID: $0.id) } : nil
            return ActivityPage(activities: activities, total: count, next: next)
        }
    }

    /// Adds `query`'s filters to a select from `activity`.
    static func filtered(_ select: SQLSelectBuilder, by query: ActivityQuery, postgres: Bool) -> SQLSelectBuilder {
        func equal(_ column: String, _ value: String?) {
            if let value { select.where(SQLColumn(column, table: "activity"), .equal, SQLBind(value)) }
        }
        func related(_ table: Table, _ column: String, _ value: String?) {
            guard let value else { return }
            select.where(SQLQueryString(
                "EXISTS (SELECT 1 FROM \(ident: table.name) WHERE \(ident: table.name).activity_id = activity.id AND \(ident: table.name).\(ident: column) = \(bind: value))"))
        }
        // PostgreSQL compares a DATE with a date, SQLite (which keeps ISO text) with text.
        func date(_ value: String) -> SQLQueryString {
            postgres ? SQLQueryString("CAST(\(bind: value) AS DATE)") : SQLQueryString("\(bind: value)")
        }
        equal("reporting_org", query.reportingOrg)
        equal("activity_status", query.status)
        if let id = query.datasetID { select.where(SQLColumn("dataset_id", table: "activity"), .equal, SQLBind(id)) }
        related(Schema.participatingOrg, "ref", query.participatingOrg)
        related(Schema.recipientCountry, "code", query.country)
        related(Schema.recipientRegion, "code", query.region)
        related(Schema.sector, "code", query.sector)
        if let from = query.from {
            select.where(SQLQueryString("(activity.end_date IS NULL OR activity.end_date >= \(date(from)))"))
        }
        if let to = query.to {
            select.where(SQLQueryString("(activity.start_date IS NULL OR activity.start_date <= \(date(to)))"))
        }
        if let text = query.text, !text.isEmpty {
            let escaped = text.lowercased()
                .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            select.where(SQLQueryString(
                "EXISTS (SELECT 1 FROM narrative WHERE narrative.activity_id = activity.id AND LOWER(narrative.text) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\')"))
        }
        return select
    }

    /// One activity: its summary, the activity read back from the XML it was published as, and
    /// its transactions and budgets as projected (amounts exact, currency defaulted). `nil` when
    /// the store has no activity with that id.
    public func activity(id: Int) async throws -> StoredActivity? {
        try await read { database in
            let sql = database.sql
            guard let row = try await Self.activityDocuments(sql.select().columns(ActivitySummary.columns(of: "activity")))
                .where(SQLColumn("id", table: "activity"), .equal, SQLBind(id))
                .first()
            else { return nil }
            let document = try StoredDocument(row: row)
            var model: Activity?
            try IATIReader.elements(xml: [Array(document.xml.utf8)], namespaces: document.namespaces, legacy: document.legacy) { node in
                model = Activity(node: node)
            }
            guard let model else { throw StoreError(.database, "the stored XML of activity \(id) holds no activity") }
            return StoredActivity(
                summary: try ActivitySummary(row: row), activity: model,
                transactions: try await Self.amounts(of: id, in: Schema.transaction, sql: sql, postgres: database.isPostgres),
                budgets: try await Self.amounts(of: id, in: Schema.budget, sql: sql, postgres: database.isPostgres))
        }
    }

    /// The activity a reporting organisation published under an identifier, or `nil`.
    public func activity(reportingOrg: String, identifier: String) async throws -> StoredActivity? {
        let id = try await read { database in
            try await database.sql.select().column("id").from("activity")
                .where("reporting_org", .equal, SQLBind(reportingOrg))
                .where("iati_identifier", .equal, SQLBind(identifier))
                .first()?.decode(column: "id", as: Int.self)
        }
        guard let id else { return nil }
        return try await activity(id: id)
    }

    private static func amounts(of activityID: Int, in table: Table, sql: any SQLDatabase, postgres: Bool) async throws -> [ProjectedAmount] {
        let dated = table.name == Schema.transaction.name ? "transaction_date" : "period_start"
        return try await sql.select()
            .column(SQLColumn("type", table: table.name))
            .column(SQLAlias(SQLQueryString("CAST(\(ident: dated) AS TEXT)"), as: "date"))
            .column(SQLAlias(SQLQueryString("CAST(value AS TEXT)"), as: "value"))
            .column(SQLColumn("currency", table: table.name))
            .column(SQLAlias(SQLQueryString("CAST(value_date AS TEXT)"), as: "value_date"))
            .from(table.name)
            .where("activity_id", .equal, SQLBind(activityID))
            .orderBy("seq")
            .all()
            .map { row in
                ProjectedAmount(
                    type: try row.decode(column: "type", as: String?.self), date: try row.decode(column: "date", as: String?.self),
                    value: try row.decode(column: "value", as: String?.self), currency: try row.decode(column: "currency", as: String?.self),
                    valueDate: try row.decode(column: "value_date", as: String?.self))
            }
    }
}

/// One stored activity, for a page that shows everything it holds.
public struct StoredActivity: Sendable {
    public var summary: ActivitySummary
    /// The activity as published (upgraded to 2.03 when it was 1.0x).
    public var activity: Activity
    /// Its transactions as projected, in file order: the value's own currency or the activity's default.
    public var transactions: [ProjectedAmount]
    /// Its budgets as projected, in file order.
    public var budgets: [ProjectedAmount]
}

/// A transaction or budget as the store projected it.
public struct ProjectedAmount: Sendable, Codable, Equatable {
    /// The transaction type or budget type code.
    public var type: String?
    /// The transaction date, or the budget period's start.
    public var date: String?
    /// The amount as exact decimal text; `nil` when the published value is not a number.
    public var value: String?
    public var currency: String?
    public var valueDate: String?
}
