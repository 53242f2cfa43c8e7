import Foundation
import IATI
import IATIXML
import Portfolio
import SQLKit

extension Store {
    /// A page of the activities that match `query`, in its order, with their total (and their US
    /// dollar totals when asked).
    public func activities(_ query: ActivityQuery) async throws -> ActivityPage {
        guard (1...1_000).contains(query.limit) else {
            throw StoreError(.query, "a page holds 1 to 1,000 activities, not \(query.limit)")
        }
        for cursor in [query.after, query.before].compactMap({ $0 }) where cursor.sort != query.sort {
            throw StoreError(.query, "the cursor \(cursor) was made for the order \(cursor.sort), not \(query.sort)")
        }
        guard query.after == nil || query.before == nil else {
            throw StoreError(.query, "a page starts after one cursor or ends before one, not both")
        }
        return try await read { database in
            let sql = database.sql
            let postgres = database.isPostgres
            let count = try await Self.filtered(
                sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("activity"),
                by: query, postgres: postgres)
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let key = Self.sortKey(query.sort)
            let page = Self.filtered(sql.select().columns(ActivitySummary.columns(of: "activity")).from("activity"), by: query, postgres: postgres)
            if let key { page.column(SQLAlias(key, as: "sort_key")) }
            // Backwards: the rows before the cursor in the opposite order, turned round below.
            let backwards = query.before != nil
            let descending = query.sort.descending != backwards
            if let cursor = query.after ?? query.before {
                page.where(Self.beyond(cursor, key: key, descending: descending))
            }
            let direction: SQLDirection = descending ? .descending : .ascending
            if let key { page.orderBy(key, direction) }
            page.orderBy(SQLColumn("id", table: "activity"), direction)
            // One more than a page tells whether another follows.
            let rows = try await page.limit(query.limit + 1).all()
            var kept = Array(rows.prefix(query.limit))
            if backwards { kept.reverse() }
            let activities = try kept.map(ActivitySummary.init(row:))
            func cursor(_ row: (any SQLRow)?) throws -> ActivityCursor? {
                guard let row else { return nil }
                return ActivityCursor(
                    sort: query.sort, id: try row.decode(column: "id", as: Int.self),
                    key: key == nil ? nil : try row.decode(column: "sort_key", as: String.self))
            }
            let more = rows.count > query.limit
            // Coming from a page, that page is on the other side; a page before the first is empty.
            let next = try backwards || more ? cursor(kept.last) : nil
            let previous = try backwards ? (more ? cursor(kept.first) : nil) : (query.after != nil ? cursor(kept.first) : nil)
            let totals = query.withUSDTotals ? try await Self.totals(of: query, sql: sql, postgres: postgres) : nil
            return ActivityPage(activities: activities, total: count, next: next, previous: previous, usd: totals)
        }
    }

    /// The expression a sort orders by besides the id, as text on both engines, never NULL: missing
    /// dates come after every date in either direction, missing titles as empty ones.
    static func sortKey(_ sort: ActivitySort) -> SQLQueryString? {
        // Digits compare the same in every collation.
        let missingDate = sort.descending ? "" : "9999-99-99"
        switch sort.key {
        case .stored: return nil
        case .startDate: return "COALESCE(CAST(activity.start_date AS TEXT), \(literal: missingDate))"
        case .endDate: return "COALESCE(CAST(activity.end_date AS TEXT), \(literal: missingDate))"
        case .title: return "COALESCE(LOWER(activity.title), '')"
        case .identifier: return "activity.iati_identifier"
        }
    }

    /// The rows after `cursor` in the order asked (`descending` for the rows before it, or after it in a descending order).
    private static func beyond(_ cursor: ActivityCursor, key: SQLQueryString?, descending: Bool) -> SQLQueryString {
        let comparison = descending ? "<" : ">"
        guard let key else { return "activity.id \(unsafeRaw: comparison) \(bind: cursor.id)" }
        return "(\(key), activity.id) \(unsafeRaw: comparison) (\(bind: cursor.key ?? ""), \(bind: cursor.id))"
    }

