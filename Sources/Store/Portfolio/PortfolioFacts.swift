import Foundation
import NIOConcurrencyHelpers
import Portfolio
import SQLKit

/// Builds `portfolio_fact`: each incoming commitment, incoming funds, disbursement and expenditure
/// of the stored activities, classified by ``Classifier`` and converted to US dollars at its value
/// date (else its date) by the store's exchange rates.
///
/// The rows are derived data, rebuilt in the import's transaction for the activities it wrote, and
/// for every activity when the classification or the rates change (``version``).
enum PortfolioFacts {
    /// The transaction types the analytics read: incoming funds, disbursement, expenditure, incoming commitment.
    static let types = ["1", "3", "4", "11"]

    /// Changes whenever the classification's rules or bundled tables change, so that stores rebuild.
    static let classificationVersion = "1"

    /// Activities read and classified at a time.
    static let chunk = 2_000

    /// What `store_setting.portfolio_facts` holds when the facts are up to date with `rates`.
    static func version(rates: StoredRates) -> String { "\(classificationVersion)/\(rates.id)" }

    /// Rebuilds the facts of every activity when the classification or the rates changed since they were built.
    static func rebuildIfStale(in database: Database) async throws {
        let rates = try await StoredRates.current(in: database)
        let built = try await database.sql.select().column("value").from(Schema.setting.name)
            .where("name", .equal, "portfolio_facts").first(decodingColumn: "value", as: String?.self) ?? nil
        guard built != version(rates: rates) else { return }
        try await database.transaction {
            try await database.sql.delete(from: Schema.portfolioFact.name).run()
            try await build(in: database, activitiesFrom: 0, rates: rates)
            try await markBuilt(in: database, rates: rates)
        }
    }

    static func markBuilt(in database: Database, rates: StoredRates) async throws {
        try await database.sql.delete(from: Schema.setting.name).where("name", .equal, "portfolio_facts").run()
        try await database.sql.insert(into: Schema.setting.name).columns("name", "value")
            .values(SQLBind("portfolio_facts"), SQLBind(version(rates: rates))).run()
    }

    /// Builds the facts of the activities with an id from `firstID` on (their facts must not exist yet).
    static func build(in database: Database, activitiesFrom firstID: Int, rates: StoredRates? = nil) async throws {
        var stored = rates
        if stored == nil { stored = try await StoredRates.current(in: database) }
        guard let rates = stored else { return }
        let bounds = try await database.sql.raw("SELECT MIN(id) AS low, MAX(id) AS high FROM activity WHERE id >= \(bind: firstID)").first()
        guard let low = try bounds?.decode(column: "low", as: Int?.self), let high = try bounds?.decode(column: "high", as: Int?.self) else {
            return
        }
        let classifier = Classifier()
        for start in stride(from: low, through: high, by: chunk) {
            let activities = try await ActivityRows.read(database, ids: start...min(start + chunk - 1, high))
            let classifications = activities.mapValues { classifier.classify($0.profile) }
            var rows = TableRows(Schema.portfolioFact)
            for transaction in try await TransactionRow.read(database, ids: start...min(start + chunk - 1, high)) {
                guard let activity = activities[transaction.activityID], let classification = classifications[transaction.activityID] else { continue }
                rows.append(fact(transaction, of: activity, classification: classification, classifier: classifier, rates: rates.rates))
            }
            try await database.insert(rows)
        }
    }

    static func fact(
        _ transaction: TransactionRow, of activity: ActivityRows.Activity, classification: Classification, classifier: Classifier,
        rates: ExchangeRates
    ) -> NamedCells {
        let partner = classifier.partner(
            provider: .init(ref: transaction.providerRef, name: transaction.providerName), in: activity.profile,
            classification: classification)
        let currency = transaction.currency ?? activity.defaultCurrency
        let day = (transaction.valueDate ?? transaction.date).flatMap { ExchangeRates.Day(iso: $0) }
        var usd: Cell = .null, usdWhole: Cell = .null, usdNanos: Cell = .null, unconverted: Cell = .null, rateDate: Cell = .null
        if let text = transaction.value, let amount = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) {
            switch rates.usd(amount, currency: currency, on: day) {
            case .converted(let value, let rateDay):
                let text = "\(value)"
                let parts = Amount.split(text)
                usd = .text(text)
                usdWhole = Cell(parts?.whole)
                usdNanos = Cell(parts?.nanos)
                rateDate = Cell(rateDay?.description)
            case .unconverted(let reason):
                unconverted = .text(reason.rawValue)
            }
        }
        let value = transaction.value.flatMap { Amount.split($0) }
        return [
            "activity_id": .integer(transaction.activityID), "seq": .integer(transaction.seq),
            "reporting_org": .text(activity.reportingOrg), "type": .text(transaction.type),
            "year": Cell(transaction.date.flatMap { Int($0.prefix(4)) }), "fact_date": Cell(transaction.date),
            "partner": Cell(partner.name), "partner_ref": Cell(partner.ref), "funding_source": Cell(partner.source?.code),
            "modality": Cell(classification.modality?.code), "region": .text(classification.region.code),
            "country": Cell(classification.country), "outcome": Cell(classification.outcome?.code),
            "sstc": .integer(classification.isSSTC ? 1 : 0), "currency": Cell(currency),
            "value": Cell(transaction.value), "value_whole": Cell(value?.whole), "value_nanos": Cell(value?.nanos),
            "usd": usd, "usd_whole": usdWhole, "usd_nanos": usdNanos, "unconverted": unconverted, "rate_date": rateDate,
        ]
    }
}

