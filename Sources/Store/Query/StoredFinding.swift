import SQLKit

/// A validation finding as stored with its dataset: the place to fix it and what is wrong.
public struct StoredFinding: Sendable, Codable, Equatable {
    public var datasetID: Int
    /// Its order among the dataset's findings.
    public var seq: Int
    /// `critical`, `error`, `warning` or `info`.
    public var severity: String
    public var category: String
    /// `schema`, `codelist:Sector`, a ruleset's `1.1.3`, …
    public var rule: String
    public var message: String
    public var line: Int?
    public var xpath: String?
    /// The `iati-identifier` of the activity it sits in.
    public var activity: String?

    init(row: any SQLRow) throws {
        datasetID = try row.decode(column: "dataset_id", as: Int.self)
        seq = try row.decode(column: "seq", as: Int.self)
        severity = try row.decode(column: "severity", as: String.self)
        category = try row.decode(column: "category", as: String.self)
        rule = try row.decode(column: "rule", as: String.self)
        message = try row.decode(column: "message", as: String.self)
        line = try row.decode(column: "line", as: Int?.self)
        xpath = try row.decode(column: "xpath", as: String?.self)
        activity = try row.decode(column: "activity_identifier", as: String?.self)
    }
}

/// Which findings to read: those of a dataset, optionally of one activity or one severity, a page at a time.
public struct FindingQuery: Sendable, Equatable {
    public var datasetID: Int
    /// The `iati-identifier` of one activity.
    public var activity: String?
    public var severity: String?
    /// Findings after this `seq` (the last of the previous page).
    public var afterSeq: Int?
    /// At most this many (1 to 10,000).
    public var limit: Int

    public init(datasetID: Int, activity: String? = nil, severity: String? = nil, afterSeq: Int? = nil, limit: Int = 1_000) {
        self.datasetID = datasetID
        self.activity = activity
        self.severity = severity
        self.afterSeq = afterSeq
        self.limit = limit
    }
}

extension Store {
    /// The findings `query` selects, in the order validation reported them.
    public func findings(_ query: FindingQuery) async throws -> [StoredFinding] {
        guard (1...10_000).contains(query.limit) else {
            throw StoreError(.query, "a page holds 1 to 10,000 findings, not \(query.limit)")
        }
        return try await read { database in
            let select = database.sql.select().column(SQLLiteral.all).from(Schema.finding.name)
                .where("dataset_id", .equal, SQLBind(query.datasetID))
            if let activity = query.activity { select.where("activity_identifier", .equal, SQLBind(activity)) }
            if let severity = query.severity { select.where("severity", .equal, SQLBind(severity)) }
            if let after = query.afterSeq { select.where("seq", .greaterThan, SQLBind(after)) }
            return try await select.orderBy("seq").limit(query.limit).all().map(StoredFinding.init(row:))
        }
    }
}
