/// The strategy and the register of country programmes (migration 6). Nothing is changed in place:
/// an assessment, an indicator value or a new version of a programme is a new row, dated and
/// attributed (`recorded_by`, `recorded_at`), so every earlier state can still be read.
/// Texts in several languages are JSON objects by language code; dates are `YYYY-MM-DD` text.
extension Schema {
    static let strategy = Table(
        name: "strategy",
        columns: [
            .text("id", notNull: true), .text("title", notNull: true), .text("start_date", notNull: true),
            .text("end_date", notNull: true), .text("recorded_by", notNull: true), .text("recorded_at", notNull: true),
        ],
        primaryKey: "id")

    static let strategyPillar = Table(
        name: "strategy_pillar",
        columns: [
            .text("strategy_id", notNull: true), .integer("number", notNull: true), .text("title", notNull: true),
            .text("outcome", notNull: true), .text("recorded_by", notNull: true), .text("recorded_at", notNull: true),
        ],
        indexes: [["strategy_id"]])

    static let strategyAction = Table(
        name: "strategy_action",
        columns: [
            .text("strategy_id", notNull: true), .integer("pillar", notNull: true), .integer("number", notNull: true),
            .text("text", notNull: true), .text("recorded_by", notNull: true), .text("recorded_at", notNull: true),
        ],
        indexes: [["strategy_id"]])

    /// Every progress assessment ever recorded; the latest by review date is the current one.
    static let strategyAssessment = Table(
        name: "strategy_assessment",
        columns: [
            .id("id"), .text("strategy_id", notNull: true), .integer("pillar", notNull: true), .integer("action"),
            .text("review_date", notNull: true), .text("data_as_of"), .text("rating", notNull: true),
            .text("narrative", notNull: true), .text("evidence", notNull: true), .text("recorded_by", notNull: true),
            .text("recorded_at", notNull: true),
        ],
        primaryKey: "id", indexes: [["strategy_id", "pillar"]])

    /// `targets` is a JSON object by year; `computed` names the ``ComputedMeasure`` when the portfolio gives the value.
    static let strategyIndicator = Table(
        name: "strategy_indicator",
        columns: [
            .text("strategy_id", notNull: true), .text("id", notNull: true), .integer("pillar", notNull: true),
            .integer("action"), .text("title", notNull: true), .text("unit", notNull: true), .text("baseline"),
            .integer("baseline_year"), .text("targets", notNull: true), .text("computed"),
            .text("recorded_by", notNull: true), .text("recorded_at", notNull: true),
        ],
        indexes: [["strategy_id"]])

    /// Every entered value; for one indicator and day the latest recorded is the one in force.
    /// `value` is exact decimal text.
    static let indicatorValue = Table(
        name: "indicator_value",
        columns: [
            .id("id"), .text("strategy_id", notNull: true), .text("indicator_id", notNull: true),
            .text("value_date", notNull: true), .text("value", notNull: true), .text("source", notNull: true),
            .text("recorded_by", notNull: true), .text("recorded_at", notNull: true),
        ],
        primaryKey: "id", indexes: [["strategy_id", "indicator_id"]])

    /// Each version of a programme as registered: the row with the highest id of a code is its current state.
    static let countryProgramme = Table(
        name: "country_programme",
        columns: [
            .id("id"), .text("code", notNull: true), .text("country", notNull: true), .text("title", notNull: true),
            .text("start_date", notNull: true), .text("end_date", notNull: true), .text("committee_since"),
            .text("recorded_by", notNull: true), .text("recorded_at", notNull: true),
        ],
        primaryKey: "id", indexes: [["code"]])

    /// The country programme outcomes of each version of a programme.
    static let countryProgrammeOutcome = Table(
        name: "country_programme_outcome",
        columns: [.integer("programme_id", notNull: true), .text("code", notNull: true), .text("text", notNull: true)],
        indexes: [["programme_id"]])

    /// Who changed what in the strategy and the register, and when.
    static let changeLog = Table(
        name: "change_log",
        columns: [
            .id("id"), .text("entity", notNull: true), .text("entity_key", notNull: true), .text("change", notNull: true),
            .text("recorded_by", notNull: true), .text("recorded_at", notNull: true),
        ],
        primaryKey: "id", indexes: [["entity", "entity_key"]])

    static let strategyTables = [
        strategy, strategyPillar, strategyAction, strategyAssessment, strategyIndicator, indicatorValue, countryProgramme,
        countryProgrammeOutcome, changeLog,
    ]
}
