import SQLKit

/// Which activities to list, as a value: every filter is optional and they all apply together.
///
/// Pages are cut by keyset on the activity's id, so paging on while imports add activities
/// neither repeats nor skips any that were there at the start.
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
    /// Text in any narrative of the title or descriptions, in any language, ignoring ASCII case.
    public var text: String?
    /// Only the activities of this dataset.
    public var datasetID: Int?
    /// How many activities a page holds (1 to 1,000).
    public var limit: Int
    /// Where the page starts: the previous page's ``ActivityPage/next``.
    public var after: ActivityCursor?

    public init(
        reportingOrg: String? = nil, participatingOrg: String? = nil, country: String? = nil, region: String? = nil,
        sector: String? = nil, status: String? = nil, from: String? = nil, to: String? = nil, text: String? = nil,
        datasetID: Int? = nil, limit: Int = 50, after: ActivityCursor? = nil
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
    }
}

/// Where a page of activities ends, to ask for the next one. Its text form goes into URLs.
public struct ActivityCursor: Sendable, Equatable, Codable, LosslessStringConvertible {
    let lastID: Int

    public init?(_ description: String) {
        guard let id = Int(description), id >= 0 else { return nil }
        lastID = id
    }

    init(lastID: Int) {
        self.lastID = lastID
    }

    public var description: String { String(lastID) }
}

/// One page of activities, with how many match in all.
public struct ActivityPage: Sendable {
    public var activities: [ActivitySummary]
    /// How many activities match the query's filters, over all pages.
    public var total: Int
    /// The cursor of the next page; `nil` on the last.
    public var next: ActivityCursor?
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
    /// Where the activity starts in its file.
    public var line: Int?

    /// The columns `init(row:)` reads, dates as ISO text on both engines.
    static func columns(of table: String) -> [any SQLExpression] {
        ["id", "dataset_id", "reporting_org", "iati_identifier", "title", "activity_status", "default_currency", "line"]
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
        line = try row.decode(column: "line", as: Int?.self)
    }
}
