import Portfolio
import SQLKit

extension Store {
    /// The results roll-up at `level` (``ResultsRollup``), computed by SQL aggregates.
    ///
    /// A project's P&B outcome is its classification in `portfolio_fact` (else its agency outcome
    /// sector), its CPO its agency `cpo` tag, its pillar the outcome's (``Portfolio/Outcome/strategyPillar``).
    /// Periods are grouped by the indicator's title and the year they end in. A group's targets and
    /// actuals are added only when every project measures the indicator the same way and as a count,
    /// and the period has a target and the indicator a baseline; the other periods form rows of
    /// their own with the reason (``ResultsRollup/Gap``) and no sums. The values are decimal text,
    /// added exactly as integer parts and billionths (as ``Amount`` does for money).
    public func resultsRollup(by level: ResultsRollup.Level) async throws -> ResultsRollup {
        let postgres = database.isPostgres
        let keys: [String] = switch level {
        case .pillar: ["pillar"]
        case .outcome: ["pillar", "outcome"]
        case .cpo: ["pillar", "outcome", "cpo"]
        }
        let keyList = keys.joined(separator: ", ")
        let keyJoin = keys.map { "m.\($0) = b.\($0)" }.joined(separator: " AND ")
        let pillar = "CASE c.outcome " + Outcome.allCases.map { "WHEN '\($0.code)' THEN \($0.strategyPillar)" }.joined(separator: " ")
            + " ELSE 0 END"
        let vocabulary = AgencyVocabulary.standard
        let query: SQLQueryString = """
            WITH classified AS (
                SELECT a.id AS activity_id,
                    COALESCE((SELECT MIN(f.outcome) FROM portfolio_fact f WHERE f.activity_id = a.id),
                        (SELECT MIN(UPPER(s.code)) FROM sector s
                         WHERE s.activity_id = a.id AND s.vocabulary = '99' AND s.vocabulary_uri = \(bind: vocabulary.outcome)), '') AS outcome,
                    COALESCE((SELECT MIN(t.code) FROM tag t
                        WHERE t.activity_id = a.id AND t.vocabulary = '99' AND t.vocabulary_uri = \(bind: vocabulary.cpo)), '') AS cpo
                FROM activity a
            ), base AS (
                SELECT p.activity_id, COALESCE(i.title, '') AS indicator, COALESCE(i.measure, '') AS measure,
                    TRIM(i.baseline_value) AS baseline, TRIM(p.target_value) AS target, TRIM(p.actual_value) AS actual,
                    COALESCE(SUBSTR(CAST(p.period_end AS TEXT), 1, 4), '') AS year, c.outcome, c.cpo, \(unsafeRaw: pillar) AS pillar
                FROM indicator_period p
                JOIN indicator i ON i.activity_id = p.activity_id AND i.result_seq = p.result_seq AND i.seq = p.indicator_seq
                JOIN classified c ON c.activity_id = p.activity_id
            ), measures AS (
                SELECT \(unsafeRaw: keyList), indicator, COUNT(DISTINCT measure) AS n FROM base GROUP BY \(unsafeRaw: keyList), indicator
            ), judged AS (
                SELECT b.*, CASE
                    WHEN m.n > 1 THEN 'measures-differ'
                    WHEN b.measure <> '1' THEN 'not-additive'
                    WHEN b.target IS NULL OR b.target = '' THEN 'no-target'
                    WHEN b.baseline IS NULL OR b.baseline = '' THEN 'no-baseline'
                    WHEN NOT (\(unsafeRaw: Self.isNumber("b.target", postgres))) THEN 'not-a-number'
                    WHEN b.actual IS NOT NULL AND b.actual <> '' AND NOT (\(unsafeRaw: Self.isNumber("b.actual", postgres))) THEN 'not-a-number'
                    ELSE '' END AS gap
                FROM base b JOIN measures m ON \(unsafeRaw: keyJoin) AND m.indicator = b.indicator
            )
            SELECT \(unsafeRaw: keyList), indicator, MIN(measure) AS measure, year, gap,
                COUNT(*) AS periods, COUNT(DISTINCT activity_id) AS projects,
                COUNT(DISTINCT CASE WHEN actual IS NOT NULL AND actual <> '' THEN activity_id END) AS reporting,
                \(unsafeRaw: Self.sums("target", "gap = ''", postgres)),
                \(unsafeRaw: Self.sums("actual", "gap = '' AND actual IS NOT NULL AND actual <> ''", postgres))
            FROM judged
            GROUP BY \(unsafeRaw: keyList), indicator, year, gap
            """
        let rows = try await read { database in
            try await database.sql.raw(query).all().map { row -> ResultsRollup.Row in
                let gapText = try row.decode(column: "gap", as: String.self)
                let gap = ResultsRollup.Gap(rawValue: gapText)
                func sum(_ name: String) throws -> String? {
                    guard gap == nil else { return nil }
                    return Amount.Sum(
                        billions: try row.decode(column: name + "_billions", as: Int.self), units: try row.decode(column: name + "_units", as: Int.self),
                        nanos: try row.decode(column: name + "_nanos", as: Int.self)).text
                }
                let reporting = try row.decode(column: "reporting", as: Int.self)
                let measure = try row.decode(column: "measure", as: String.self)
                let pillar = try row.decode(column: "pillar", as: Int.self)
                let outcome = try keys.contains("outcome") ? row.decode(column: "outcome", as: String.self).nonEmpty : nil
                let cpo = try keys.contains("cpo") ? row.decode(column: "cpo", as: String.self).nonEmpty : nil
                let actual = try reporting > 0 ? sum("actual") : nil
                return ResultsRollup.Row(
                    pillar: pillar == 0 ? nil : pillar,
                    outcome: outcome,
                    cpo: cpo,
                    indicator: try row.decode(column: "indicator", as: String.self),
                    measure: gap == .measuresDiffer ? nil : measure.nonEmpty,
                    year: try row.decode(column: "year", as: String.self).nonEmpty,
                    periods: try row.decode(column: "periods", as: Int.self), projects: try row.decode(column: "projects", as: Int.self),
                    reporting: reporting, target: try sum("target"), actual: actual, gap: gap)
            }
        }
        return ResultsRollup(level: level, rows: rows.sorted(by: Self.rollupOrder))
    }

