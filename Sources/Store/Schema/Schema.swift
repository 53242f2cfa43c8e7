/// A column of a table the store owns.
struct Column: Sendable {
    enum Kind: Sendable {
        case id, integer, text, date
        /// A percentage: NUMERIC, exact on PostgreSQL, a double on SQLite (good enough for shares).
        case numeric
        /// A money amount as exact decimal text; its table also gets the integer columns that sum it (``Amount``).
        case amount
    }

    var name: String
    var kind: Kind
    var notNull = false

    static func id(_ name: String) -> Column { Column(name: name, kind: .id, notNull: true) }
    static func integer(_ name: String, notNull: Bool = false) -> Column { Column(name: name, kind: .integer, notNull: notNull) }
    static func text(_ name: String, notNull: Bool = false) -> Column { Column(name: name, kind: .text, notNull: notNull) }
    static func numeric(_ name: String) -> Column { Column(name: name, kind: .numeric) }
    static func amount(_ name: String) -> Column { Column(name: name, kind: .amount) }
    static func date(_ name: String) -> Column { Column(name: name, kind: .date) }

    /// The type the migrations declare for the column: SQLite's name, or PostgreSQL's as
    /// `information_schema` spells it. `INTEGER` on SQLite is `BIGINT` on PostgreSQL (the rule
    /// ``Migrations`` applies to their DDL), and 64 bits on both.
    func declaredType(postgres: Bool) -> String {
        switch kind {
        case .id, .integer: postgres ? "bigint" : "INTEGER"
        case .text, .amount: postgres ? "text" : "TEXT"
        case .numeric: postgres ? "numeric" : "NUMERIC"
        case .date: postgres ? "date" : "DATE"
        }
    }
}

/// A table of the store: its columns in the order rows are written, and its indexes.
///
/// Rows are built by column name (``TableRows/append(_:)-(NamedCells)``, or indexes looked up once
/// by name on the hot path), so a new column is added here and in its migration, nowhere else.
struct Table: Sendable {
    var name: String
    /// The columns as given, then `<amount>_whole` and `<amount>_nanos` for each amount column:
    /// migration 3 added those at the end of the tables that existed.
    let columns: [Column]
    var primaryKey: String?
    var indexes: [[String]] = []
    var uniqueIndexes: [[String]] = []
    private let indexByName: [String: Int]

    init(name: String, columns: [Column], primaryKey: String? = nil, indexes: [[String]] = [], uniqueIndexes: [[String]] = []) {
        self.name = name
        let sums = columns.filter { $0.kind == .amount }.flatMap { column in
            let names = Amount.columnNames(column.name)
            return [Column.integer(names.whole), Column.integer(names.nanos)]
        }
        self.columns = columns + sums
        self.primaryKey = primaryKey
        self.indexes = indexes
        self.uniqueIndexes = uniqueIndexes
        indexByName = Dictionary(uniqueKeysWithValues: self.columns.enumerated().map { ($1.name, $0) })
    }

    var columnNames: [String] { columns.map(\.name) }

    /// Where the column `name` is in a row; a name the table does not have is a programming error.
    func index(of name: String) -> Int {
        guard let index = indexByName[name] else { preconditionFailure("no column \(name) in \(self.name)") }
        return index
    }
}

/// The tables of the store as the latest migration leaves them (``Migrations`` holds the DDL).
///
/// `activity` holds each activity's published XML; the other activity tables are projections of
/// it for queries, keyed on `activity_id` and rebuilt whenever the activity is.
enum Schema {
    static let dataset = Table(
        name: "dataset",
        columns: [
            .id("id"), .text("name", notNull: true), .text("path"), .text("sha256", notNull: true),
            .integer("size"), .text("kind"), .text("version"), .text("reporting_org"),
            .text("namespaces"), .text("envelope"),
            .integer("activity_count"), .integer("organisation_count"), .integer("transaction_count"),
            .integer("budget_count"), .integer("duplicate_count"), .integer("upgraded"),
            .text("status", notNull: true), .text("error"), .text("imported_at", notNull: true),
            .text("failure"), .integer("failure_line"),
        ],
        primaryKey: "id", indexes: [["sha256"]])

    static let activity = Table(
        name: "activity",
        columns: [
            .id("id"), .integer("dataset_id", notNull: true), .text("reporting_org", notNull: true),
            .text("iati_identifier", notNull: true), .integer("identifier_missing"), .text("version"),
            .integer("upgraded"), .text("hierarchy"), .text("default_currency"), .text("default_lang"),
            .text("activity_status"), .text("activity_scope"), .text("humanitarian"), .text("last_updated"),
            .date("start_date"), .date("end_date"), .text("title"), .integer("line"), .text("xml", notNull: true),
        ],
        primaryKey: "id", indexes: [["dataset_id"]], uniqueIndexes: [["reporting_org", "iati_identifier"]])

