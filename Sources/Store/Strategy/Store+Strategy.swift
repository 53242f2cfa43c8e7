import Foundation
import Portfolio
import SQLKit

extension Store {
    /// Stores a strategy with the history it comes with (assessments, entered values), once: a
    /// strategy already stored is left as it is. Returns whether it was stored now.
    @discardableResult
    public func loadStrategy(_ catalog: StrategyCatalog, by author: String) async throws -> Bool {
        let author = try Self.author(author)
        let strategy = catalog.strategy
        return try await writer.transaction { database in
            let exists = try await database.sql.select().column("id").from(Schema.strategy.name)
                .where("id", .equal, SQLBind(strategy.id)).first() != nil
            guard !exists else { return false }
            let now = Timestamp.now()
            var strategyRows = TableRows(Schema.strategy)
            strategyRows.append([
                "id": .text(strategy.id), "title": .text(JSONText.encode(strategy.title)), "start_date": .text(strategy.start),
                "end_date": .text(strategy.end), "recorded_by": .text(author), "recorded_at": .text(now),
            ])
            var pillars = TableRows(Schema.strategyPillar)
            var actions = TableRows(Schema.strategyAction)
            for pillar in strategy.pillars {
                pillars.append([
                    "strategy_id": .text(strategy.id), "number": .integer(pillar.number), "title": .text(JSONText.encode(pillar.title)),
                    "outcome": .text(JSONText.encode(pillar.outcome)), "recorded_by": .text(author), "recorded_at": .text(now),
                ])
                for action in pillar.actions {
                    actions.append([
                        "strategy_id": .text(strategy.id), "pillar": .integer(pillar.number), "number": .integer(action.number),
                        "text": .text(JSONText.encode(action.text)), "recorded_by": .text(author), "recorded_at": .text(now),
                    ])
                }
            }
            var indicators = TableRows(Schema.strategyIndicator)
            for indicator in strategy.indicators {
                indicators.append([
                    "strategy_id": .text(strategy.id), "id": .text(indicator.id), "pillar": .integer(indicator.pillar),
                    "action": Cell(indicator.action), "title": .text(JSONText.encode(indicator.title)), "unit": .text(indicator.unit.rawValue),
                    "baseline": Cell(indicator.baseline.map { "\($0)" }), "baseline_year": Cell(indicator.baselineYear),
                    "targets": .text(JSONText.encode(indicator.targets)), "computed": Cell(indicator.computed?.rawValue),
                    "recorded_by": .text(author), "recorded_at": .text(now),
                ])
            }
            try await database.insert([strategyRows, pillars, actions, indicators])
            for assessment in catalog.assessments {
                try await Self.insert(assessment, strategyID: strategy.id, in: database)
            }
            for value in catalog.values {
                try await Self.insert(value, strategyID: strategy.id, in: database)
            }
            try await Self.log(in: database, entity: "strategy", key: strategy.id, change: "loaded \(strategy.title.text("en"))", by: author, at: now)
            return true
        }
    }

    /// Records a review's assessment of a pillar (or one of its actions). It is attributed to its
    /// `recordedBy` and stamped now; nothing earlier is changed.
    public func recordAssessment(_ assessment: ProgressAssessment, strategyID: String? = nil) async throws {
        var assessment = assessment
        assessment.recordedBy = try Self.author(assessment.recordedBy)
        assessment.recordedAt = Timestamp.now()
        guard let date = CalendarDate.parse(assessment.date) else {
            throw StoreError(.invalidChange, "the review date \(assessment.date) is not a date (YYYY-MM-DD)")
        }
        assessment.date = date
        if let asOf = assessment.dataAsOf, CalendarDate.parse(asOf) == nil {
            throw StoreError(.invalidChange, "the data date \(asOf) is not a date (YYYY-MM-DD)")
        }
        guard !assessment.narrative.text("en").isEmpty else { throw StoreError(.invalidChange, "an assessment needs an English text") }
        let definition = try await strategyDefinition(strategyID, on: date)
        guard let pillar = definition.pillar(assessment.pillar) else {
            throw StoreError(.invalidChange, "the strategy has no pillar \(assessment.pillar) (it has \(definition.pillars.map { String($0.number) }.joined(separator: ", ")))")
        }
        if let action = assessment.action, !pillar.actions.contains(where: { $0.number == action }) {
            throw StoreError(.invalidChange, "pillar \(pillar.number) has no action \(action)")
        }
        let stored = assessment
        try await writer.transaction { database in
            try await Self.insert(stored, strategyID: definition.id, in: database)
            try await Self.log(in: database, entity: "assessment", key: "\(definition.id)/\(stored.pillar)",
                               change: "\(stored.rating.rawValue) on \(stored.date)", by: stored.recordedBy, at: stored.recordedAt)
        }
    }

