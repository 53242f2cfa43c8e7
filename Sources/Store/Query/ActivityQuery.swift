import Foundation
import SQLKit

/// Which activities to list, as a value: every filter is optional and they all apply together.
///
/// Pages are cut by keyset on the sort key and the activity's id, so paging on while imports add
/// activities neither repeats nor skips any that were there at the start.
public struct ActivityQuery: Sendable, Equatable {
    /// The reporting organisation's `@ref`.
    public var reportingOrg: String?
    /// The `@ref` of any participating organisation.
    public var participatingOrg: String?
    /// A recipient country code (ISO 3166-1 alpha-2).
    public var country: String?
    /// A recipient region code (any vocabulary).
    public var region: String?
    /// A sector code (any vocabulary).
    public var sector: String?
    /// The activity status code (`2` for implementation, …).
    public var status: String?
    /// Activities running at some time within these dates (ISO `yyyy-mm-dd`, both ends included):
    /// those without an end date run on, those without a start date ran from the beginning.
    public var from: String?
    public var to: String?
    /// Text in any narrative of the title or descriptions (not of transactions, results or
    /// organisations), in any language, ignoring case; Chinese works (see ``NarrativeSearch``).
    public var text: String?
    /// Only the activities of this dataset.
    public var datasetID: Int?
    /// Only activities with one of these `iati-identifier`s (any reporting organisation); none: all.
    public var identifiers: [String]

    // The agency's portfolio (``Store/funding(_:)``'s `portfolio_fact`): an activity matches when
    // any of its funding facts (commitments, incoming funds, disbursements, expenditure) has the value.

    /// A funding partner, by the name the funding reports group by or by its organisation `@ref`.
    public var partner: String?
    /// A funding source code (`multi-bilateral`, `european-commission`, …).
    public var fundingSource: String?
    /// A Programme and Budget outcome code (`1`…`8`, `A`…`C`).
    public var outcome: String?
    /// A funding modality code (`xbdc`, `rbsa`, `lightly-earmarked`).
    public var modality: String?
    /// The agency's region (`africa`, `americas`, `arab-states`, `asia-pacific`,
    /// `europe-central-asia`, `global`), not an IATI region code (that is ``region``).
    public var agencyRegion: String?
    /// `true`: only South-South and triangular cooperation; `false`: only the rest.
    public var sstc: Bool?

    /// The order of the pages.
    public var sort: ActivitySort
    /// How many activities a page holds (1 to 1,000).
    public var limit: Int
    /// Where the page starts: the previous page's ``ActivityPage/next``.
    public var after: ActivityCursor?
    /// Where the page ends, to page backwards: a page's ``ActivityPage/previous``. Not with `after`.
    public var before: ActivityCursor?
    /// Whether the page carries ``ActivityPage/usd``, the US dollar totals of every matching activity.
    public var withUSDTotals: Bool

    public init(
        reportingOrg: String? = nil, participatingOrg: String? = nil, country: String? = nil, region: String? = nil,
        sector: String? = nil, status: String? = nil, from: String? = nil, to: String? = nil, text: String? = nil,
        datasetID: Int? = nil, limit: Int = 50, after: ActivityCursor? = nil,
        identifiers: [String] = [], partner: String? = nil, fundingSource: String? = nil, outcome: String? = nil,
        modality: String? = nil, agencyRegion: String? = nil, sstc: Bool? = nil,
        sort: ActivitySort = .stored, before: ActivityCursor? = nil, withUSDTotals: Bool = false
    ) {
        self.reportingOrg = reportingOrg
        self.participatingOrg = participatingOrg
        self.country = country
        self.region = region
        self.sector = sector
        self.status = status
        self.from = from
        self.to = to
        self.text = text
        self.datasetID = datasetID
        self.limit = limit
        self.after = after
        self.identifiers = identifiers
        self.partner = partner
        self.fundingSource = fundingSource
        self.outcome = outcome
        self.modality = modality
        self.agencyRegion = agencyRegion
        self.sstc = sstc
        self.sort = sort
        self.before = before
        self.withUSDTotals = withUSDTotals
    }
}

/// The order of a list of activities: a key and a direction, ties broken by the activity's id in
/// the same direction. Activities without a date come last either way; a missing title sorts as an empty one.
///
/// Its text form, for URLs: the key (`start-date`), with a leading `-` for descending (`-start-date`).
public struct ActivitySort: Sendable, Hashable, LosslessStringConvertible {
    public enum Key: String, Sendable, CaseIterable {
        /// The order activities were stored in (their id).
        case stored
        case startDate = "start-date"
        case endDate = "end-date"
        /// The title in the activity's default language, ignoring ASCII case.
        case title
        case identifier
    }

    public var key: Key
    public var descending: Bool

    public init(_ key: Key, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }

    /// Stored order, oldest first: the default.
    public static let stored = ActivitySort(.stored)

