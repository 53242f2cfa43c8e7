import Foundation
import SQLKit

/// One funding partner with its identifier, name, funding source and what it gave in a period.
public struct FundingPartnerTotal: Sendable, Codable, Equatable {
    /// The partner's organisation identifier; `nil` when the data names it without one.
    public var ref: String?
    public var name: String?
    /// Its funding-source category; `nil`: unclassified.
    public var category: String?
    public var count: Int
    /// The exact sum in US dollars of the converted amounts, decimal text.
    public var usd: String
}

extension Store {
    /// Every funding partner of `query`'s sums (its measure, period and filters; its dimensions
    /// are ignored), grouped by identifier, name and category, largest first. Amounts that could
    /// not be converted count in `count` but not in `usd`, as in ``funding(_:)``.
    public func fundingPartners(_ query: FundingQuery) async throws -> [FundingPartnerTotal] {
        if let from = query.from, let to = query.to, from > to {
            throw StoreError(.query, "the period starts (\(from)) after it ends (\(to))")
        }
        let table = Schema.portfolioFact.name
        return try await read { database in
            let select = Self.filter(database.sql.select().from(table), by: query)
                .column("partner_ref").column("partner").column("funding_source")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            for column in Amount.Sum.columns("usd", of: table, alias: "usd") { select.column(column) }
            select.groupBy("partner_ref").groupBy("partner").groupBy("funding_source")
            var partners: [(total: FundingPartnerTotal, usd: Decimal)] = []
            for row in try await select.all() {
                let usd = try Amount.Sum(row: row, alias: "usd")
                partners.append((FundingPartnerTotal(
                    ref: try row.decode(column: "partner_ref", as: String?.self),
                    name: try row.decode(column: "partner", as: String?.self),
                    category: try row.decode(column: "funding_source", as: String?.self),
                    count: try row.decode(column: "n", as: Int.self), usd: usd.text), Decimal(string: usd.text) ?? 0))
            }
            return partners.sorted { lhs, rhs in
                if lhs.usd != rhs.usd { return lhs.usd > rhs.usd }
                return (lhs.total.name ?? "", lhs.total.ref ?? "") < (rhs.total.name ?? "", rhs.total.ref ?? "")
            }.map(\.total)
        }
    }
}
