import Foundation
import NIOConcurrencyHelpers
import Portfolio
import SQLKit

/// The exchange rates a store converts with: the newest ECB file loaded into it, else the one
/// bundled with DevCoop (`id` 0).
struct StoredRates: Sendable {
    var id: Int
    var rates: ExchangeRates

    private static let bundled = Result { try ExchangeRates.bundled() }
    /// The last file read from a store, by its location and id: files are never changed once loaded.
    private static let cache = NIOLockedValueBox<[String: ExchangeRates]>([:])

    /// The id of the rates ``current(in:)`` gives, without reading them: the newest file's, 0 for the bundled one.
    static func currentID(in database: Database) async throws -> Int {
        try await database.sql.select().column("id").from(Schema.exchangeRateFile.name)
            .orderBy("id", .descending).limit(1).first(decodingColumn: "id", as: Int.self) ?? 0
    }

    static func current(in database: Database) async throws -> StoredRates {
        let id = try await currentID(in: database)
        guard id != 0 else {
            do {
                return StoredRates(id: 0, rates: try bundled.get())
            } catch {
                throw StoreError(.exchangeRates, "the bundled exchange rates cannot be read: \(error)")
            }
        }
        let key = "\(database.location)#\(id)"
        if let rates = cache.withLockedValue({ $0[key] }) { return StoredRates(id: id, rates: rates) }
        let file = try await database.sql.select().column("source").column("csv").from(Schema.exchangeRateFile.name)
            .where("id", .equal, id).first()
        let rates: ExchangeRates
        do {
            rates = try ExchangeRates(
                file: Data((try file?.decode(column: "csv", as: String.self) ?? "").utf8),
                source: try file?.decode(column: "source", as: String.self) ?? "")
        } catch {
            throw StoreError(.exchangeRates, "the exchange rate file \(id) stored in the database cannot be read: \(error)")
        }
        cache.withLockedValue { $0 = [key: rates] }
        return StoredRates(id: id, rates: rates)
    }
}
