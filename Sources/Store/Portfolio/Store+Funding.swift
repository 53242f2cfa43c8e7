import Foundation
import Portfolio
import SQLKit

extension Store {
    /// Answers `query` from `portfolio_fact` with SQL aggregates.
    public func funding(_ query: FundingQuery) async throws -> FundingReport {
        guard query.dimensions.count <= 2, Set(query.dimensions).count == query.dimensions.count else {
            throw StoreError(.query, "a funding report groups by at most two different dimensions")
        }
        if let from = query.from, let to = query.to, from > to {
            throw StoreError(.query, "the period starts (\(from)) after it ends (\(to))")
        }
        let table = Schema.portfolioFact.name
        var keys: [any SQLExpression] = query.dimensions.map(Self.column)
        let groupsByPartner = query.dimensions.contains(.partner)
        if groupsByPartner { keys.append(SQLIdentifier("funding_source")) }
        return try await read { database in
            let rates = try await StoredRates.current(in: database)
            func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
                Self.filter(select, by: query)
            }
            let rowsSelect = filtered(database.sql.select().from(table)).where("usd", .isNot, SQLLiteral.null)
            for (index, key) in keys.enumerated() { rowsSelect.column(SQLAlias(key, as: "k\(index)")) }
            rowsSelect.column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            for column in Amount.Sum.columns("usd", of: table, alias: "usd") { rowsSelect.column(column) }
            for key in keys { rowsSelect.groupBy(key) }
            var groups: [(keys: [String?], count: Int, usd: Decimal, text: String)] = []
            for row in try await rowsSelect.all() {
                let text = try Amount.Sum(row: row, alias: "usd").text
                groups.append((
                    try keys.indices.map { try row.decode(column: "k\($0)", as: String?.self) },
                    try row.decode(column: "n", as: Int.self), Decimal(string: text) ?? 0, text))
            }
            if query.dimensions.first == .year {
                groups.sort { ($0.keys.first ?? "") ?? "" < ($1.keys.first ?? "") ?? "" }
            } else {
                groups.sort { $0.usd != $1.usd ? $0.usd > $1.usd : ($0.keys.first ?? "") ?? "" < ($1.keys.first ?? "") ?? "" }
            }
            let total = groups.reduce(Decimal(0)) { $0 + $1.usd }
            var running = Decimal(0)
            let rows = groups.map { group -> FundingRow in
                running += group.usd
                func share(_ value: Decimal) -> Double { total == 0 ? 0 : NSDecimalNumber(decimal: value / total).doubleValue }
                return FundingRow(
                    keys: Array(group.keys.prefix(query.dimensions.count)),
                    category: groupsByPartner ? group.keys.last ?? nil : nil,
                    count: group.count, usd: group.text, share: share(group.usd), cumulativeShare: share(running))
            }

            let unconvertedSelect = filtered(database.sql.select().from(table)).where("usd", .is, SQLLiteral.null)
                .column("currency").column("unconverted").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .groupBy("currency").groupBy("unconverted").orderBy("currency").orderBy("unconverted")
            for column in Amount.Sum.columns("value", of: table, alias: "value") { unconvertedSelect.column(column) }
            let unconverted = try await unconvertedSelect.all().map { row in
                UnconvertedSum(
                    currency: try row.decode(column: "currency", as: String?.self),
                    reason: try row.decode(column: "unconverted", as: String?.self) ?? "no amount",
                    count: try row.decode(column: "n", as: Int.self), sum: try Amount.Sum(row: row, alias: "value").text)
            }

            let unclassifiedSelect = filtered(database.sql.select().from(table)).where("funding_source", .is, SQLLiteral.null)
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            for column in Amount.Sum.columns("usd", of: table, alias: "usd") { unclassifiedSelect.column(column) }
            let unclassifiedRow = try await unclassifiedSelect.first()
            let unclassified = UnclassifiedSum(
                count: try unclassifiedRow?.decode(column: "n", as: Int.self) ?? 0,
                usd: try unclassifiedRow.map { try Amount.Sum(row: $0, alias: "usd").text } ?? "0")

            return FundingReport(
                currency: "USD",
                rateBasis: "\(rates.rates.source); each amount at its value date, else its transaction date "
                    + "(the latest ECB business day up to \(ExchangeRates.maxStaleDays) days before)",
                ratesLastDay: rates.rates.lastDay.description, measure: query.measure, dimensions: query.dimensions,
                rows: rows, total: "\(total)", count: groups.reduce(0) { $0 + $1.count },
                unconverted: unconverted, unclassified: unclassified)
        }
    }

    private static func column(_ dimension: FundingQuery.Dimension) -> any SQLExpression {
        switch dimension {
        case .year: SQLQueryString("CAST(year AS TEXT)")
        case .partner: SQLIdentifier("partner")
        case .source: SQLIdentifier("funding_source")
        case .region: SQLIdentifier("region")
        case .country: SQLIdentifier("country")
        case .outcome: SQLIdentifier("outcome")
        case .modality: SQLIdentifier("modality")
        case .core: SQLQueryString("CASE WHEN modality = 'rbsa' THEN 'core' ELSE 'non-core' END")
        case .sstc: SQLQueryString("CAST(sstc AS TEXT)")
        case .reportingOrg: SQLIdentifier("reporting_org")
        }
    }

    private static func filter(_ select: SQLSelectBuilder, by query: FundingQuery) -> SQLSelectBuilder {
        let types = query.measure.types.map { SQLLiteral.string($0) }
        select.where(SQLIdentifier("type"), .in, SQLGroupExpression(SQLList(types)))
        if query.measure == .approvals {
            select.where(SQLQueryString("(modality IS NULL OR modality <> 'rbsa')"))
        }
        if let from = query.from { select.where("year", .greaterThanOrEqual, from) }
        if let to = query.to { select.where("year", .lessThanOrEqual, to) }
        let lists: [(String, [String])] = [
            ("reporting_org", query.reportingOrgs), ("partner", query.partners), ("funding_source", query.sources),
            ("region", query.regions), ("country", query.countries.map { $0.uppercased() }), ("outcome", query.outcomes),
            ("modality", query.modalities),
        ]
        for (column, values) in lists where !values.isEmpty {
            select.where(SQLIdentifier(column), .in, values)
        }
        if let sstc = query.sstc { select.where("sstc", .equal, sstc ? 1 : 0) }
        return select
    }
}
