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
    static func version(rates: StoredRates) -> String { version(ratesID: rates.id) }

    private static func version(ratesID: Int) -> String { "\(classificationVersion)/\(ratesID)" }

    /// Rebuilds the facts of every activity when the classification or the rates changed since
    /// they were built. The rates are read only then: opening a store must not parse them.
    static func rebuildIfStale(in database: Database) async throws {
        let built = try await database.sql.select().column("value").from(Schema.setting.name)
            .where("name", .equal, "portfolio_facts").first(decodingColumn: "value", as: String?.self) ?? nil
        guard built != version(ratesID: try await StoredRates.currentID(in: database)) else { return }
        let rates = try await StoredRates.current(in: database)
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
            let ids = start...min(start + chunk - 1, high)
            let activities = try await ActivityRows.read(database, ids: ids)
            let transactions = try await TransactionRow.read(database, ids: ids)
            try await database.insert(rows(transactions, of: activities, classifier: classifier, rates: rates.rates))
        }
    }

    /// The facts of `transactions` (of the analytics' ``types``), whose activities are `activities`;
    /// each activity is classified once.
    static func rows(
        _ transactions: [TransactionRow], of activities: [Int: ActivityRows.Activity], classifier: Classifier, rates: ExchangeRates
    ) -> TableRows {
        precondition(!columns.isEmpty)  // checks once that the cells' order is still the table's
        var rows = TableRows(Schema.portfolioFact)
        var classifications: [Int: Classification] = [:]
        for transaction in transactions {
            guard let activity = activities[transaction.activityID] else { continue }
            let classification: Classification
            if let known = classifications[transaction.activityID] {
                classification = known
            } else {
                classification = classifier.classify(activity.profile)
                classifications[transaction.activityID] = classification
            }
            rows.append(fact(transaction, of: activity, classification: classification, classifier: classifier, rates: rates))
        }
        return rows
    }

    /// The columns of `portfolio_fact` in the order ``fact(_:of:classification:classifier:rates:)`` gives its cells.
    private static let columns: [String] = {
        let columns = [
            "activity_id", "seq", "reporting_org", "type", "year", "fact_date", "partner", "partner_ref", "funding_source",
            "modality", "region", "country", "outcome", "sstc", "currency", "value", "usd", "unconverted", "rate_date",
            "value_whole", "value_nanos", "usd_whole", "usd_nanos",
        ]
        precondition(columns == Schema.portfolioFact.columnNames, "portfolio_fact's columns changed")
        return columns
    }()

    /// One fact's cells, in the table's column order.
    static func fact(
        _ transaction: TransactionRow, of activity: ActivityRows.Activity, classification: Classification, classifier: Classifier,
        rates: ExchangeRates
    ) -> [Cell] {
        let partner = classifier.partner(
            provider: .init(ref: transaction.providerRef, name: transaction.providerName), in: activity.profile,
            classification: classification)
        let currency = transaction.currency ?? activity.defaultCurrency
        let day = (transaction.valueDate ?? transaction.date).flatMap { ExchangeRates.Day(iso: $0) }
        var usd: Cell = .null, usdWhole: Cell = .null, usdNanos: Cell = .null, unconverted: Cell = .null, rateDate: Cell = .null
        if let text = transaction.value, let amount = decimal(text) {
            switch rates.usd(amount, currency: currency, on: day) {
            case .converted(let value, let rateDay):
                let (text, parts) = dollars(value)
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
            .integer(transaction.activityID), .integer(transaction.seq), .text(activity.reportingOrg), .text(transaction.type),
            Cell(transaction.date.flatMap { Int($0.prefix(4)) }), Cell(transaction.date),
            Cell(partner.name), Cell(partner.ref), Cell(partner.source?.code),
            Cell(classification.modality?.code), .text(classification.region.code), Cell(classification.country),
            Cell(classification.outcome?.code), .integer(classification.isSSTC ? 1 : 0), Cell(currency),
            Cell(transaction.value), usd, unconverted, rateDate,
            Cell(value?.whole), Cell(value?.nanos), usdWhole, usdNanos,
        ]
    }

    /// Below this, a sum in cents fits in 64 bits many times over.
    private static let centsLimit = Decimal(sign: .plus, exponent: 16, significand: 1)

    /// A converted sum (rounded to the cent) as `"\(value)"` prints it and ``Amount/split(_:)``
    /// splits that text, made from its integer cents: printing a `Decimal` divides its mantissa
    /// by ten for every digit, five times slower.
    static func dollars(_ value: Decimal) -> (text: String, amount: Amount?) {
        guard value.magnitude < centsLimit, value.exponent >= -2 else {
            let text = "\(value)"
            return (text, Amount.split(text))
        }
        let cents = Int(NSDecimalNumber(decimal: value * 100).int64Value)
        let sign = cents < 0 ? "-" : "", whole = String(abs(cents / 100)), fraction = abs(cents % 100)
        let text = fraction == 0 ? sign + whole
            : fraction % 10 == 0 ? sign + whole + "." + String(fraction / 10)
            : sign + whole + (fraction < 10 ? ".0" : ".") + String(fraction)
        return (text, Amount(whole: cents / 100, nanos: cents % 100 * 10_000_000))
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// An amount's decimal text as a `Decimal`: plain text of up to 19 digits (`-1000.50`) read on
    /// the bytes, anything else (a `+`, an exponent, more digits, a zero) by Foundation, which gives the same value.
    static func decimal(_ text: String) -> Decimal? {
        var significand: UInt64 = 0
        var scale = 0, digits = 0, afterPoint = false, negative = false, plain = true
        for (index, byte) in text.utf8.enumerated() {
            if index == 0, byte == UInt8(ascii: "-") {
                negative = true
            } else if byte == UInt8(ascii: "."), !afterPoint {
                afterPoint = true
            } else if byte >= 48, byte <= 57, digits < 19 {
                significand = significand * 10 + UInt64(byte - 48)
                digits += 1
                if afterPoint { scale += 1 }
            } else {
                plain = false
                break
            }
        }
        guard plain, digits > 0, significand > 0 else { return Decimal(string: text, locale: posix) }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(significand))
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