    /// The US dollar sums of the matching activities' funding facts, by measure, in one scan of their facts.
    private static func totals(of query: ActivityQuery, sql: any SQLDatabase, postgres: Bool) async throws -> ActivityTotals {
        let fact = Schema.portfolioFact.name
        let matching = filtered(sql.select().column(SQLColumn("id", table: "activity")).from("activity"), by: query, postgres: postgres)
        let measure = """
            CASE WHEN type = '11' AND (modality IS NULL OR modality = 'xbdc') THEN 'approvals' WHEN type = '11' THEN 'other-contributions'
            WHEN type IN ('3', '4') THEN 'expenditure' ELSE 'incoming-funds' END
            """
        let select = sql.select().from(fact)
            .column(SQLAlias(SQLRaw(measure), as: "measure"))
            .column(SQLAlias(SQLRaw("COUNT(*) - COUNT(usd)"), as: "unconverted"))
            .where(SQLIdentifier("activity_id"), .in, SQLGroupExpression(matching.query))
            .where(SQLIdentifier("type"), .in, SQLGroupExpression(SQLList(["1", "3", "4", "11"].map { SQLLiteral.string($0) })))
            .groupBy(SQLRaw(measure))
        for column in Amount.Sum.columns("usd", of: fact, alias: "usd") { select.column(column) }
        var sums: [String: Amount.Sum] = [:]
        var unconverted = 0
        for row in try await select.all() {
            sums[try row.decode(column: "measure", as: String.self)] = try Amount.Sum(row: row, alias: "usd")
            unconverted += try row.decode(column: "unconverted", as: Int.self)
        }
        var contributions = sums["approvals"] ?? Amount.Sum()
        contributions += sums["other-contributions"] ?? Amount.Sum()
        return ActivityTotals(
            contributions: contributions.text, approvals: (sums["approvals"] ?? Amount.Sum()).text,
            expenditure: (sums["expenditure"] ?? Amount.Sum()).text, incomingFunds: (sums["incoming-funds"] ?? Amount.Sum()).text,
            unconverted: unconverted)
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
        /// Activities with a funding fact that has `condition`.
        func funded(_ condition: SQLQueryString) {
            select.where(SQLQueryString(
                "EXISTS (SELECT 1 FROM portfolio_fact WHERE portfolio_fact.activity_id = activity.id AND \(condition))"))
        }
        // PostgreSQL compares a DATE with a date, SQLite (which keeps ISO text) with text.
        func date(_ value: String) -> SQLQueryString {
            postgres ? SQLQueryString("CAST(\(bind: value) AS DATE)") : SQLQueryString("\(bind: value)")
        }
        equal("reporting_org", query.reportingOrg)
        equal("activity_status", query.status)
        if let id = query.datasetID { select.where(SQLColumn("dataset_id", table: "activity"), .equal, SQLBind(id)) }
        if !query.identifiers.isEmpty {
            select.where(SQLColumn("iati_identifier", table: "activity"), .in, SQLGroupExpression(SQLList(query.identifiers.map { SQLBind($0) })))
        }
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
        if let partner = query.partner { funded("(portfolio_fact.partner = \(bind: partner) OR portfolio_fact.partner_ref = \(bind: partner))") }
        if let source = query.fundingSource { funded("portfolio_fact.funding_source = \(bind: source)") }
        if let outcome = query.outcome { funded("portfolio_fact.outcome = \(bind: outcome)") }
        if let modality = query.modality { funded("portfolio_fact.modality = \(bind: modality)") }
        if let region = query.agencyRegion { funded("portfolio_fact.region = \(bind: region)") }
        if let sstc = query.sstc { funded("portfolio_fact.sstc = \(bind: sstc ? 1 : 0)") }
        if let text = query.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            select.where(NarrativeSearch.condition(text, postgres: postgres))
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
            var budgets = try await Self.amounts(of: id, in: Schema.budget, sql: sql, postgres: database.isPostgres)
            // Budgets have no funding facts: converted here the way facts are, at the value date else the period's start.
            if let rates = try? await StoredRates.current(in: database).rates {
                for index in budgets.indices {
                    let budget = budgets[index]
                    guard let text = budget.value, let amount = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { continue }
                    let day = (budget.valueDate ?? budget.date).flatMap { ExchangeRates.Day(iso: $0) }
                    if case .converted(let usd, _) = rates.usd(amount, currency: budget.currency, on: day) { budgets[index].usd = "\(usd)" }
                }
            }
            return StoredActivity(
                summary: try ActivitySummary(row: row), activity: model,
                transactions: try await Self.amounts(of: id, in: Schema.transaction, sql: sql, postgres: database.isPostgres),
                budgets: budgets)
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

    /// The amounts of a transaction or budget table, transactions with their US dollars from `portfolio_fact`.
    private static func amounts(of activityID: Int, in table: Table, sql: any SQLDatabase, postgres: Bool) async throws -> [ProjectedAmount] {
        let isTransaction = table.name == Schema.transaction.name
        let dated = isTransaction ? "transaction_date" : "period_start"
        let select = sql.select()
            .column(SQLColumn("type", table: table.name))
            .column(SQLAlias(SQLQueryString("CAST(\(ident: table.name).\(ident: dated) AS TEXT)"), as: "date"))
            .column(SQLAlias(SQLQueryString("CAST(\(ident: table.name).value AS TEXT)"), as: "value"))
            .column(SQLColumn("currency", table: table.name))
            .column(SQLAlias(SQLQueryString("CAST(\(ident: table.name).value_date AS TEXT)"), as: "value_date"))
            .column(SQLAlias(isTransaction ? SQLQueryString("portfolio_fact.usd") : SQLQueryString("NULL"), as: "usd"))
            .from(table.name)
        if isTransaction {
            select.join(
                Schema.portfolioFact.name, method: SQLJoinMethod.left,
                on: SQLQueryString("portfolio_fact.activity_id = activity_transaction.activity_id AND portfolio_fact.seq = activity_transaction.seq"))
        }
        return try await select
            .where(SQLColumn("activity_id", table: table.name), .equal, SQLBind(activityID))
            .orderBy(SQLColumn("seq", table: table.name))
            .all()
            .map { row in
                ProjectedAmount(
                    type: try row.decode(column: "type", as: String?.self), date: try row.decode(column: "date", as: String?.self),
                    value: try row.decode(column: "value", as: String?.self), currency: try row.decode(column: "currency", as: String?.self),
                    valueDate: try row.decode(column: "value_date", as: String?.self), usd: try row.decode(column: "usd", as: String?.self))
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
    /// The amount in US dollars, exact decimal text: a transaction's from the portfolio's funding
    /// facts (incoming funds, commitments, disbursements and expenditure only), a budget's converted
    /// at its value date (else its period's start). `nil` when not converted.
    public var usd: String?
}