    /// Pillars, outcomes and CPOs in order with the unclassified last; then indicator, year, summed rows first.
    static func rollupOrder(_ left: ResultsRollup.Row, _ right: ResultsRollup.Row) -> Bool {
        func key(_ row: ResultsRollup.Row) -> [String] {
            [row.pillar.map(String.init) ?? "~", row.outcome ?? "~", row.cpo ?? "~", row.indicator, row.year ?? "~", row.gap?.rawValue ?? ""]
        }
        return key(left).lexicographicallyPrecedes(key(right))
    }

    /// SQL that is true when `column` holds a plain decimal: an optional `-`, 1–18 digits, and an
    /// optional point with 1–9 digits (so that its parts fit the integer sums).
    static func isNumber(_ column: String, _ postgres: Bool) -> String {
        if postgres { return #"\#(column) ~ '^-?[0-9]{1,18}(\.[0-9]{1,9})?$'"# }
        let c = column
        return """
            (\(c) GLOB '[0-9]*' OR \(c) GLOB '-[0-9]*') AND SUBSTR(\(c), 2) NOT GLOB '*[^0-9.]*' AND \(c) NOT GLOB '*.*.*' \
            AND \(c) NOT GLOB '*.' AND (INSTR(\(c), '.') = 0 OR LENGTH(\(c)) - INSTR(\(c), '.') <= 9) \
            AND COALESCE(NULLIF(INSTR(\(c), '.'), 0) - 1, LENGTH(\(c))) - (CASE WHEN \(c) GLOB '-*' THEN 1 ELSE 0 END) <= 18
            """
    }

    /// The select columns `<name>_billions`, `<name>_units`, `<name>_nanos` summing the decimal text
    /// `name` of the rows where `condition` holds (checked to be numbers before), as ``Amount/Sum`` adds them.
    static func sums(_ name: String, _ condition: String, _ postgres: Bool) -> String {
        let find = postgres ? "STRPOS(\(name), '.')" : "INSTR(\(name), '.')"
        let whole = "CAST(CASE WHEN \(find) > 0 THEN SUBSTR(\(name), 1, \(find) - 1) ELSE \(name) END AS BIGINT)"
        let nanos = "CASE WHEN \(find) > 0 THEN (CASE WHEN SUBSTR(\(name), 1, 1) = '-' THEN -1 ELSE 1 END) "
            + "* CAST(SUBSTR(SUBSTR(\(name), \(find) + 1) || '000000000', 1, 9) AS BIGINT) ELSE 0 END"
        let billion = Amount.nanosPerUnit
        func total(_ expression: String, _ alias: String) -> String {
            "CAST(COALESCE(SUM(CASE WHEN \(condition) THEN \(expression) END), 0) AS BIGINT) AS \(name)_\(alias)"
        }
        return [total("\(whole) / \(billion)", "billions"), total("\(whole) % \(billion)", "units"), total(nanos, "nanos")]
            .joined(separator: ", ")
    }
}

extension String {
    /// The text, or `nil` when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