/// A transaction as the facts need it.
struct TransactionRow {
    var activityID: Int
    var seq: Int
    var type: String
    var date: String?
    var value: String?
    var currency: String?
    var valueDate: String?
    var providerRef: String?
    var providerName: String?

    static func read(_ database: Database, ids: ClosedRange<Int>) async throws -> [TransactionRow] {
        let types = PortfolioFacts.types.map { SQLLiteral.string($0) }
        return try await database.sql.raw("""
            SELECT activity_id, seq, type, CAST(transaction_date AS TEXT) AS transaction_date, value, currency,
                CAST(value_date AS TEXT) AS value_date, provider_org_ref, provider_org_name
            FROM activity_transaction
            WHERE activity_id BETWEEN \(bind: ids.lowerBound) AND \(bind: ids.upperBound) AND type IN (\(SQLList(types)))
            ORDER BY activity_id, seq
            """).all().map { row in
            TransactionRow(
                activityID: try row.decode(column: "activity_id", as: Int.self), seq: try row.decode(column: "seq", as: Int.self),
                type: try row.decode(column: "type", as: String.self),
                date: try row.decode(column: "transaction_date", as: String?.self),
                value: try row.decode(column: "value", as: String?.self), currency: try row.decode(column: "currency", as: String?.self),
                valueDate: try row.decode(column: "value_date", as: String?.self),
                providerRef: try row.decode(column: "provider_org_ref", as: String?.self),
                providerName: try row.decode(column: "provider_org_name", as: String?.self))
        }
    }
}

/// The activities of an id range with what classification reads of them.
enum ActivityRows {
    struct Activity {
        var reportingOrg: String
        var defaultCurrency: String?
        var profile = ActivityProfile()
    }

    static func read(_ database: Database, ids: ClosedRange<Int>) async throws -> [Int: Activity] {
        let sql = database.sql
        let low = ids.lowerBound, high = ids.upperBound
        var activities: [Int: Activity] = [:]
        for row in try await sql.raw("""
            SELECT id, reporting_org, default_currency FROM activity WHERE id BETWEEN \(bind: low) AND \(bind: high)
            """).all() {
            activities[try row.decode(column: "id", as: Int.self)] = Activity(
                reportingOrg: try row.decode(column: "reporting_org", as: String.self),
                defaultCurrency: try row.decode(column: "default_currency", as: String?.self))
        }
        func percentage(_ row: any SQLRow) throws -> Double? {
            try row.decode(column: "percentage", as: String?.self).flatMap { Double($0) }
        }
        for row in try await sql.raw("""
            SELECT activity_id, ref, type, role, name FROM participating_org
            WHERE activity_id BETWEEN \(bind: low) AND \(bind: high) ORDER BY activity_id, seq
            """).all() {
            activities[try row.decode(column: "activity_id", as: Int.self)]?.profile.participatingOrgs.append(.init(
                ref: try row.decode(column: "ref", as: String?.self), type: try row.decode(column: "type", as: String?.self),
                role: try row.decode(column: "role", as: String?.self), name: try row.decode(column: "name", as: String?.self)))
        }
        for row in try await sql.raw("""
            SELECT activity_id, code, CAST(percentage AS TEXT) AS percentage FROM recipient_country
            WHERE activity_id BETWEEN \(bind: low) AND \(bind: high) AND code IS NOT NULL ORDER BY activity_id, seq
            """).all() {
            activities[try row.decode(column: "activity_id", as: Int.self)]?.profile.countries.append(.init(
                code: try row.decode(column: "code", as: String.self), percentage: try percentage(row)))
        }
        for row in try await sql.raw("""
            SELECT activity_id, code, vocabulary FROM recipient_region
            WHERE activity_id BETWEEN \(bind: low) AND \(bind: high) AND code IS NOT NULL ORDER BY activity_id, seq
            """).all() {
            activities[try row.decode(column: "activity_id", as: Int.self)]?.profile.regions.append(.init(
                code: try row.decode(column: "code", as: String.self), vocabulary: try row.decode(column: "vocabulary", as: String?.self)))
        }
        // Only the agency's own vocabularies (99) classify.
        for (table, isSector) in [("sector", true), ("tag", false)] {
            let percentageColumn: SQLQueryString = isSector ? "CAST(percentage AS TEXT)" : "NULL"
            for row in try await sql.raw("""
                SELECT activity_id, code, vocabulary_uri, \(percentageColumn) AS percentage FROM \(ident: table)
                WHERE activity_id BETWEEN \(bind: low) AND \(bind: high) AND vocabulary = '99' AND code IS NOT NULL
                ORDER BY activity_id, seq
                """).all() {
                let code = ActivityProfile.Code(
                    code: try row.decode(column: "code", as: String.self), vocabulary: "99",
                    vocabularyURI: try row.decode(column: "vocabulary_uri", as: String?.self), percentage: try percentage(row))
                let id = try row.decode(column: "activity_id", as: Int.self)
                if isSector { activities[id]?.profile.sectors.append(code) } else { activities[id]?.profile.tags.append(code) }
            }
        }
        return activities
    }
}
