import SQLKit

/// One imported (or failed) file as the store recorded it: what it held and how it validated.
public struct DatasetSummary: Sendable, Codable, Equatable {
    public var id: Int
    public var name: String
    public var path: String?
    public var sha256: String
    public var size: Int?
    /// `activities` or `organisations`; `nil` when the file was not IATI.
    public var kind: String?
    public var version: String?
    public var reportingOrg: String?
    public var activityCount: Int
    public var organisationCount: Int
    public var transactionCount: Int
    public var budgetCount: Int
    public var duplicateCount: Int
    public var upgraded: Bool
    /// `imported` or `failed`.
    public var status: String
    public var error: String?
    /// What kind of failure ``error`` is; `nil` for an imported file, and for files that failed
    /// before the store recorded kinds (schema version 11).
    public var failure: ImportReport.Failure?
    /// The line of the file the failure is at, when it has one.
    public var failureLine: Int?
    public var importedAt: String
    /// The verdict of the validation on import; `nil` when the file was imported without.
    public var validation: ValidationSummary?
}

/// A dataset's verdict: whether it validates against the 2.03 schema, and its findings by severity.
public struct ValidationSummary: Sendable, Codable, Equatable {
    public var validSchema: Bool
    public var critical: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
}

extension DatasetSummary {
    init(row: any SQLRow) throws {
        func int(_ column: String) throws -> Int { try row.decode(column: column, as: Int?.self) ?? 0 }
        id = try row.decode(column: "id", as: Int.self)
        name = try row.decode(column: "name", as: String.self)
        path = try row.decode(column: "path", as: String?.self)
        sha256 = try row.decode(column: "sha256", as: String.self)
        size = try row.decode(column: "size", as: Int?.self)
        kind = try row.decode(column: "kind", as: String?.self)
        version = try row.decode(column: "version", as: String?.self)
        reportingOrg = try row.decode(column: "reporting_org", as: String?.self)
        activityCount = try int("activity_count")
        organisationCount = try int("organisation_count")
        transactionCount = try int("transaction_count")
        budgetCount = try int("budget_count")
        duplicateCount = try int("duplicate_count")
        upgraded = try int("upgraded") != 0
        status = try row.decode(column: "status", as: String.self)
        error = try row.decode(column: "error", as: String?.self)
        failure = try row.decode(column: "failure", as: String?.self).flatMap(ImportReport.Failure.init(rawValue:))
        failureLine = try row.decode(column: "failure_line", as: Int?.self)
        importedAt = try row.decode(column: "imported_at", as: String.self)
        if let validSchema = try row.decode(column: "valid_schema", as: Int?.self) {
            validation = ValidationSummary(
                validSchema: validSchema != 0, critical: try int("critical_count"), errors: try int("error_count"),
                warnings: try int("warning_count"), infos: try int("info_count"))
        }
    }
}

extension Store {
    /// Every dataset the store has recorded, newest first; only those with `status` when given.
    public func datasets(status: String? = nil) async throws -> [DatasetSummary] {
        try await read { database in
            let query = Self.datasetsWithVerdict(database.sql).orderBy(SQLColumn("id", table: "dataset"), SQLDirection.descending)
            if let status { query.where(SQLColumn("status", table: "dataset"), .equal, SQLBind(status)) }
            return try await query.all().map(DatasetSummary.init(row:))
        }
    }

    /// The dataset with this id, or `nil`.
    public func dataset(id: Int) async throws -> DatasetSummary? {
        try await read { database in
            try await Self.datasetsWithVerdict(database.sql)
                .where(SQLColumn("id", table: "dataset"), .equal, SQLBind(id))
                .first()
                .map(DatasetSummary.init(row:))
        }
    }

    private static func datasetsWithVerdict(_ sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select()
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("dataset")))
            .columns("valid_schema", "critical_count", "error_count", "warning_count", "info_count")
            .from("dataset")
            .join("dataset_validation", method: SQLJoinMethod.left,
                  on: SQLColumn("dataset_id", table: "dataset_validation"), .equal, SQLColumn("id", table: "dataset"))
    }
}