    static let transaction = projection("activity_transaction", [
        .text("ref"), .text("type"), .date("transaction_date"), .amount("value"), .text("currency"), .date("value_date"),
        .text("provider_org_ref"), .text("provider_org_name"), .text("provider_activity_id"),
        .text("receiver_org_ref"), .text("receiver_org_name"), .text("receiver_activity_id"),
        .text("flow_type"), .text("finance_type"), .text("aid_type"), .text("tied_status"),
        .text("disbursement_channel"), .text("humanitarian"), .text("sector_code"), .text("recipient_country"),
        .text("recipient_region"), .text("description"),
    ])
    static let budget = projection("budget", [
        .text("type"), .text("status"), .date("period_start"), .date("period_end"),
        .amount("value"), .text("currency"), .date("value_date"),
    ])
    static let plannedDisbursement = projection("planned_disbursement", [
        .text("type"), .date("period_start"), .date("period_end"), .amount("value"), .text("currency"),
        .date("value_date"), .text("provider_org_ref"), .text("receiver_org_ref"),
    ])
    static let participatingOrg = projection("participating_org", [
        .text("ref"), .text("type"), .text("role"), .text("org_activity_id"), .text("crs_channel_code"), .text("name"),
    ])
    static let sector = projection("sector", [
        .text("code"), .text("vocabulary"), .text("vocabulary_uri"), .numeric("percentage"), .text("name"),
    ])
    static let recipientCountry = projection("recipient_country", [.text("code"), .numeric("percentage"), .text("name")])
    static let recipientRegion = projection("recipient_region", [
        .text("code"), .text("vocabulary"), .text("vocabulary_uri"), .numeric("percentage"), .text("name"),
    ])
    static let policyMarker = projection("policy_marker", [
        .text("code"), .text("vocabulary"), .text("vocabulary_uri"), .text("significance"), .text("name"),
    ])
    static let tag = projection("tag", [.text("code"), .text("vocabulary"), .text("vocabulary_uri"), .text("name")])
    static let location = projection("location", [
        .text("ref"), .text("name"), .text("description"), .text("point"), .text("exactness"),
        .text("location_class"), .text("feature_designation"), .text("administrative"),
    ])
    static let documentLink = projection("document_link", [
        .text("url"), .text("format"), .text("title"), .text("category"), .text("language"), .date("document_date"),
    ])
    static let result = projection("result", [
        .text("type"), .text("aggregation_status"), .text("title"), .integer("indicator_count"),
    ])
    static let indicator = projection("indicator", [
        .integer("result_seq", notNull: true), .text("measure"), .text("ascending"), .text("title"),
        .text("baseline_year"), .text("baseline_value"),
    ])
    static let indicatorPeriod = projection("indicator_period", [
        .integer("result_seq", notNull: true), .integer("indicator_seq", notNull: true),
        .date("period_start"), .date("period_end"), .text("target_value"), .text("actual_value"),
    ])
    /// Every narrative of the activity's title and descriptions, one row per language, for search.
    static let narrative = projection("narrative", [.text("element", notNull: true), .text("lang"), .text("text", notNull: true)])

    static let organisation = Table(
        name: "organisation",
        columns: [
            .id("id"), .integer("dataset_id", notNull: true), .text("reporting_org", notNull: true),
            .text("identifier", notNull: true), .text("name"), .text("default_currency"), .text("last_updated"),
            .integer("line"), .text("xml", notNull: true),
        ],
        primaryKey: "id", indexes: [["dataset_id"]], uniqueIndexes: [["reporting_org", "identifier"]])

    static let organisationBudget = Table(
        name: "organisation_budget",
        columns: [
            .integer("organisation_id", notNull: true), .integer("seq", notNull: true), .text("kind", notNull: true),
            .text("target"), .text("status"), .date("period_start"), .date("period_end"), .amount("value"),
            .text("currency"), .date("value_date"),
        ],
        indexes: [["organisation_id"]])

    /// One row per incoming commitment, incoming funds, disbursement and expenditure, classified as
    /// the agency sees it and converted to US dollars (``PortfolioFacts``): the funding analytics
    /// read this table alone.
    static let portfolioFact = Table(
        name: "portfolio_fact",
        columns: [
            .integer("activity_id", notNull: true), .integer("seq", notNull: true), .text("reporting_org", notNull: true),
            .text("type", notNull: true), .integer("year"), .date("fact_date"), .text("partner"), .text("partner_ref"),
            .text("funding_source"), .text("modality"), .text("region", notNull: true), .text("country"), .text("outcome"),
            .integer("sstc", notNull: true), .text("currency"), .amount("value"), .amount("usd"), .text("unconverted"),
            .date("rate_date"),
        ],
        indexes: [["activity_id"], ["type", "year"]])