    /// Records an entered value of an indicator. A value for a day that has one already is kept
    /// beside it: the latest recorded is in force, the earlier stays in the history.
    public func recordIndicatorValue(_ value: IndicatorValue, strategyID: String? = nil) async throws {
        var value = value
        value.recordedBy = try Self.author(value.recordedBy ?? "")
        value.recordedAt = Timestamp.now()
        value.computed = false
        guard let date = CalendarDate.parse(value.date) else { throw StoreError(.invalidChange, "the date \(value.date) is not a date (YYYY-MM-DD)") }
        value.date = date
        guard value.value.isFinite else { throw StoreError(.invalidChange, "the value is not a number") }
        guard !value.source.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError(.invalidChange, "a value needs its source") }
        let definition = try await strategyDefinition(strategyID, on: date)
        guard definition.indicator(value.indicator) != nil else {
            throw StoreError(.invalidChange, "the strategy has no indicator \(value.indicator) (it has \(definition.indicators.map(\.id).joined(separator: ", ")))")
        }
        let stored = value
        try await writer.transaction { database in
            try await Self.insert(stored, strategyID: definition.id, in: database)
            try await Self.log(in: database, entity: "indicator", key: "\(definition.id)/\(stored.indicator)",
                               change: "\(stored.value) on \(stored.date)", by: stored.recordedBy ?? "", at: stored.recordedAt ?? "")
        }
    }

    /// The strategy as it stood on `asOf`: pillars, actions, the latest assessments and their
    /// history, indicators with their entered values and the values computed from the portfolio
    /// as of that day. Without `strategyID`, the strategy in force on the day (else the latest begun).
    public func strategyReview(asOf: String, strategyID: String? = nil) async throws -> StrategyReview {
        guard let asOf = CalendarDate.parse(asOf) else { throw StoreError(.invalidChange, "\(asOf) is not a date (YYYY-MM-DD)") }
        let strategy = try await strategyDefinition(strategyID, on: asOf)
        return try await read { database in
            let sql = database.sql
            let assessments = try await sql.raw("""
                SELECT pillar, action, review_date, data_as_of, rating, narrative, evidence, recorded_by, recorded_at
                FROM strategy_assessment WHERE strategy_id = \(bind: strategy.id) AND review_date <= \(bind: asOf)
                ORDER BY review_date DESC, id DESC
                """).all().map { row in
                ProgressAssessment(
                    pillar: try row.decode(column: "pillar", as: Int.self), action: try row.decode(column: "action", as: Int?.self),
                    date: try row.decode(column: "review_date", as: String.self), dataAsOf: try row.decode(column: "data_as_of", as: String?.self),
                    rating: ProgressRating(rawValue: try row.decode(column: "rating", as: String.self)) ?? .progressing,
                    narrative: try JSONText.decode(LocalizedText.self, try row.decode(column: "narrative", as: String.self)),
                    evidence: try JSONText.decode([String].self, try row.decode(column: "evidence", as: String.self)),
                    recordedBy: try row.decode(column: "recorded_by", as: String.self), recordedAt: try row.decode(column: "recorded_at", as: String.self))
            }
            // For each day the latest recorded value; ids grow with time, so the highest id is the latest.
            let values = try await sql.raw("""
                SELECT indicator_id, value_date, value, source, recorded_by, recorded_at FROM indicator_value
                WHERE strategy_id = \(bind: strategy.id) AND value_date <= \(bind: asOf) AND id IN (
                    SELECT MAX(id) FROM indicator_value WHERE strategy_id = \(bind: strategy.id) GROUP BY indicator_id, value_date)
                ORDER BY value_date, id
                """).all().map { row in
                IndicatorValue(
                    indicator: try row.decode(column: "indicator_id", as: String.self), date: try row.decode(column: "value_date", as: String.self),
                    value: Double(try row.decode(column: "value", as: String.self)) ?? .nan, source: try row.decode(column: "source", as: String.self),
                    recordedBy: try row.decode(column: "recorded_by", as: String.self), recordedAt: try row.decode(column: "recorded_at", as: String.self))
            }
            let measures = StrategyMeasures(database: database, strategyStart: strategy.start)
            var pillars: [PillarReview] = []
            for pillar in strategy.pillars {
                var indicators: [IndicatorReview] = []
                for indicator in strategy.indicators where indicator.pillar == pillar.number {
                    var review = IndicatorReview(indicator: indicator, entered: values.filter { $0.indicator == indicator.id }, computed: nil, yearly: [])
                    if let measure = indicator.computed, asOf >= strategy.start {
                        for year in CalendarDate.year(strategy.start)...CalendarDate.year(min(asOf, strategy.end)) {
                            let day = min("\(year)-12-31", asOf)
                            if let value = try await measures.value(measure, on: day) {
                                review.yearly.append(IndicatorValue(indicator: indicator.id, date: day, value: value, source: measure.rawValue, computed: true))
                            }
                        }
                        review.computed = review.yearly.last.flatMap { $0.date == asOf ? $0 : nil }
                        if review.computed == nil, let value = try await measures.value(measure, on: asOf) {
                            review.computed = IndicatorValue(indicator: indicator.id, date: asOf, value: value, source: measure.rawValue, computed: true)
                        }
                    }
                    indicators.append(review)
                }
                let history = assessments.filter { $0.pillar == pillar.number }
                pillars.append(PillarReview(pillar: pillar, latest: history.first { $0.action == nil }, history: history, indicators: indicators))
            }
            return StrategyReview(strategy: strategy, asOf: asOf, pillars: pillars)
        }
    }

    /// The ids of the stored strategies, oldest first.
    public func strategyIDs() async throws -> [String] {
        try await read { database in
            try await database.sql.raw("SELECT id FROM strategy ORDER BY start_date, id").all(decodingColumn: "id", as: String.self)
        }
    }

    /// The stored definition of the strategy `id`, or of the one in force on `day` (else the latest begun before it, else the first).
    func strategyDefinition(_ id: String?, on day: String) async throws -> Strategy {
        try await read { database in
            let sql = database.sql
            let row: (any SQLRow)?
            if let id {
                row = try await sql.raw("SELECT * FROM strategy WHERE id = \(bind: id)").first()
            } else {
                row = try await sql.raw("""
                    SELECT * FROM strategy ORDER BY CASE WHEN start_date <= \(bind: day) AND end_date >= \(bind: day) THEN 0
                        WHEN start_date <= \(bind: day) THEN 1 ELSE 2 END, start_date DESC
                    """).first()
            }
            guard let row else {
                throw StoreError(.notFound, id.map { "there is no strategy \($0)" } ?? "the store holds no strategy")
            }
            let id = try row.decode(column: "id", as: String.self)
            var actions: [Int: [StrategyAction]] = [:]
            for action in try await sql.raw("SELECT pillar, number, text FROM strategy_action WHERE strategy_id = \(bind: id) ORDER BY pillar, number").all() {
                actions[try action.decode(column: "pillar", as: Int.self), default: []].append(StrategyAction(
                    number: try action.decode(column: "number", as: Int.self),
                    text: try JSONText.decode(LocalizedText.self, try action.decode(column: "text", as: String.self))))
            }
            let pillars = try await sql.raw("SELECT number, title, outcome FROM strategy_pillar WHERE strategy_id = \(bind: id) ORDER BY number").all().map { pillar in
                let number = try pillar.decode(column: "number", as: Int.self)
                return Pillar(
                    number: number, title: try JSONText.decode(LocalizedText.self, try pillar.decode(column: "title", as: String.self)),
                    outcome: try JSONText.decode(LocalizedText.self, try pillar.decode(column: "outcome", as: String.self)), actions: actions[number] ?? [])
            }
            let indicators = try await sql.raw("""
                SELECT id, pillar, action, title, unit, baseline, baseline_year, targets, computed FROM strategy_indicator
                WHERE strategy_id = \(bind: id) ORDER BY pillar, COALESCE(action, 0)
                """).all().map { indicator in
                StrategyIndicator(
                    id: try indicator.decode(column: "id", as: String.self), pillar: try indicator.decode(column: "pillar", as: Int.self),
                    action: try indicator.decode(column: "action", as: Int?.self),
                    title: try JSONText.decode(LocalizedText.self, try indicator.decode(column: "title", as: String.self)),
                    unit: IndicatorUnit(rawValue: try indicator.decode(column: "unit", as: String.self)) ?? .count,
                    baseline: try indicator.decode(column: "baseline", as: String?.self).flatMap(Double.init),
                    baselineYear: try indicator.decode(column: "baseline_year", as: Int?.self),
                    targets: try JSONText.decode([Int: Double].self, try indicator.decode(column: "targets", as: String.self)),
                    computed: try indicator.decode(column: "computed", as: String?.self).flatMap(ComputedMeasure.init(rawValue:)))
            }
            return Strategy(
                id: id, title: try JSONText.decode(LocalizedText.self, try row.decode(column: "title", as: String.self)),
                start: try row.decode(column: "start_date", as: String.self), end: try row.decode(column: "end_date", as: String.self),
                pillars: pillars, indicators: indicators)
        }
    }

    // MARK: Writing

    /// The author of a change, trimmed; every change needs one.
    static func author(_ name: String) throws -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw StoreError(.invalidChange, "every change needs its author (--by NAME)") }
        return name
    }

    /// The next id of `table`, in the writer's transaction (the one writer makes it safe).
    static func nextID(_ table: String, in database: Database) async throws -> Int {
        (try await database.sql.raw("SELECT COALESCE(MAX(id), 0) + 1 AS id FROM \(ident: table)").first()?.decode(column: "id", as: Int.self)) ?? 1
    }

    static func insert(_ assessment: ProgressAssessment, strategyID: String, in database: Database) async throws {
        var rows = TableRows(Schema.strategyAssessment)
        rows.append([
            "id": .integer(try await nextID(Schema.strategyAssessment.name, in: database)), "strategy_id": .text(strategyID),
            "pillar": .integer(assessment.pillar), "action": Cell(assessment.action), "review_date": .text(assessment.date),
            "data_as_of": Cell(assessment.dataAsOf), "rating": .text(assessment.rating.rawValue),
            "narrative": .text(JSONText.encode(assessment.narrative)), "evidence": .text(JSONText.encode(assessment.evidence)),
            "recorded_by": .text(assessment.recordedBy), "recorded_at": .text(assessment.recordedAt),
        ])
        try await database.insert(rows)
    }

    static func insert(_ value: IndicatorValue, strategyID: String, in database: Database) async throws {
        var rows = TableRows(Schema.indicatorValue)
        rows.append([
            "id": .integer(try await nextID(Schema.indicatorValue.name, in: database)), "strategy_id": .text(strategyID),
            "indicator_id": .text(value.indicator), "value_date": .text(value.date), "value": .text(Self.decimalText(value.value)),
            "source": .text(value.source), "recorded_by": .text(value.recordedBy ?? ""), "recorded_at": .text(value.recordedAt ?? Timestamp.now()),
        ])
        try await database.insert(rows)
    }

    /// `50.9`, `120`: the shortest text that reads back as the same number.
    static func decimalText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    static func log(in database: Database, entity: String, key: String, change: String, by author: String, at time: String) async throws {
        var rows = TableRows(Schema.changeLog)
        rows.append([
            "id": .integer(try await nextID(Schema.changeLog.name, in: database)), "entity": .text(entity), "entity_key": .text(key),
            "change": .text(change), "recorded_by": .text(author), "recorded_at": .text(time),
        ])
        try await database.insert(rows)
    }
}
