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
            // One scan: the groups asked for, split by whether the sum converted and whether its
            // partner is classified; the few groups that come back are then folded here.
            let select = filtered(database.sql.select().from(table))
            for (index, key) in keys.enumerated() { select.column(SQLAlias(key, as: "k\(index)")) }
            let splits: [(String, String)] = [
                ("unclassified", "CASE WHEN funding_source IS NULL THEN 1 ELSE 0 END"),
                ("converted", "CASE WHEN usd IS NULL THEN 0 ELSE 1 END"),
                ("unconverted_currency", "CASE WHEN usd IS NULL THEN currency END"),
                ("unconverted_reason", "CASE WHEN usd IS NULL THEN unconverted END"),
            ]
            for (alias, expression) in splits { select.column(SQLAlias(SQLRaw(expression), as: alias)) }
            select.column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            for column in Amount.Sum.columns("usd", of: table, alias: "usd") { select.column(column) }
            for column in Amount.Sum.columns("value", of: table, alias: "value") { select.column(column) }
            for key in keys { select.groupBy(key) }
            for (_, expression) in splits { select.groupBy(SQLRaw(expression)) }

            var groups: [[String?]: (count: Int, usd: Amount.Sum)] = [:]
            var unconvertedSums: [UnconvertedSum.Key: [[String?]: (count: Int, sum: Amount.Sum)]] = [:]
            var unclassifiedCount = 0, unclassifiedUSD = Amount.Sum()
            for row in try await select.all() {
                let count = try row.decode(column: "n", as: Int.self)
                let usd = try Amount.Sum(row: row, alias: "usd")
                if try row.decode(column: "unclassified", as: Int.self) == 1 {
                    unclassifiedCount += count
                    unclassifiedUSD += usd
                }
                let key = try keys.indices.map { try row.decode(column: "k\($0)", as: String?.self) }
                if try row.decode(column: "converted", as: Int.self) == 1 {
                    var group = groups[key] ?? (0, Amount.Sum())
                    group.count += count
                    group.usd += usd
                    groups[key] = group
                } else {
                    let reason = UnconvertedSum.Key(
                        currency: try row.decode(column: "unconverted_currency", as: String?.self),
                        reason: try row.decode(column: "unconverted_reason", as: String?.self) ?? "no amount")
                    var sum = unconvertedSums[reason, default: [:]][key] ?? (0, Amount.Sum())
                    sum.count += count
                    sum.sum += try Amount.Sum(row: row, alias: "value")
                    unconvertedSums[reason, default: [:]][key] = sum
                }
            }
            var sorted = groups.map { keys, group in
                let text = group.usd.text
                return (keys: keys, count: group.count, usd: Decimal(string: text) ?? 0, text: text)
            }
            if query.dimensions.first == .year {
                sorted.sort { $0.keys.lexicographicallyPrecedes($1.keys) { ($0 ?? "") < ($1 ?? "") } }
            } else {
                sorted.sort {
                    $0.usd != $1.usd ? $0.usd > $1.usd : $0.keys.lexicographicallyPrecedes($1.keys) { ($0 ?? "") < ($1 ?? "") }
                }
            }
            let total = sorted.reduce(Decimal(0)) { $0 + $1.usd }
            var running = Decimal(0)
            let rows = sorted.map { group -> FundingRow in
                running += group.usd
                func share(_ value: Decimal) -> Double { total == 0 ? 0 : NSDecimalNumber(decimal: value / total).doubleValue }
                return FundingRow(
                    keys: Array(group.keys.prefix(query.dimensions.count)),
                    category: groupsByPartner ? group.keys.last ?? nil : nil,
                    count: group.count, usd: group.text, share: share(group.usd), cumulativeShare: share(running))
            }
            let unconverted = unconvertedSums.sorted { ($0.key.currency ?? "", $0.key.reason) < ($1.key.currency ?? "", $1.key.reason) }
                .map { reason, groups in
                    var count = 0, whole = Amount.Sum()
                    for group in groups.values {
                        count += group.count
                        whole += group.sum
                    }
                    let parts = groups.sorted { $0.key.lexicographicallyPrecedes($1.key) { ($0 ?? "") < ($1 ?? "") } }.map { keys, group in
                        UnconvertedSum.Group(keys: Array(keys.prefix(query.dimensions.count)), category: groupsByPartner ? keys.last ?? nil : nil,
                                             count: group.count, sum: group.sum.text)
                    }
                    return UnconvertedSum(currency: reason.currency, reason: reason.reason, count: count, sum: whole.text, groups: parts)
                }
            let unclassified = UnclassifiedSum(count: unclassifiedCount, usd: unclassifiedUSD.text)

            return FundingReport(
                currency: "USD",
                rateBasis: "\(rates.rates.source); each amount at its value date, else its transaction date "
                    + "(the latest ECB business day up to \(ExchangeRates.maxStaleDays) days before)",
                ratesLastDay: rates.rates.lastDay.description, measure: query.measure, dimensions: query.dimensions,
                rows: rows, total: "\(total)", count: sorted.reduce(0) { $0 + $1.count },
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

    static func filter(_ select: SQLSelectBuilder, by query: FundingQuery) -> SQLSelectBuilder {
        let types = query.measure.types.map { SQLLiteral.string($0) }
        select.where(SQLIdentifier("type"), .in, SQLGroupExpression(SQLList(types)))
        if query.measure == .approvals {
            // Project (XBDC) approvals, as the seed's figures count them; a publisher without the
            // agency's modality tags has every incoming commitment counted.
            select.where(SQLQueryString("(modality IS NULL OR modality = 'xbdc')"))
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