    /// The tables keyed on `activity_id`, emptied for an activity before it is written again.
    static let activityProjections = [
        transaction, budget, plannedDisbursement, participatingOrg, sector, recipientCountry, recipientRegion,
        policyMarker, tag, location, documentLink, result, indicator, indicatorPeriod, narrative, portfolioFact,
    ]

    /// Each ECB rate file loaded with `devcoop rates load`; the newest is used, else the bundled one.
    static let exchangeRateFile = Table(
        name: "exchange_rate_file",
        columns: [
            .id("id"), .text("source", notNull: true), .date("first_day"), .date("last_day"),
            .text("loaded_at", notNull: true), .text("csv", notNull: true),
        ],
        primaryKey: "id")

    /// Facts about the store itself, by name (e.g. which classification built `portfolio_fact`).
    static let setting = Table(
        name: "store_setting", columns: [.text("name", notNull: true), .text("value")], primaryKey: "name")

    /// What validation found in each dataset. `activity_verdicts` is 1 when ``schemaFindingLine``
    /// holds every activity of the dataset with a schema finding (`NULL` before migration 8).
    static let datasetValidation = Table(
        name: "dataset_validation",
        columns: [
            .integer("dataset_id", notNull: true), .integer("valid_schema", notNull: true),
            .integer("critical_count", notNull: true), .integer("error_count", notNull: true),
            .integer("warning_count", notNull: true), .integer("info_count", notNull: true),
            .integer("activity_verdicts"),
        ],
        primaryKey: "dataset_id")

    /// The start-tag lines (`activity.line`) of the activities in which the schema found an error.
    /// In a dataset that fails the schema, the other activities validate on their own, so an
    /// export writes them as they were published.
    static let schemaFindingLine = Table(
        name: "schema_finding_line",
        columns: [.integer("dataset_id", notNull: true), .integer("line", notNull: true)],
        indexes: [["dataset_id", "line"]])

    /// Every finding of a dataset, with the place to show it next to the field.
    static let finding = Table(
        name: "finding",
        columns: [
            .integer("dataset_id", notNull: true), .integer("seq", notNull: true), .text("severity", notNull: true),
            .text("category", notNull: true), .text("rule", notNull: true), .text("message", notNull: true),
            .integer("line"), .text("xpath"), .text("activity_identifier"),
        ],
        indexes: [["dataset_id"], ["activity_identifier"]])

    /// Each E&S screening of a project (by `iati-identifier`): who, when, which checklist, what category.
    static let screening = Table(
        name: "screening",
        columns: [
            .id("id"), .text("iati_identifier", notNull: true), .integer("checklist_version", notNull: true),
            .text("category", notNull: true), .integer("rule", notNull: true), .text("screened_by", notNull: true),
            .text("screened_at", notNull: true),
        ],
        primaryKey: "id", indexes: [["iati_identifier"]])

    /// A screening's answer to each question of its checklist.
    static let screeningAnswer = Table(
        name: "screening_answer",
        columns: [
            .integer("screening_id", notNull: true), .integer("seq", notNull: true), .text("question", notNull: true),
            .text("answer", notNull: true),
        ],
        indexes: [["screening_id"]])

    /// The measures a screening requires, in order.
    static let screeningMeasure = Table(
        name: "screening_measure",
        columns: [
            .integer("screening_id", notNull: true), .integer("seq", notNull: true), .text("measure", notNull: true),
            .text("text", notNull: true),
        ],
        indexes: [["screening_id"]])

    /// Every pipeline status a project took, dated and attributed; the newest is its status.
    static let pipelineStatus = Table(
        name: "pipeline_status",
        columns: [
            .id("id"), .text("iati_identifier", notNull: true), .text("status", notNull: true),
            .text("changed_by", notNull: true), .text("changed_at", notNull: true),
        ],
        primaryKey: "id", indexes: [["iati_identifier"]])

    /// Every table, in the order rows are written.
    static let all = [dataset, activity] + activityProjections
        + [organisation, organisationBudget, datasetValidation, finding, schemaFindingLine, exchangeRateFile, setting]
        + strategyTables
        + [screening, screeningAnswer, screeningMeasure, pipelineStatus]

    /// The tables that hang off a dataset row and go when it is replaced.
    static let datasetDetails = [datasetValidation, finding, schemaFindingLine]

    private static func projection(_ name: String, _ columns: [Column]) -> Table {
        Table(
            name: name,
            columns: [.integer("activity_id", notNull: true), .integer("seq", notNull: true)] + columns,
            indexes: [["activity_id"]])
    }
}