    /// Every sort, ascending then descending for each key.
    public static let all: [ActivitySort] = Key.allCases.flatMap { [ActivitySort($0), ActivitySort($0, descending: true)] }

    public init?(_ description: String) {
        let descending = description.hasPrefix("-")
        guard let key = Key(rawValue: descending ? String(description.dropFirst()) : description) else { return nil }
        self.init(key, descending: descending)
    }

    public var description: String { (descending ? "-" : "") + key.rawValue }
}

/// Where a page of activities ends (or starts), to ask for the next (or previous) one: the sort it
/// was made for, the activity's sort key and its id. Its text form goes into URLs: the id alone
/// in stored order, else `<sort>.<id>.<key in base64url>`.
public struct ActivityCursor: Sendable, Hashable, LosslessStringConvertible {
    public let sort: ActivitySort
    let id: Int
    /// The activity's value of the sort key, as the query compares it; `nil` in stored order.
    let key: String?

    public init?(_ description: String) {
        let parts = description.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 1 {
            guard let id = Int(description), id >= 0 else { return nil }
            self.init(sort: .stored, id: id, key: nil)
            return
        }
        guard parts.count == 3, let sort = ActivitySort(String(parts[0])), let id = Int(parts[1]), id >= 0,
              let key = Self.decodedKey(String(parts[2]))
        else { return nil }
        self.init(sort: sort, id: id, key: sort.key == .stored ? nil : key)
    }

    init(sort: ActivitySort, id: Int, key: String?) {
        self.sort = sort
        self.id = id
        self.key = key
    }

    public var description: String {
        sort == .stored ? String(id) : "\(sort).\(id).\(Self.encodedKey(key ?? ""))"
    }

    private static func encodedKey(_ key: String) -> String {
        Data(key.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func decodedKey(_ text: String) -> String? {
        guard text.count <= 2_000 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) }
    }
}

/// One page of activities, with how many match in all.
public struct ActivityPage: Sendable {
    public var activities: [ActivitySummary]
    /// How many activities match the query's filters, over all pages.
    public var total: Int
    /// The cursor of the next page (``ActivityQuery/after``); `nil` on the last.
    public var next: ActivityCursor?
    /// The cursor of the previous page (``ActivityQuery/before``); `nil` on the first.
    public var previous: ActivityCursor?
    /// The US dollar totals of every matching activity, when the query asked for them.
    public var usd: ActivityTotals?
}

/// What the matching activities add up to in US dollars (exact decimal text), from the portfolio's
/// funding facts over the activities' whole life (not only a period's years), whatever partner.
public struct ActivityTotals: Sendable, Codable, Equatable {
    /// Incoming commitments (transaction type 11) of every modality.
    public var contributions: String
    /// Incoming commitments earmarked to projects (XBDC, or untagged), as the funding reports count approvals.
    public var approvals: String
    /// Expenditure and disbursements (types 4 and 3).
    public var expenditure: String
    /// Incoming funds (type 1).
    public var incomingFunds: String
    /// Amounts of those types that could not be converted to US dollars, so are in none of the sums.
    public var unconverted: Int
}

/// An activity as lists show it: its keys and display columns.
public struct ActivitySummary: Sendable, Codable, Equatable {
    public var id: Int
    public var datasetID: Int
    public var reportingOrg: String
    public var iatiIdentifier: String
    public var title: String?
    public var activityStatus: String?
    public var startDate: String?
    public var endDate: String?
    public var defaultCurrency: String?
    /// The language of its narratives that name none (`xml:lang` of the activity).
    public var defaultLang: String?
    /// Where the activity starts in its file.
    public var line: Int?

    /// The columns `init(row:)` reads, dates as ISO text on both engines.
    static func columns(of table: String) -> [any SQLExpression] {
        ["id", "dataset_id", "reporting_org", "iati_identifier", "title", "activity_status", "default_currency", "default_lang", "line"]
            .map { SQLColumn($0, table: table) as any SQLExpression }
            + ["start_date", "end_date"].map { SQLAlias(SQLQueryString("CAST(\(ident: table).\(ident: $0) AS TEXT)"), as: $0) }
    }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        datasetID = try row.decode(column: "dataset_id", as: Int.self)
        reportingOrg = try row.decode(column: "reporting_org", as: String.self)
        iatiIdentifier = try row.decode(column: "iati_identifier", as: String.self)
        title = try row.decode(column: "title", as: String?.self)
        activityStatus = try row.decode(column: "activity_status", as: String?.self)
        startDate = try row.decode(column: "start_date", as: String?.self)
        endDate = try row.decode(column: "end_date", as: String?.self)
        defaultCurrency = try row.decode(column: "default_currency", as: String?.self)
        defaultLang = try row.decode(column: "default_lang", as: String?.self)
        line = try row.decode(column: "line", as: Int?.self)
    }
}
