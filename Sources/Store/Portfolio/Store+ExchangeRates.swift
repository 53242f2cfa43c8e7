import Foundation
import Portfolio
import SQLKit

/// What ``Store/loadExchangeRates(file:source:)`` loaded.
public struct LoadedRates: Sendable, Codable, Equatable {
    public var source: String
    public var firstDay: String
    public var lastDay: String
    public var currencies: Int
    /// The portfolio facts converted again with the new rates.
    public var factsRebuilt: Int
}

extension Store {
    /// Stores a newer ECB rate file (the `eurofxref-hist.zip` the ECB publishes, or its CSV) and
    /// converts every portfolio sum again with it, in one transaction: the rates used before stay
    /// in force if anything fails.
    public func loadExchangeRates(file: Data, source: String) async throws -> LoadedRates {
        let rates: ExchangeRates
        do {
            rates = try ExchangeRates(file: file, source: source)
        } catch {
            throw StoreError(.exchangeRates, "\(source): \(error)")
        }
        // Parsed above, so the CSV is there.
        let csv = String(decoding: (try? ExchangeRates.csv(of: file)) ?? Data(), as: UTF8.self)
        return try await writer.transaction { database in
            let id = (try await database.sql.raw("SELECT COALESCE(MAX(id), 0) + 1 AS id FROM exchange_rate_file").first()?
                .decode(column: "id", as: Int.self)) ?? 1
            var file = TableRows(Schema.exchangeRateFile)
            file.append([
                "id": .integer(id), "source": .text(source), "first_day": .text(rates.firstDay.description),
                "last_day": .text(rates.lastDay.description), "loaded_at": .text(Timestamp.now()), "csv": .text(csv),
            ])
            // The bulk insert, because it casts the days to DATE on PostgreSQL.
            try await database.insert(file)
            let stored = StoredRates(id: id, rates: rates)
            try await database.sql.delete(from: Schema.portfolioFact.name).run()
            try await PortfolioFacts.build(in: database, activitiesFrom: 0, rates: stored)
            try await PortfolioFacts.markBuilt(in: database, rates: stored)
            let facts = try await database.sql.raw("SELECT COUNT(*) AS n FROM portfolio_fact").first()?.decode(column: "n", as: Int.self) ?? 0
            return LoadedRates(
                source: source, firstDay: rates.firstDay.description, lastDay: rates.lastDay.description,
                currencies: rates.currencies.count, factsRebuilt: facts)
        }
    }
}
